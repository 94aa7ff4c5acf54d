import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { depsOf } from '../../platform/http/context';
import { ANY_STAFF } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import { accountResponse, searchQuery, searchResponse, updateContactBody } from './accounts.schemas';
import { getAccount } from './use-cases/get-account';
import { searchAccounts } from './use-cases/search-accounts';
import { updateContact } from './use-cases/update-contact';

export async function accountRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/accounts/search', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'searchAccounts',
      tags: ['accounts'],
      summary: 'Find accounts by account number, phone (any notation), e-mail or name (typo-tolerant)',
      querystring: searchQuery,
      response: { 200: searchResponse, ...errorResponses },
    },
    handler: async (request) => {
      const { interpreted, items } = await searchAccounts(depsOf(root, request), request.query);
      return {
        query: request.query.q,
        interpretedAs: interpreted.kind,
        normalized: interpreted.normalized,
        items,
      };
    },
  });

  app.get('/api/accounts/:id', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getAccount',
      tags: ['accounts'],
      summary: "The account's whole situation: holder, representatives, subscriptions, money, cases",
      params: idParam('acc'),
      response: { 200: accountResponse, ...errorResponses },
    },
    handler: async (request) => getAccount(depsOf(root, request), { accountId: request.params.id }),
  });

  app.patch('/api/accounts/:id/contact', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'updateAccountContact',
      tags: ['accounts'],
      summary: 'Change contact data on a case whose caller is verified',
      params: idParam('acc'),
      body: updateContactBody,
      response: { 200: accountResponse, ...errorResponses },
    },
    handler: async (request) => {
      const deps = depsOf(root, request);
      await updateContact(deps, { accountId: request.params.id, ...request.body });
      return getAccount(deps, { accountId: request.params.id });
    },
  });
}
