import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { businessDate } from '../../platform/clock';
import { depsOf } from '../../platform/http/context';
import { ANY_STAFF, staffOf } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import { listCommitments } from './notes.repository';
import {
  addendumBody,
  commitmentResponse,
  commitmentsQuery,
  createNoteBody,
  noteResponse,
  toCommitment,
} from './notes.schemas';
import { completeCommitment } from './use-cases/complete-commitment';
import { listAccountNotes } from './use-cases/list-account-notes';
import { addAddendum, writeNote } from './use-cases/write-note';

export async function noteRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = root.ctx;
  const noteById = async (id: string) =>
    (await listAccountNotes(db, { noteIds: [id], now: clock.now(), timeZone: config.timeZone }))[0]!;
  const today = () => businessDate(clock.now(), config.timeZone);

  app.get('/api/accounts/:id/notes', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listAccountNotes',
      tags: ['notes'],
      summary: "The account's notes, newest first, with addenda and commitments",
      params: idParam('acc'),
      response: { 200: z.object({ items: z.array(noteResponse) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await listAccountNotes(db, {
        accountId: request.params.id,
        now: clock.now(),
        timeZone: config.timeZone,
      }),
    }),
  });

  app.post('/api/notes', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'writeNote',
      tags: ['notes'],
      summary: 'Write the account note: contact reason, actions taken, commitments, free text',
      body: createNoteBody,
      response: { 201: noteResponse, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await noteById(await writeNote(depsOf(root, request), request.body))),
  });

  app.post('/api/notes/:id/addenda', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'addNoteAddendum',
      tags: ['notes'],
      summary: 'Add a correction to a note (notes themselves never change)',
      params: idParam('note'),
      body: addendumBody,
      response: { 201: noteResponse, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await noteById(
            await addAddendum(depsOf(root, request), { noteId: request.params.id, body: request.body.body }),
          ),
        ),
  });

  app.get('/api/commitments', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listCommitments',
      tags: ['notes'],
      summary: 'Commitments by owner (me), status or account, due first; overdue ones are marked',
      querystring: commitmentsQuery,
      response: { 200: z.object({ items: z.array(commitmentResponse) }), ...errorResponses },
    },
    handler: async (request) => {
      const { owner, ...rest } = request.query;
      const ownerId = owner === 'me' ? staffOf(request).id : owner;
      const day = today();
      return { items: (await listCommitments(db, { ...rest, ownerId })).map((c) => toCommitment(c, day)) };
    },
  });

  app.post('/api/commitments/:id/done', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'completeCommitment',
      tags: ['notes'],
      summary: 'Mark a commitment done (its owner, a lead or an admin)',
      params: idParam('cmt'),
      response: { 200: commitmentResponse, ...errorResponses },
    },
    handler: async (request) => {
      const done = await completeCommitment(depsOf(root, request), request.params.id);
      return toCommitment(done, today());
    },
  });
}
