import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { depsOf } from '../../platform/http/context';
import { ADMINS, ANY_STAFF, LEADS } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import {
  caseOfferParams,
  caseOffersResponse,
  holdoutBody,
  offerBody,
  offerIdParam,
  offerListResponse,
  offerResponse,
  offerStatsResponse,
  presentOffersBody,
  presentOffersResponse,
  reorderOffersBody,
  respondToOfferBody,
  respondToOfferResponse,
} from './offers.schemas';
import { createOffer } from './use-cases/create-offer';
import { getOfferStats } from './use-cases/get-offer-stats';
import { listCaseOffers } from './use-cases/list-case-offers';
import { listOffersAdmin } from './use-cases/list-offers-admin';
import { presentCaseOffers } from './use-cases/present-case-offers';
import { reorderOffers } from './use-cases/reorder-offers';
import { respondToCaseOffer } from './use-cases/respond-to-case-offer';
import { updateOffer } from './use-cases/update-offer';
import { updateOfferHoldout } from './use-cases/update-offer-holdout';

const TAGS = ['offers'];

export async function offerRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/admin/offers', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'listOffersAdmin',
      tags: TAGS,
      summary:
        'Every retention offer in order (best first), the holdout setting and the reason codes (admin)',
      response: { 200: offerListResponse, ...errorResponses },
    },
    handler: (request) => listOffersAdmin(depsOf(root, request)),
  });

  app.post('/api/admin/offers', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'createOffer',
      tags: TAGS,
      summary:
        'Define a retention offer (pause, downgrade, discount, extension, custom) with its eligibility (admin)',
      body: offerBody,
      response: { 201: offerResponse, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createOffer(depsOf(root, request), { body: request.body })),
  });

  app.put('/api/admin/offers/:id', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'updateOffer',
      tags: TAGS,
      summary: "Replace an offer's definition; switch it off with active: false (admin)",
      params: offerIdParam,
      body: offerBody,
      response: { 200: offerResponse, ...errorResponses },
    },
    handler: (request) =>
      updateOffer(depsOf(root, request), { offerId: request.params.id, body: request.body }),
  });

  app.post('/api/admin/offers/reorder', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'reorderOffers',
      tags: TAGS,
      summary: 'Put the offers in a new order, best first; every offer listed once (admin)',
      body: reorderOffersBody,
      response: { 200: offerListResponse, ...errorResponses },
    },
    handler: async (request) => {
      const deps = depsOf(root, request);
      await reorderOffers(deps, { ids: request.body.ids });
      return listOffersAdmin(deps);
    },
  });

  app.put('/api/admin/offers/holdout', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'updateOfferHoldout',
      tags: TAGS,
      summary:
        'Set the share of accounts that sees no offer (the holdout group) and optionally a new salt (admin)',
      body: holdoutBody,
      response: { 200: offerListResponse, ...errorResponses },
    },
    handler: async (request) => {
      const deps = depsOf(root, request);
      await updateOfferHoldout(deps, request.body);
      return listOffersAdmin(deps);
    },
  });

  app.get('/api/cases/:id/offers', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listCaseOffers',
      tags: TAGS,
      summary: 'What was offered on the case and how the customer answered, oldest first',
      params: idParam('case'),
      response: { 200: caseOffersResponse, ...errorResponses },
    },
    handler: (request) => listCaseOffers(depsOf(root, request), { caseId: request.params.id }),
  });

  app.post('/api/cases/:id/offers/present', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'presentCaseOffers',
      tags: TAGS,
      summary:
        'On a case verified for cancelling: the eligible offers for this subscription and reason, best first, each with why (recorded as shown)',
      params: idParam('case'),
      body: presentOffersBody,
      response: { 200: presentOffersResponse, ...errorResponses },
    },
    handler: (request) =>
      presentCaseOffers(depsOf(root, request), { caseId: request.params.id, ...request.body }),
  });

  app.post('/api/cases/:id/offers/:offerId/respond', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'respondToCaseOffer',
      tags: TAGS,
      summary:
        "The customer's answer to an offer shown on the case: accepted (applied through billing, the case is retained) or declined (the offers end)",
      params: caseOfferParams,
      body: respondToOfferBody,
      response: { 200: respondToOfferResponse, ...errorResponses },
    },
    handler: (request) =>
      respondToCaseOffer(depsOf(root, request), {
        caseId: request.params.id,
        offerId: request.params.offerId,
        ...request.body,
      }),
  });

  app.get('/api/offers/stats', {
    config: { auth: LEADS },
    schema: {
      operationId: 'getOfferStats',
      tags: TAGS,
      summary:
        'Per offer: shown, accepted, declined, saves confirmed (still subscribed after 30 days) and pending; the holdout group for comparison (lead, admin)',
      response: { 200: offerStatsResponse, ...errorResponses },
    },
    handler: (request) => getOfferStats(depsOf(root, request)),
  });
}
