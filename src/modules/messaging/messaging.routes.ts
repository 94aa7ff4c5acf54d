import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { depsOf } from '../../platform/http/context';
import { ADMINS, ANY_STAFF, LEADS } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import {
  messageDetail,
  messageList,
  previewBody,
  previewResponse,
  sendCaseMessageBody,
  templateParams,
  templateParts,
  templateResponse,
  toMessageDetail,
  toMessageSummary,
} from './messaging.schemas';
import type { Language } from './messaging.table';
import type { MessageKind } from './templates/template-kinds';
import { getMessage } from './use-cases/get-message';
import { listCaseMessages } from './use-cases/list-case-messages';
import { listMailbox } from './use-cases/list-mailbox';
import { listTemplates } from './use-cases/list-templates';
import { previewTemplate } from './use-cases/preview-template';
import { resetTemplate } from './use-cases/reset-template';
import { retryMessage } from './use-cases/retry-message';
import { saveTemplate } from './use-cases/save-template';
import { sendCaseMessage } from './use-cases/send-case-message';

const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .optional()
    .describe('Send the same key again to retry safely: the message is queued only once'),
});

export async function messagingRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  /** The kind and language a template route names (the params schema holds them to the known ones). */
  const templateKey = (params: { kind: string; language: string }) => ({
    kind: params.kind as MessageKind,
    language: params.language as Language,
  });

  app.get('/api/cases/:id/messages', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listCaseMessages',
      tags: ['messaging'],
      summary: "A case's messages to the customer, oldest first, with delivery state",
      params: idParam('case'),
      response: { 200: z.object({ items: z.array(messageDetail) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: (await listCaseMessages(depsOf(root, request), { caseId: request.params.id })).map(
        toMessageDetail,
      ),
    }),
  });

  app.post('/api/cases/:id/messages', {
    config: { auth: ANY_STAFF, fields: { caseId: 'params.id' } },
    schema: {
      operationId: 'sendCaseMessage',
      tags: ['messaging'],
      summary: 'Write to the customer on this case (queued; sent by the outbox worker)',
      params: idParam('case'),
      headers: idempotencyHeaders,
      body: sendCaseMessageBody,
      response: { 201: messageDetail, 200: messageDetail, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { message, created } = await sendCaseMessage(depsOf(root, request), {
        caseId: request.params.id,
        body: request.body.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.code(created ? 201 : 200).send(toMessageDetail(message));
    },
  });

  app.get('/api/mailbox', {
    config: { auth: LEADS },
    schema: {
      operationId: 'listMailboxMessages',
      tags: ['messaging'],
      summary:
        'Every outgoing message, newest first: the built-in mailbox and the delivery log (lead, admin)',
      querystring: z
        .object({
          state: z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        })
        .strict(),
      response: { 200: messageList, ...errorResponses },
    },
    handler: async (request) => ({
      items: (await listMailbox(depsOf(root, request), request.query)).map(toMessageSummary),
    }),
  });

  app.get('/api/messages/:id', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getMessage',
      tags: ['messaging'],
      summary: 'One message as the customer received it, with its secrets (code, survey link) masked',
      params: idParam('msg'),
      response: { 200: messageDetail, ...errorResponses },
    },
    handler: async (request) =>
      toMessageDetail(await getMessage(depsOf(root, request), { messageId: request.params.id })),
  });

  app.post('/api/admin/messages/:id/retry', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'retryMessage',
      tags: ['messaging'],
      summary: 'Queue a failed message again with a fresh set of tries (admin)',
      params: idParam('msg'),
      response: { 200: messageList.shape.items.element, ...errorResponses },
    },
    handler: async (request) =>
      toMessageSummary(await retryMessage(depsOf(root, request), { messageId: request.params.id })),
  });

  app.get('/api/admin/templates', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'listTemplates',
      tags: ['messaging'],
      summary: 'Every message template in German and English (admin)',
      response: { 200: z.object({ items: z.array(templateResponse) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await listTemplates(depsOf(root, request)) }),
  });

  app.put('/api/admin/templates/:kind/:language', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'saveTemplate',
      tags: ['messaging'],
      summary: 'Save a template; one that does not render (syntax, unknown variable) is refused (admin)',
      params: templateParams,
      body: templateParts,
      response: { 200: templateResponse, ...errorResponses },
    },
    handler: async (request) =>
      saveTemplate(depsOf(root, request), { ...templateKey(request.params), parts: request.body }),
  });

  app.delete('/api/admin/templates/:kind/:language', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'resetTemplate',
      tags: ['messaging'],
      summary: 'Go back to the built-in template (admin)',
      params: templateParams,
      response: { 200: templateResponse, ...errorResponses },
    },
    handler: async (request) => resetTemplate(depsOf(root, request), templateKey(request.params)),
  });

  app.post('/api/admin/templates/preview', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'previewTemplate',
      tags: ['messaging'],
      summary:
        "Render a draft template for a case's customer (by case number, in their language) or with sample data (admin)",
      body: previewBody,
      response: { 200: previewResponse, ...errorResponses },
    },
    handler: async (request) => {
      const { kind, language, caseNumber, ...parts } = request.body;
      return previewTemplate(depsOf(root, request), {
        ...templateKey({ kind, language }),
        parts,
        caseNumber,
      });
    },
  });
}
