import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { depsOf } from '../../platform/http/context';
import { ANY_STAFF, LEADS } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import { schemaMessage } from '../../platform/http/validation-messages';
import { verificationStateResponse } from '../cases';
import { getVerification } from './use-cases/get-verification';
import { overrideVerification } from './use-cases/override-verification';
import { unlockVerification } from './use-cases/unlock-verification';
import { verifyCaller } from './use-cases/verify-caller';
import { verificationPanelResponse, verifyResponse } from './verification.schemas';
import { CONFIG_FACTORS } from './verification-settings';

const verifyBody = z
  .object({
    subject: z.discriminatedUnion('type', [
      z.object({ type: z.literal('holder') }).strict(),
      z.object({ type: z.literal('representative'), representativeId: z.string().min(1).max(64) }).strict(),
    ]),
    answers: z
      .object(
        Object.fromEntries(CONFIG_FACTORS.map((f) => [f, z.string().max(200).optional()])) as Record<
          (typeof CONFIG_FACTORS)[number],
          z.ZodOptional<z.ZodString>
        >,
      )
      .strict(),
  })
  .strict();

const reasonBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(
        10,
        schemaMessage({ en: 'write at least 10 characters', de: 'Bitte mindestens 10 Zeichen schreiben' }),
      )
      .max(1000),
  })
  .strict();

export async function verificationRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/cases/:id/verification', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getVerification',
      tags: ['verification'],
      summary: "The case's verification panel: rules, state, lock, subjects and their factors, attempts",
      params: idParam('case'),
      response: { 200: verificationPanelResponse, ...errorResponses },
    },
    handler: async (request) => getVerification(depsOf(root, request), { caseId: request.params.id }),
  });

  app.post('/api/cases/:id/verification', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'verifyCaller',
      tags: ['verification'],
      summary: 'Check what the caller says against the stored secrets (423 while the account is locked)',
      params: idParam('case'),
      body: verifyBody,
      response: { 200: verifyResponse, 423: errorResponses[409], ...errorResponses },
    },
    handler: async (request) => {
      const deps = depsOf(root, request);
      const decision = await verifyCaller(deps, { caseId: request.params.id, ...request.body });
      const { state } = await getVerification(deps, { caseId: request.params.id });
      return {
        result: decision.result,
        matched: decision.matched,
        required: decision.required,
        remainingAttempts: decision.remainingAttempts,
        lockedUntil: decision.lockedUntil,
        state,
      };
    },
  });

  app.post('/api/cases/:id/verification/override', {
    config: { auth: LEADS },
    schema: {
      operationId: 'overrideVerification',
      tags: ['verification'],
      summary: 'A lead vouches for the caller with a written reason (lead, admin)',
      params: idParam('case'),
      body: reasonBody,
      response: { 200: z.object({ state: verificationStateResponse }), ...errorResponses },
    },
    handler: async (request) => {
      const deps = depsOf(root, request);
      await overrideVerification(deps, { caseId: request.params.id, reason: request.body.reason });
      return { state: (await getVerification(deps, { caseId: request.params.id })).state };
    },
  });

  app.post('/api/accounts/:id/verification/unlock', {
    config: { auth: LEADS },
    schema: {
      operationId: 'unlockVerification',
      tags: ['verification'],
      summary: 'Lift the 15-minute verification lock early, with a reason (lead, admin)',
      params: idParam('acc'),
      body: reasonBody,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await unlockVerification(depsOf(root, request), {
        accountId: request.params.id,
        reason: request.body.reason,
      });
      return reply.code(204).send(null);
    },
  });
}
