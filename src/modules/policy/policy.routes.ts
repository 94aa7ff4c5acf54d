import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { depsOf } from '../../platform/http/context';
import { languageFromHeader, publicPageHeaders } from '../../platform/http/public-page';
import { ADMINS } from '../../platform/http/route-auth';
import { errorResponses } from '../../platform/http/schemas';
import {
  draftPrecondition,
  policyAdminResponse,
  policyDocument,
  publicPolicyQuery,
  publicPolicyResponse,
  publishPolicyBody,
} from './policy.schemas';
import { policyHtmlPage } from './policy-page-html';
import { discardPolicyDraft } from './use-cases/discard-policy-draft';
import { getPolicyAdmin } from './use-cases/get-policy-admin';
import { getPublicPolicy } from './use-cases/get-public-policy';
import { publishPolicy } from './use-cases/publish-policy';
import { savePolicyDraft } from './use-cases/save-policy-draft';

export async function policyRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/admin/policy', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'getPolicyAdmin',
      tags: ['policy'],
      summary:
        'The refund policy in force, the newest published version, the history and the draft with its changes (admin)',
      response: { 200: policyAdminResponse, ...errorResponses },
    },
    handler: (request) => getPolicyAdmin(depsOf(root, request)),
  });

  app.put('/api/admin/policy/draft', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'savePolicyDraft',
      tags: ['policy'],
      summary:
        'Create or replace the policy draft with a whole document; basedOn and draftUpdatedAt say what was edited, a stale save is a 409 (admin)',
      querystring: draftPrecondition,
      body: policyDocument,
      response: { 200: policyAdminResponse, ...errorResponses },
    },
    handler: async (request) => {
      const deps = depsOf(root, request);
      await savePolicyDraft(deps, { ...request.query, document: request.body });
      return getPolicyAdmin(deps);
    },
  });

  app.delete('/api/admin/policy/draft', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'discardPolicyDraft',
      tags: ['policy'],
      summary: 'Throw the policy draft away (admin)',
      response: { 200: policyAdminResponse, ...errorResponses },
    },
    handler: async (request) => {
      const deps = depsOf(root, request);
      await discardPolicyDraft(deps);
      return getPolicyAdmin(deps);
    },
  });

  app.post('/api/admin/policy/publish', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'publishPolicy',
      tags: ['policy'],
      summary:
        'Publish the draft as the next policy version, effective from today or a later day; the draft is removed (admin)',
      body: publishPolicyBody,
      response: { 201: policyAdminResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const deps = depsOf(root, request);
      await publishPolicy(deps, request.body);
      return reply.code(201).send(await getPolicyAdmin(deps));
    },
  });

  app.get('/api/policy', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getPublicPolicy',
      tags: ['policy'],
      summary: 'The refund policy in force today as customers read it, in German or English (no login)',
      querystring: publicPolicyQuery,
      response: { 200: publicPolicyResponse, ...errorResponses },
    },
    handler: async (request) => {
      const lang = request.query.lang ?? languageFromHeader(request.headers['accept-language']);
      return (await getPublicPolicy(depsOf(root, request), { lang })).page;
    },
  });

  app.get('/policy', {
    config: { auth: 'public' },
    // a customer's link with a language we do not speak still opens the page, in the browser's language
    schema: { hide: true, querystring: z.object({ lang: z.string().max(10).optional() }) },
    handler: async (request, reply) => {
      const asked = request.query.lang;
      const lang =
        asked === 'de' || asked === 'en' ? asked : languageFromHeader(request.headers['accept-language']);
      const { page, companyName } = await getPublicPolicy(depsOf(root, request), { lang });
      return publicPageHeaders(reply).send(policyHtmlPage(page, companyName));
    },
  });
}
