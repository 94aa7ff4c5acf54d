import { z } from 'zod';
import { isoDateTime } from '../../platform/http/schemas';

export const auditQuery = z
  .object({
    action: z.string().max(100).optional(),
    entityType: z.string().max(60).optional(),
    entityId: z.string().max(100).optional(),
    actorId: z.string().max(64).optional(),
    accountId: z.string().max(64).optional().describe('an account id (acc_…) or account number (K1000001)'),
    caseId: z.string().max(64).optional().describe('a case id (case_…) or case number (C-2373)'),
    from: isoDateTime.optional().describe('inclusive, ISO 8601'),
    to: isoDateTime.optional().describe('exclusive, ISO 8601'),
    before: z.coerce.number().int().positive().optional().describe('cursor: return events with a smaller id'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const auditEventResponse = z.object({
  id: z.number().int(),
  at: z.date(),
  actor: z.object({ id: z.string(), displayName: z.string(), role: z.string() }).nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /** The entity in words where the log knows them: a staff user's name, an account's or case's number. */
  entityLabel: z.string().nullable(),
  accountId: z.string().nullable(),
  accountNumber: z.string().nullable(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export const auditPageResponse = z.object({
  items: z.array(auditEventResponse),
  nextBefore: z.number().int().nullable(),
});
