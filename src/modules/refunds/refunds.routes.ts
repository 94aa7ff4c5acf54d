import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { depsOf } from '../../platform/http/context';
import { ANY_STAFF, LEADS } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import { refundEvidenceRoutes } from './refund-evidence.routes';
import {
  createRefundRequestBody,
  decideRefundRequestBody,
  decisionResponse,
  escalateRefundRequestBody,
  idempotencyHeaders,
  refundNoteDraftResponse,
  refundQueueQuery,
  refundQueueResponse,
  refundReasonsResponse,
  refundRequestIdParam,
  refundRequestResponse,
  refundScriptResponse,
  resubmitRefundRequestBody,
} from './refunds.schemas';
import { createRefundRequest } from './use-cases/create-refund-request';
import { decideRefundRequest } from './use-cases/decide-refund-request';
import { draftRefundNote } from './use-cases/draft-refund-note';
import { escalateRefundRequest } from './use-cases/escalate-refund-request';
import { getRefundRequest } from './use-cases/get-refund-request';
import { getRefundScript } from './use-cases/get-refund-script';
import { listCaseRefundRequests } from './use-cases/list-case-refund-requests';
import { listRefundReasons } from './use-cases/list-refund-reasons';
import { listRefundRequests } from './use-cases/list-refund-requests';
import { resubmitRefundRequest } from './use-cases/resubmit-refund-request';
import { runRefundExecution } from './use-cases/run-refund-execution';

const TAGS = ['refunds'];

export async function refundRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const answer = (request: Parameters<typeof depsOf>[1], requestId: string) =>
    getRefundRequest(depsOf(root, request), { requestId });

  app.post('/api/cases/:id/refund-requests', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'createRefundRequest',
      tags: TAGS,
      summary: 'Record a refund request on a verified case; it is evaluated against the policy in force',
      params: idParam('case'),
      headers: idempotencyHeaders,
      body: createRefundRequestBody,
      response: { 201: refundRequestResponse, 200: refundRequestResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { id, created } = await createRefundRequest(depsOf(root, request), {
        caseId: request.params.id,
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.code(created ? 201 : 200).send(await answer(request, id));
    },
  });

  app.get('/api/cases/:id/refund-requests', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listCaseRefundRequests',
      tags: TAGS,
      summary: "A case's refund requests, oldest first, with their evaluations",
      params: idParam('case'),
      response: { 200: z.object({ items: z.array(refundRequestResponse) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await listCaseRefundRequests(depsOf(root, request), { caseId: request.params.id }),
    }),
  });

  app.get('/api/refund-reasons', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listRefundReasons',
      tags: TAGS,
      summary: 'The refund reasons of the policy in force, in German and English, for the intake form',
      response: { 200: refundReasonsResponse, ...errorResponses },
    },
    handler: async (request) => listRefundReasons(depsOf(root, request)),
  });

  // the evidence routes bring their own body parser (the file's bytes), in a plugin of their own
  await root.register(refundEvidenceRoutes);

  app.get('/api/refund-requests', {
    config: { auth: LEADS },
    schema: {
      operationId: 'listRefundRequests',
      tags: TAGS,
      summary:
        'The exceptions queue (pending_approval by default), oldest first, with waiting times (lead, admin)',
      querystring: refundQueueQuery,
      response: { 200: refundQueueResponse, ...errorResponses },
    },
    handler: async (request) => listRefundRequests(depsOf(root, request), request.query),
  });

  app.get('/api/refund-requests/:id', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getRefundRequest',
      tags: TAGS,
      summary:
        'One refund request with its evaluation (explanations in German and English), decision and history',
      params: refundRequestIdParam,
      response: { 200: refundRequestResponse, ...errorResponses },
    },
    handler: async (request) => answer(request, request.params.id),
  });

  app.post('/api/refund-requests/:id/decision', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'decideRefundRequest',
      tags: TAGS,
      summary:
        'Approve (in full or in part), deny with an alternative, or send back for more information; an approval is paid out by the worker, exactly once',
      params: refundRequestIdParam,
      headers: idempotencyHeaders,
      body: decideRefundRequestBody,
      response: { 200: decisionResponse, ...errorResponses },
    },
    handler: async (request) => {
      const deps = depsOf(root, request);
      const decided = await decideRefundRequest(deps, {
        requestId: request.params.id,
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      // pay out now rather than at the worker's next poll; the job stays the safety net
      if (decided.executionId)
        await runRefundExecution(deps, { executionId: decided.executionId }).catch((error: unknown) =>
          request.log.warn({ err: error }, 'refund execution will be retried by the worker'),
        );
      const script = decided.executionId
        ? ((await getRefundScript(deps, { requestId: request.params.id })).lines ?? decided.script)
        : decided.script;
      return { ...(await answer(request, request.params.id)), script };
    },
  });

  app.get('/api/refund-requests/:id/script', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getRefundScript',
      tags: TAGS,
      summary: "The agent's phone script for the decision, in the customer's language, for the recorded mood",
      params: refundRequestIdParam,
      response: { 200: refundScriptResponse, ...errorResponses },
    },
    handler: async (request) => getRefundScript(depsOf(root, request), { requestId: request.params.id }),
  });

  app.get('/api/refund-requests/:id/note-draft', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'draftRefundNote',
      tags: TAGS,
      summary:
        "A drafted account note (reason, actions, commitments with due dates) in the agent's language, to save through createNote",
      params: refundRequestIdParam,
      response: { 200: refundNoteDraftResponse, ...errorResponses },
    },
    handler: async (request) => draftRefundNote(depsOf(root, request), { requestId: request.params.id }),
  });

  app.post('/api/refund-requests/:id/escalate', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'escalateRefundRequest',
      tags: TAGS,
      summary: 'Send an evaluated request to the exceptions queue',
      params: refundRequestIdParam,
      body: escalateRefundRequestBody,
      response: { 200: refundRequestResponse, ...errorResponses },
    },
    handler: async (request) => {
      await escalateRefundRequest(depsOf(root, request), {
        requestId: request.params.id,
        note: request.body.note,
      });
      return answer(request, request.params.id);
    },
  });

  app.post('/api/refund-requests/:id/resubmit', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'resubmitRefundRequest',
      tags: TAGS,
      summary: 'Answer a request sent back for more information: evaluated again and back in the queue',
      params: refundRequestIdParam,
      body: resubmitRefundRequestBody,
      response: { 200: refundRequestResponse, ...errorResponses },
    },
    handler: async (request) => {
      await resubmitRefundRequest(depsOf(root, request), {
        requestId: request.params.id,
        body: request.body,
      });
      return answer(request, request.params.id);
    },
  });
}
