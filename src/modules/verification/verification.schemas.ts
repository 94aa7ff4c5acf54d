import { z } from 'zod';
import { verificationStateResponse } from '../cases';
import { CONFIG_FACTORS } from './verification-settings';

const factor = z.enum(CONFIG_FACTORS);
const person = z.object({ id: z.string(), displayName: z.string() });

/** The case's verification panel: rules, state, lock, who can be verified with which factors, attempts. */
export const verificationPanelResponse = z.object({
  config: z.object({ factors: z.array(factor), required: z.number().int(), ttlMinutes: z.number().int() }),
  state: verificationStateResponse,
  lock: z.object({
    failures: z.number().int(),
    remainingAttempts: z.number().int(),
    locked: z.boolean(),
    lockedUntil: z.date().nullable(),
    flaggedAt: z.date().nullable(),
  }),
  subjects: z.array(
    z.object({
      type: z.enum(['holder', 'representative']),
      id: z.string(),
      name: z.string(),
      relationship: z.string().optional(),
      canCancel: z.boolean().optional(),
      canRequestRefunds: z.boolean().optional(),
      factors: z.array(factor),
    }),
  ),
  attempts: z.array(
    z.object({
      id: z.string(),
      at: z.date(),
      actor: person,
      subjectType: z.enum(['holder', 'representative']),
      representativeId: z.string().nullable(),
      factors: z.array(z.string()),
      matched: z.number().int(),
      succeeded: z.boolean(),
    }),
  ),
});

/** The outcome of one check of what the caller said. */
export const verifyResponse = z.object({
  result: z.enum(['verified', 'failed', 'locked']),
  matched: z.number().int(),
  required: z.number().int(),
  remainingAttempts: z.number().int(),
  lockedUntil: z.date().nullable(),
  state: verificationStateResponse,
});

/** A code mailed to the address on file, as the send answers it. */
export const emailCodeResponse = z.object({
  id: z.string(),
  sentTo: z.string(),
  expiresAt: z.date(),
  maxAttempts: z.number().int(),
});
