import { z } from 'zod';
import type { SurveyRow } from './surveys.repository';

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

export function toSurveyResponse(r: SurveyRow): z.infer<typeof surveyResponse> {
  return {
    id: r.id,
    caseId: r.case_id,
    accountId: r.account_id,
    state: r.state,
    dueAt: r.due_at,
    sentAt: r.sent_at,
    expiresAt: r.expires_at,
    rating: r.rating,
    comment: r.comment,
    answeredAt: r.answered_at,
    createdAt: r.created_at,
  };
}

/** What the public survey form posts; the rating is checked by the use case, which shows the form again. */
export const surveyForm = z
  .object({
    rating: z.union([z.string().max(20), z.number()]).optional(),
    comment: z.string().max(20_000).optional(),
  })
  .nullish();

export const tokenParam = z.object({ token: z.string().max(200) });
