import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { depsOf } from '../../platform/http/context';
import { ANY_STAFF } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import { EMAIL_CODE_MAX_ATTEMPTS } from './email-code';
import { sendEmailCode } from './use-cases/send-email-code';
import { emailCodeResponse } from './verification.schemas';

export async function emailCodeRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post('/api/cases/:id/verification/email-code', {
    config: { auth: ANY_STAFF, fields: { caseId: 'params.id' } },
    schema: {
      operationId: 'sendEmailCode',
      tags: ['verification'],
      summary:
        'Send a 6-digit code to the e-mail on file (valid 10 minutes, 3 tries); the caller reads it out as the email_code factor',
      params: idParam('case'),
      headers: z.object({
        'idempotency-key': z
          .string()
          .min(8)
          .max(200)
          .optional()
          .describe('Send the same key again to retry safely: the code is sent only once (200 on a retry)'),
      }),
      response: { 201: emailCodeResponse, 200: emailCodeResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const sent = await sendEmailCode(depsOf(root, request), {
        caseId: request.params.id,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.code(sent.created ? 201 : 200).send({
        id: sent.id,
        sentTo: sent.sentTo,
        expiresAt: sent.expiresAt,
        maxAttempts: EMAIL_CODE_MAX_ATTEMPTS,
      });
    },
  });
}
