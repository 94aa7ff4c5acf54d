import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { depsOf } from '../../platform/http/context';
import { ADMINS, ANY_STAFF } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import {
  cancellationIdParam,
  cancellationReasonsResponse,
  cancellationResponse,
  explainCancellationBody,
  idempotencyHeaders,
  noteDraftResponse,
  offersResponse,
  planResponse,
  previewQuery,
  processCancellationBody,
  reasonCodeParam,
  respondToOfferBody,
  reviewCancellationBody,
  reviewResponse,
  saveCancellationReasonBody,
  savedReasonResponse,
  startCancellationBody,
} from './cancellations.schemas';
import { answerCancellationOffer } from './use-cases/answer-cancellation-offer';
import { confirmCancellation } from './use-cases/confirm-cancellation';
import { draftCancellationNoteFor } from './use-cases/draft-cancellation-note';
import { explainCancellation } from './use-cases/explain-cancellation';
import { getCancellation } from './use-cases/get-cancellation';
import { getCancellationReview } from './use-cases/get-cancellation-review';
import { listCancellationReasons } from './use-cases/list-cancellation-reasons';
import { listCaseCancellations } from './use-cases/list-case-cancellations';
import { presentCancellationOffers } from './use-cases/present-cancellation-offers';
import { previewCancellation } from './use-cases/preview-cancellation';
import { processCancellation } from './use-cases/process-cancellation';
import { reviewCancellation } from './use-cases/review-cancellation';
import { revokeCancellation } from './use-cases/revoke-cancellation';
import { saveCancellationReason } from './use-cases/save-cancellation-reason';
import { startCancellation } from './use-cases/start-cancellation';
import { withdrawCancellation } from './use-cases/withdraw-cancellation';

const TAGS = ['cancellations'];
const view = { 200: cancellationResponse, ...errorResponses };

export async function cancellationRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const answer = (request: Parameters<typeof depsOf>[1], cancellationId: string) =>
    getCancellation(depsOf(root, request), { cancellationId });

  app.get('/api/cancellation-reasons', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listCancellationReasons',
      tags: TAGS,
      summary:
        'The cancellation reason taxonomy in force (newest version of each reason), as a tree, German and English',
      response: { 200: cancellationReasonsResponse, ...errorResponses },
    },
    handler: async (request) => listCancellationReasons(depsOf(root, request)),
  });

  app.put('/api/admin/cancellation-reasons/:code', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'saveCancellationReason',
      tags: TAGS,
      summary:
        'Rename, retire or add a cancellation reason (admin): a new version, recorded requests keep their own',
      params: reasonCodeParam,
      body: saveCancellationReasonBody,
      response: { 200: savedReasonResponse, ...errorResponses },
    },
    handler: async (request) =>
      saveCancellationReason(depsOf(root, request), { code: request.params.code, body: request.body }),
  });

  app.post('/api/cases/:id/cancellations', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'startCancellation',
      tags: TAGS,
      summary: 'Record a cancellation request with its reason on a verified case (the caller may cancel)',
      params: idParam('case'),
      headers: idempotencyHeaders,
      body: startCancellationBody,
      response: { 201: cancellationResponse, 200: cancellationResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { id, created } = await startCancellation(depsOf(root, request), {
        caseId: request.params.id,
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.code(created ? 201 : 200).send(await answer(request, id));
    },
  });

  app.get('/api/cases/:id/cancellations', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listCaseCancellations',
      tags: TAGS,
      summary: "A case's cancellations, oldest first, with their steps",
      params: idParam('case'),
      response: { 200: z.object({ items: z.array(cancellationResponse) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await listCaseCancellations(depsOf(root, request), { caseId: request.params.id }),
    }),
  });

  app.get('/api/cancellations/:id', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getCancellation',
      tags: TAGS,
      summary: 'One cancellation with its steps, outcome and history',
      params: cancellationIdParam,
      response: view,
    },
    handler: async (request) => answer(request, request.params.id),
  });

  app.get('/api/cancellations/:id/review', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getCancellationReview',
      tags: TAGS,
      summary:
        'The account review: subscriptions with periods and next renewal, balance, open invoices and what each option does (refund included)',
      params: cancellationIdParam,
      response: { 200: reviewResponse, ...errorResponses },
    },
    handler: async (request) =>
      getCancellationReview(depsOf(root, request), { cancellationId: request.params.id }),
  });

  app.post('/api/cancellations/:id/review', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'reviewCancellation',
      tags: TAGS,
      summary: 'Record the account review; with open invoices the agent confirms having told the customer',
      params: cancellationIdParam,
      body: reviewCancellationBody,
      response: view,
    },
    handler: async (request) => {
      await reviewCancellation(depsOf(root, request), {
        cancellationId: request.params.id,
        balanceDiscussed: request.body.balanceDiscussed,
      });
      return answer(request, request.params.id);
    },
  });

  app.post('/api/cancellations/:id/explain', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'explainCancellation',
      tags: TAGS,
      summary: "Record the explanation of one option and answer the script in the customer's language",
      params: cancellationIdParam,
      body: explainCancellationBody,
      response: { 200: planResponse, ...errorResponses },
    },
    handler: async (request) =>
      explainCancellation(depsOf(root, request), {
        cancellationId: request.params.id,
        effective: request.body.effective,
      }),
  });

  app.post('/api/cancellations/:id/offers', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'presentCancellationOffers',
      tags: TAGS,
      summary: 'Show the eligible retention offers (recorded as shown); none ends the offers step',
      params: cancellationIdParam,
      response: { 200: offersResponse, ...errorResponses },
    },
    handler: async (request) => {
      const presented = await presentCancellationOffers(depsOf(root, request), {
        cancellationId: request.params.id,
      });
      return {
        ...(await answer(request, request.params.id)),
        presented: presented.offers,
        holdout: presented.holdout,
      };
    },
  });

  app.post('/api/cancellations/:id/offers/response', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'answerCancellationOffer',
      tags: TAGS,
      summary:
        "The customer's answer: declining ends the offers, accepting ends the cancellation as retained",
      params: cancellationIdParam,
      body: respondToOfferBody,
      response: view,
    },
    handler: async (request) => {
      await answerCancellationOffer(depsOf(root, request), {
        cancellationId: request.params.id,
        response: request.body.response,
        offerId: request.body.offerId,
      });
      return answer(request, request.params.id);
    },
  });

  app.get('/api/cancellations/:id/preview', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'previewCancellation',
      tags: TAGS,
      summary: 'Exactly what processing with this option will do (dates, refund, status), changing nothing',
      params: cancellationIdParam,
      querystring: previewQuery,
      response: { 200: planResponse, ...errorResponses },
    },
    handler: async (request) =>
      previewCancellation(depsOf(root, request), {
        cancellationId: request.params.id,
        effective: request.query.effective,
      }),
  });

  app.post('/api/cancellations/:id/process', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'processCancellation',
      tags: TAGS,
      summary:
        'Cancel at period end or immediately, with the refund it implies, in one transaction and exactly once',
      params: cancellationIdParam,
      body: processCancellationBody,
      response: view,
    },
    handler: async (request) => {
      await processCancellation(depsOf(root, request), {
        cancellationId: request.params.id,
        effective: request.body.effective,
        refund: request.body.refund,
      });
      return answer(request, request.params.id);
    },
  });

  app.post('/api/cancellations/:id/confirm', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'confirmCancellation',
      tags: TAGS,
      summary:
        "Send the confirmation e-mail in the customer's language (effective date, billing, refund, next steps, reference)",
      params: cancellationIdParam,
      response: view,
    },
    handler: async (request) => {
      await confirmCancellation(depsOf(root, request), { cancellationId: request.params.id });
      return answer(request, request.params.id);
    },
  });

  app.post('/api/cancellations/:id/revoke', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'revokeCancellation',
      tags: TAGS,
      summary: 'Take back a cancellation at period end before its effective date',
      params: cancellationIdParam,
      response: view,
    },
    handler: async (request) => {
      await revokeCancellation(depsOf(root, request), { cancellationId: request.params.id });
      return answer(request, request.params.id);
    },
  });

  app.post('/api/cancellations/:id/withdraw', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'withdrawCancellation',
      tags: TAGS,
      summary: 'The customer withdrew the request before it was processed; nothing changes',
      params: cancellationIdParam,
      response: view,
    },
    handler: async (request) => {
      await withdrawCancellation(depsOf(root, request), { cancellationId: request.params.id });
      return answer(request, request.params.id);
    },
  });

  app.get('/api/cancellations/:id/note-draft', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'draftCancellationNote',
      tags: TAGS,
      summary:
        "A drafted account note for the outcome (cancelled, retained, withdrawn) in the agent's language",
      params: cancellationIdParam,
      response: { 200: noteDraftResponse, ...errorResponses },
    },
    handler: async (request) =>
      draftCancellationNoteFor(depsOf(root, request), { cancellationId: request.params.id }),
  });
}
