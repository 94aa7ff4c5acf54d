import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { featureRoutes, htmlErrorPages } from './modules';
import { resolveSession } from './modules/staff';
import { SYSTEM_ACTOR } from './platform/audit';
import { CommonErrors, DomainError } from './platform/errors';
import { installAccessLog } from './platform/http/access-log';
import type { AppContext } from './platform/http/context';
import { requireOperationIds } from './platform/http/operation-ids';
import { errorHandler, problem, routerErrorHandler, sendProblem } from './platform/http/problem';
import { installRouteAuth } from './platform/http/route-auth';
import { errorResponses } from './platform/http/schemas';
import { registerSecurityHeaders } from './platform/http/security-headers';
import { validatorCompiler } from './platform/http/validator';

export interface BuildAppOptions extends AppContext {
  /** Folder with the built web UI; served with an SPA fallback when it exists. */
  webDist?: string;
  /** The server's logger (platform/logger.ts); without one the app logs nothing (tests). */
  logger?: FastifyBaseLogger;
}

export const PROJECT_ROOT = join(import.meta.dirname, '..');
export const DEFAULT_WEB_DIST = join(PROJECT_ROOT, 'web', 'dist');

/** Assembles the HTTP app: security plugins, OpenAPI, the auth hook, every feature's routes and the UI. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // one access line per request, without the query string (installAccessLog)
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    // X-Forwarded-For/-Proto/-Host are believed only from the proxies in KULANZ_TRUST_PROXY
    trustProxy: options.config.trustProxy.length ? options.config.trustProxy : false,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: routerErrorHandler(htmlErrorPages),
  });
  app.decorate('ctx', {
    db: options.db,
    clock: options.clock,
    config: options.config,
    secret: options.secret,
    jobs: options.jobs,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await registerSecurityHeaders(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'kulanz API',
        version: '0.1.0',
        description:
          'Cancellation and refund desk. Log in with POST /api/auth/login; send the returned csrfToken as ' +
          'the x-csrf-token header on every change. Errors are application/problem+json with a code and the field; ' +
          'send Accept-Language: de for validation details in German. POST routes that send messages accept an ' +
          'Idempotency-Key header.',
      },
      // Where a generated client sends its requests. Without a public URL the document says `/`: a
      // relative server URL is resolved against the document's own address (OpenAPI 3.1, 4.8.5.1),
      // so a generator reading http://<any-host>:3000/api/openapi.json gets that same origin, behind
      // a proxy or on a LAN address alike, where the listening address (0.0.0.0, 127.0.0.1) would
      // be wrong for every other machine.
      servers: [
        options.config.publicUrl
          ? { url: options.config.publicUrl.replace(/\/+$/, ''), description: 'KULANZ_PUBLIC_URL' }
          : { url: '/', description: 'the origin this document was fetched from' },
      ],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kulanz_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  // the session is looked up before anyone is known to act: the system does it
  const sessionDeps = { ...app.ctx, actor: SYSTEM_ACTOR };
  installRouteAuth(app, { resolveSession: (token) => resolveSession(sessionDeps, { token }) });
  if (options.logger) installAccessLog(app);
  requireOperationIds(app);

  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get(
    '/api/health',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'getHealth',
        tags: ['system'],
        summary: 'Liveness and database reachability, for load balancers and monitoring',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.literal('ok') }),
          ...errorResponses,
        },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(options.db);
      } catch {
        throw new DomainError(CommonErrors.DATABASE_UNAVAILABLE, 'The database does not answer');
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );
  for (const routes of featureRoutes) await app.register(routes);

  const webDist = options.webDist ?? DEFAULT_WEB_DIST;
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const missing = problem('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
    const page = htmlErrorPages.find((p) => request.url.startsWith(p.prefix));
    if (page) return page.answer(request, reply, missing);
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(reply, missing);
  });
  return app;
}
