import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { depsOf } from '../../platform/http/context';
import { ADMINS } from '../../platform/http/route-auth';
import { errorResponses } from '../../platform/http/schemas';
import { auditPageResponse, auditQuery } from './audit.schemas';
import { browseAuditEvents } from './use-cases/browse-audit-events';

export async function auditRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/admin/audit', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'listAuditEvents',
      tags: ['audit'],
      summary: 'Browse the append-only audit log, newest first (admin)',
      querystring: auditQuery,
      response: { 200: auditPageResponse, ...errorResponses },
    },
    handler: async (request) => {
      const { from, to, ...rest } = request.query;
      return browseAuditEvents(depsOf(root, request), {
        ...rest,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      });
    },
  });
}
