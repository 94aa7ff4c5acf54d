import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { requireOperationIds } from './operation-ids';

async function start(register: (app: ReturnType<typeof Fastify>) => void) {
  const app = Fastify();
  requireOperationIds(app);
  try {
    register(app);
    await app.ready();
  } finally {
    await app.close();
  }
}

const reply = async () => ({});

describe('operationId check at start-up', () => {
  it('starts when every documented API route names a unique camelCase operation', async () => {
    await expect(
      start((app) => {
        app.get('/api/things', { schema: { operationId: 'listThings' } }, reply);
        app.post('/api/things', { schema: { operationId: 'createThing' } }, reply);
        // not documented, so not an operation: hidden routes and routes outside /api
        app.get('/api/openapi.json', { schema: { hide: true } }, reply);
        app.get('/s/:token', reply);
      }),
    ).resolves.toBeUndefined();
  });

  it('refuses an API route without an operationId, naming it', async () => {
    await expect(start((app) => app.get('/api/things', { schema: {} }, reply))).rejects.toThrow(
      'route GET /api/things declares no schema.operationId',
    );
    await expect(start((app) => app.delete('/api/things/:id', reply))).rejects.toThrow(
      'route DELETE /api/things/:id declares no schema.operationId',
    );
  });

  it('refuses an operationId that is not camelCase verbNoun', async () => {
    for (const bad of ['things', 'list_things', 'ListThings', 'list-things'])
      await expect(
        start((app) => app.get('/api/things', { schema: { operationId: bad } }, reply)),
      ).rejects.toThrow(`operationId "${bad}" is not camelCase verbNoun`);
  });

  it('refuses the same operationId on two routes', async () => {
    await expect(
      start((app) => {
        app.get('/api/things', { schema: { operationId: 'listThings' } }, reply);
        app.get('/api/other-things', { schema: { operationId: 'listThings' } }, reply);
      }),
    ).rejects.toThrow(
      'route GET /api/other-things: operationId "listThings" is already used by route GET /api/things',
    );
  });
});
