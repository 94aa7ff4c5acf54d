import { writeAudit } from '../../../platform/audit';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { newId } from '../../../platform/ids';
import { insertOutboxMessageOnce } from '../messaging.repository';
import type { Language } from '../messaging.table';
import type { StaffMessageKind } from '../staff-message-kinds';

export interface EnqueueStaffMessageInput {
  kind: StaffMessageKind;
  to: string;
  language: Language;
  subject: string;
  text: string;
  html: string;
  /**
   * What makes the message unique (`weekly-digest:2026-11-23:stf_…`): a second enqueue under the
   * same key — a retried job, a second instance — queues nothing.
   */
  dedupeKey: string;
  /** The account or case it is about, if any (a low rating is about a case). */
  accountId?: string | null;
  caseId?: string | null;
}

/**
 * Puts a staff message in the outbox in the caller's transaction, exactly once per `dedupeKey`
 * (a unique index, so parallel senders cannot both insert); the delivery worker sends it like any
 * other message. Returns the new message's id, or null when the key was already used.
 */
export async function enqueueStaffMessage(
  trx: Trx,
  deps: UseCaseDeps,
  input: EnqueueStaffMessageInput,
): Promise<{ id: string } | null> {
  const now = deps.clock.now();
  const id = newId('msg', now);
  const inserted = await insertOutboxMessageOnce(trx, {
    id,
    kind: input.kind,
    account_id: input.accountId ?? null,
    case_id: input.caseId ?? null,
    to_address: input.to,
    language: input.language,
    subject: input.subject,
    text_body: input.text,
    html_body: input.html,
    state: 'queued',
    next_attempt_at: now,
    locked_until: null,
    last_error: null,
    idempotency_key: `staff:${input.dedupeKey}`,
    request_hash: null,
    transport: null,
    provider_message_id: null,
    created_by: deps.actor.id,
    created_at: now,
    sent_at: null,
  });
  if (!inserted) return null;
  await writeAudit(trx, deps.actor, now, {
    action: 'message.queued',
    entityType: 'message',
    entityId: id,
    accountId: input.accountId ?? null,
    caseId: input.caseId ?? null,
    changes: { kind: input.kind, to: input.to, language: input.language },
  });
  await deps.jobs.send(trx, 'outbox.deliver', { messageId: id });
  return { id };
}
