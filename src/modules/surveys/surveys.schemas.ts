import { z } from 'zod';

/** A case's satisfaction follow-up and, once given, the customer's answer. */
export const surveyResponse = z.object({
  id: z.string(),
  caseId: z.string(),
  accountId: z.string(),
  state: z.enum(['scheduled', 'sent', 'answered', 'cancelled', 'expired']),
  dueAt: z.date(),
  sentAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  rating: z.number().int().nullable(),
  comment: z.string().nullable(),
  answeredAt: z.date().nullable(),
  createdAt: z.date(),
});
