import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { DEMO_LOGINS } from '../src/db/seed/seed-demo';
import type { Clock } from '../src/platform/clock';
import type { TestApp } from './harness';

/** Counts every statement executed through the Kysely instance it is plugged into. */
class CountingPlugin implements KyselyPlugin {
  statements = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    this.statements++;
    return args.result;
  }
}

/**
 * A second app over the test's own database whose Kysely instance counts the statements it
 * sends (the bench's round-trip column counts the same way, with Kysely's `log`). `get` answers
 * the response and how many statements that one request sent, the session check included.
 */
export async function statementCountingApp(t: TestApp) {
  const counter = new CountingPlugin();
  const app: FastifyInstance = await buildApp({
    db: t.db.withPlugin(counter),
    clock: t.clock as Clock,
    config: { ...loadConfig({}), secret: t.secret },
    secret: t.secret,
    jobs: t.jobs,
    webDist: '/nonexistent',
  });
  await app.ready();
  const agent = DEMO_LOGINS.find((l) => l.role === 'agent')!;
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: agent.email, password: agent.password },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  return {
    async get(url: string) {
      counter.statements = 0;
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      return { status: res.statusCode, body: res.json(), statements: counter.statements };
    },
    close: () => app.close(),
  };
}
