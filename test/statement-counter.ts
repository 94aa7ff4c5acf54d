import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { agentApp } from '../bench/in-process';
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
 * A second app over the test's own database, logged in as the demo agent the way the bench's
 * round-trip count is (bench/in-process.ts), whose Kysely instance counts the statements it
 * sends. `get` answers the response and how many statements that one request sent, the session
 * check included.
 */
export async function statementCountingApp(t: TestApp) {
  const counter = new CountingPlugin();
  const { app, cookie } = await agentApp(t.db.withPlugin(counter), t.secret);
  return {
    async get(url: string) {
      counter.statements = 0;
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      return { status: res.statusCode, body: res.json(), statements: counter.statements };
    },
    close: () => app.close(),
  };
}
