import type { FastifyInstance } from 'fastify';

/**
 * One line per answered request instead of Fastify's two ("incoming request", "request
 * completed"): method, path, route, status and time. The query string is left out, because the
 * desk's searches carry what callers said (phone numbers, names, e-mail addresses), which has no
 * place in a log that is kept and shipped elsewhere; the route shows what was asked for.
 * Install it together with `logController: new LogController({ disableRequestLogging: true })`.
 */
export function installAccessLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const query = request.url.indexOf('?');
    request.log.info(
      {
        method: request.method,
        path: query === -1 ? request.url : request.url.slice(0, query),
        route: request.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        staff: request.staff?.id,
      },
      'request',
    );
  });
}
