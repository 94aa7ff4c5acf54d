import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { businessDate } from '../../platform/clock';
import { depsOf } from '../../platform/http/context';
import { ANY_STAFF } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import {
  addendumBody,
  commitmentResponse,
  commitmentsQuery,
  createNoteBody,
  noteResponse,
  toCommitment,
} from './notes.schemas';
import { addAddendum } from './use-cases/add-addendum';
import { completeCommitment } from './use-cases/complete-commitment';
import { listAccountNotes } from './use-cases/list-account-notes';
import { listCommitments } from './use-cases/list-commitments';
import { reopenCommitment } from './use-cases/reopen-commitment';
import { writeNote } from './use-cases/write-note';

export async function noteRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { clock, config } = root.ctx;
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
      items: await listAccountNotes(depsOf(root, request), { accountId: request.params.id }),
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
    handler: async (request, reply) => {
      const deps = depsOf(root, request);
      const noteId = await writeNote(deps, request.body);
      return reply.code(201).send((await listAccountNotes(deps, { noteIds: [noteId] }))[0]!);
    },
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
    handler: async (request, reply) => {
      const deps = depsOf(root, request);
      const noteId = await addAddendum(deps, { noteId: request.params.id, body: request.body.body });
      return reply.code(201).send((await listAccountNotes(deps, { noteIds: [noteId] }))[0]!);
    },
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
    handler: async (request) => ({ items: await listCommitments(depsOf(root, request), request.query) }),
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
      const done = await completeCommitment(depsOf(root, request), { commitmentId: request.params.id });
      return toCommitment(done, today());
    },
  });

  app.post('/api/commitments/:id/reopen', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'reopenCommitment',
      tags: ['notes'],
      summary: 'Open a commitment marked done again: the undo of mark done (its owner, a lead or an admin)',
      params: idParam('cmt'),
      response: { 200: commitmentResponse, ...errorResponses },
    },
    handler: async (request) => {
      const open = await reopenCommitment(depsOf(root, request), { commitmentId: request.params.id });
      return toCommitment(open, today());
    },
  });
}
