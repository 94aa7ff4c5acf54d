import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
} from 'kysely';
import { agentApp } from '../bench/in-process';
import type { TestApp } from './harness';

/** Counts every statement executed through the Kysely instance it is plugged into. */
class CountingPlugin implements KyselyPlugin {
  statements = 0;
  /** The SQL of the statements counted since the last reset, to say which ones when a count is off. */
  sent: string[] = [];
  private readonly compiler = new PostgresQueryCompiler();
  // a statement's builders nested in it (CTEs, subqueries) pass through transformQuery too: the
  // SQL is kept by query id and only the statement that answers a result is counted
  private readonly compiled = new WeakMap<object, string>();
  transformQuery(args: PluginTransformQueryArgs) {
    this.compiled.set(args.queryId, this.compiler.compileQuery(args.node, args.queryId).sql);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    this.statements++;
    this.sent.push(this.compiled.get(args.queryId) ?? '(unknown)');
    return args.result;
  }
  reset() {
    this.statements = 0;
    this.sent = [];
  }
}

/**
 * A second app over the test's own database (and on its clock), logged in as a demo user (the
 * agent unless told) the way the bench's round-trip count is (bench/in-process.ts), whose Kysely
 * instance counts the statements it sends. `get` and `post` answer the response and how many
 * statements that one request sent, the session check included (the begin and commit of a
 * transaction are not statements of Kysely's and are not counted), with their SQL in `sent`.
 */
export async function statementCountingApp(t: TestApp, options: { role?: 'agent' | 'lead' | 'admin' } = {}) {
  const counter = new CountingPlugin();
  const { app, cookie, csrf } = await agentApp(t.db.withPlugin(counter), t.secret, options.role, {
    clock: t.clock,
  });
  const answer = (res: Awaited<ReturnType<typeof app.inject>>) => ({
    status: res.statusCode,
    body: res.json(),
    statements: counter.statements,
    sent: counter.sent,
  });
  return {
    async get(url: string) {
      counter.reset();
      return answer(await app.inject({ method: 'GET', url, headers: { cookie } }));
    },
    async post(url: string, payload: object, headers: Record<string, string> = {}) {
      counter.reset();
      return answer(
        await app.inject({
          method: 'POST',
          url,
          payload,
          headers: { cookie, 'x-csrf-token': csrf, ...headers },
        }),
      );
    },
    close: () => app.close(),
  };
}
