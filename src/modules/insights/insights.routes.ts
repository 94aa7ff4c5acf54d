import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { depsOf } from '../../platform/http/context';
import { LEADS } from '../../platform/http/route-auth';
import { errorResponses } from '../../platform/http/schemas';
import {
  repeatRequestersQuery,
  repeatRequestersResponse,
  simulatePolicyBody,
  simulationResponse,
} from './insights.schemas';
import { listRepeatRequesters } from './use-cases/list-repeat-requesters';
import { simulatePolicy } from './use-cases/simulate-policy';

const TAGS = ['insights'];

export async function insightsRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post('/api/policy-simulations', {
    config: { auth: LEADS },
    schema: {
      operationId: 'simulatePolicy',
      tags: TAGS,
      summary:
        'Replay the refund requests of a period against the draft (or a published version): what would change, by reason and product (lead, admin)',
      body: simulatePolicyBody,
      response: { 200: simulationResponse, ...errorResponses },
    },
    handler: async (request) => {
      const started = performance.now();
      const summary = await simulatePolicy(depsOf(root, request), request.body);
      return {
        ...summary,
        period: { from: request.body.from, to: request.body.to },
        ms: Math.round(performance.now() - started),
      };
    },
  });

  app.get('/api/insights/repeat-requesters', {
    config: { auth: LEADS },
    schema: {
      operationId: 'listRepeatRequesters',
      tags: TAGS,
      summary:
        'Accounts with several refund requests in the last months, with exceptions, payouts and the abuse signals raised, for a lead to review',
      querystring: repeatRequestersQuery,
      response: { 200: repeatRequestersResponse, ...errorResponses },
    },
    handler: async (request) => listRepeatRequesters(depsOf(root, request), request.query),
  });
}
