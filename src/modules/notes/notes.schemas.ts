import { z } from 'zod';
import { isoDate, longText, shortText } from '../../platform/http/schemas';
import type { CommitmentRow } from './notes.repository';

const person = z.object({ id: z.string(), displayName: z.string() });

export const commitmentResponse = z.object({
  id: z.string(),
  noteId: z.string(),
  accountId: z.string(),
  accountNumber: z.string(),
  customerName: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  description: z.string(),
  owner: person,
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  doneAt: z.date().nullable(),
  doneBy: person.nullable(),
});

export const noteResponse = z.object({
  id: z.string(),
  accountId: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  author: person.nullable(),
  contactReason: z.string(),
  actionsTaken: z.string(),
  body: z.string(),
  createdAt: z.date(),
  addenda: z.array(
    z.object({ id: z.string(), author: person.nullable(), body: z.string(), createdAt: z.date() }),
  ),
  commitments: z.array(commitmentResponse),
});

export const createNoteBody = z
  .object({
    accountId: z.string().min(1).max(64),
    caseId: z.string().min(1).max(64),
    contactReason: shortText(500),
    actionsTaken: z.string().trim().min(1).max(5000),
    body: longText(10_000).optional(),
    commitments: z
      .array(
        z
          .object({
            description: shortText(500),
            ownerId: z.string().min(1).max(64).optional(),
            dueOn: isoDate,
          })
          .strict(),
      )
      .max(20)
      .optional(),
  })
  .strict();

export const addendumBody = z.object({ body: z.string().trim().min(1).max(10_000) }).strict();

export const commitmentsQuery = z
  .object({
    owner: z.string().max(64).optional().describe("'me' or a staff id"),
    status: z.enum(['open', 'done']).optional(),
    accountId: z.string().max(64).optional(),
  })
  .strict();

export function toCommitment(row: CommitmentRow, today: string): z.infer<typeof commitmentResponse> {
  return {
    id: row.id,
    noteId: row.note_id,
    accountId: row.account_id,
    accountNumber: row.account_number,
    customerName: `${row.first_name} ${row.last_name}`,
    caseId: row.case_id,
    caseNumber: row.case_number,
    description: row.description,
    owner: { id: row.owner_id, displayName: row.owner_name },
    dueOn: row.due_on,
    status: row.status,
    overdue: row.status === 'open' && row.due_on < today,
    doneAt: row.done_at,
    doneBy: row.done_by ? { id: row.done_by, displayName: row.done_by_name ?? '' } : null,
  };
}
