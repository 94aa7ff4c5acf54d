import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../platform/errors';
import { depsOf } from '../../platform/http/context';
import { ANY_STAFF, staffOf } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import { CaseErrors } from './cases.errors';
import { findCase, listCases } from './cases.repository';
import {
  caseResponse,
  caseSummaryResponse,
  createCaseBody,
  listCasesQuery,
  timelineResponse,
  toCaseResponse,
  toCaseSummary,
  updateCaseBody,
} from './cases.schemas';
import { caseTimeline } from './use-cases/case-timeline';
import { openCase } from './use-cases/open-case';
import { updateCase } from './use-cases/update-case';

export async function caseRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = root.ctx;
  const load = async (id: string) => {
    const row = await findCase(db, id);
    if (!row)
      throw new DomainError(CaseErrors.CASE_NOT_FOUND, `Case ${id} does not exist`, { field: 'params.id' });
    return toCaseResponse(row, clock.now());
  };

  app.post('/api/cases', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'openCase',
      tags: ['cases'],
      summary: 'Open a case for a contact (assigned to you)',
      body: createCaseBody,
      response: { 201: caseResponse, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await load(await openCase(depsOf(root, request), request.body))),
  });

  app.get('/api/cases', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listCases',
      tags: ['cases'],
      summary: 'Cases, newest first, by account, assignee (me) or status',
      querystring: listCasesQuery,
      response: { 200: z.object({ items: z.array(caseSummaryResponse) }), ...errorResponses },
    },
    handler: async (request) => {
      const { assignee, ...rest } = request.query;
      const assigneeId = assignee === 'me' ? staffOf(request).id : assignee;
      return { items: (await listCases(db, { ...rest, assigneeId })).map(toCaseSummary) };
    },
  });

  app.get('/api/cases/:id', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getCase',
      tags: ['cases'],
      summary: 'One case with its verification state',
      params: idParam('case'),
      response: { 200: caseResponse, ...errorResponses },
    },
    handler: async (request) => load(request.params.id),
  });

  app.patch('/api/cases/:id', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'updateCase',
      tags: ['cases'],
      summary: 'Change status, assignee, mood or subject; closing schedules the follow-up survey',
      params: idParam('case'),
      body: updateCaseBody,
      response: { 200: caseResponse, ...errorResponses },
    },
    handler: async (request) => {
      await updateCase(depsOf(root, request), { id: request.params.id, ...request.body });
      return load(request.params.id);
    },
  });

  app.get('/api/cases/:id/timeline', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getCaseTimeline',
      tags: ['cases'],
      summary: 'Everything that happened on the case, oldest first',
      params: idParam('case'),
      response: { 200: timelineResponse, ...errorResponses },
    },
    handler: async (request) => {
      return { items: await caseTimeline(depsOf(root, request), { caseId: request.params.id }) };
    },
  });
}
