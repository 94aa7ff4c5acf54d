import type { FastifyInstance } from 'fastify';

/** camelCase verb + noun, e.g. `searchAccounts`, `getAccount`, `sendEmailCode`. */
const OPERATION_ID = /^[a-z]+(?:[A-Z][a-z0-9]*)+$/;

/**
 * Every documented API route names its operation: client generators turn `operationId` into
 * method names, so it must exist, read well and be unique. A route that breaks this refuses to
 * start, like a route without a declared auth.
 */
export function requireOperationIds(app: FastifyInstance): void {
  const seen = new Map<string, string>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const schema = route.schema as { operationId?: unknown; hide?: boolean } | undefined;
    if (schema?.hide) return;
    const method = Array.isArray(route.method) ? route.method.join(',') : route.method;
    // Fastify adds a HEAD route for each GET; it shares the GET's schema and is not documented
    if (method === 'HEAD') return;
    const where = `route ${method} ${route.url}`;
    const id = schema?.operationId;
    if (typeof id !== 'string') throw new Error(`${where} declares no schema.operationId`);
    if (!OPERATION_ID.test(id)) throw new Error(`${where}: operationId "${id}" is not camelCase verbNoun`);
    const other = seen.get(id);
    if (other && other !== where)
      throw new Error(`${where}: operationId "${id}" is already used by ${other}`);
    seen.set(id, where);
  });
}
