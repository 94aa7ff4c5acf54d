import { createHash } from 'node:crypto';
import { type Actor, type Executor, writeAudit } from '../../../platform/audit';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import type { Jobs } from '../../../platform/jobs';
import { loadCaseMessageTarget } from '../message-context';
import { MessagingErrors } from '../messaging.errors';
import { findTemplate } from '../messaging.repository';
import { renderTemplate, validateTemplate } from '../templates/render-template';
import type { MessageKind, TemplateContext } from '../templates/template-kinds';

export interface EnqueueCaseMessageInput {
  kind: MessageKind;
  caseId: string;
  /** Variables of this kind beyond the common ones (company, customer, account, case). */
  variables?: TemplateContext;
  /** Deliver no earlier than this (a follow-up in 7 days); default now. */
  sendAt?: Date;
  /** The client's Idempotency-Key: the same key with the same request returns the first message. */
  idempotencyKey?: string;
  /** What the request asked for, to tell a retry from a different request under the same key. */
  requestFingerprint?: unknown;
  /** The job queue: a delivery job is created in the same transaction, due when the message is. */
  jobs?: Jobs;
}

export interface EnqueuedMessage {
  id: string;
  /** false when an earlier request with the same idempotency key already enqueued it */
  created: boolean;
}

/**
 * Renders a case message in the customer's language and puts it in the outbox, inside the
 * caller's transaction: it is sent if and only if the change that caused it commits. The
 * rendered text is stored, so the case later shows exactly what the customer received.
 */
export async function enqueueCaseMessage(
  trx: Executor,
  actor: Actor,
  now: Date,
  input: EnqueueCaseMessageInput,
): Promise<EnqueuedMessage> {
  const key = input.idempotencyKey ? `${actor.id ?? actor.role}:${input.idempotencyKey}` : null;
  const fingerprint = key
    ? createHash('sha256')
        .update(
          JSON.stringify([input.kind, input.caseId, input.requestFingerprint ?? input.variables ?? null]),
        )
        .digest('hex')
    : null;
  if (key) {
    const existing = await trx
      .selectFrom('outbox_messages')
      .select(['id', 'request_hash'])
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (existing) {
      if (existing.request_hash !== fingerprint)
        throw new DomainError(
          MessagingErrors.IDEMPOTENCY_KEY_REUSED,
          'This Idempotency-Key was used for another request',
          {
            field: 'headers.idempotency-key',
          },
        );
      return { id: existing.id, created: false };
    }
  }
  const target = await loadCaseMessageTarget(trx, input.caseId);
  if (!target.to)
    throw new DomainError(
      MessagingErrors.MESSAGE_NO_RECIPIENT,
      'The customer has no e-mail address on file',
      {
        field: 'caseId',
      },
    );
  const template = await findTemplate(trx, input.kind, target.language);
  const problems = validateTemplate(input.kind, template);
  if (problems.length > 0)
    throw new DomainError(
      MessagingErrors.TEMPLATE_INVALID,
      `Template ${input.kind}/${target.language}: ${problems[0]!.message}`,
      {
        field: `template.${problems[0]!.part}`,
        problems,
      },
    );
  const rendered = renderTemplate(template, { ...target.context, ...input.variables });
  const id = newId('msg', now);
  await trx
    .insertInto('outbox_messages')
    .values({
      id,
      kind: input.kind,
      account_id: target.accountId,
      case_id: target.caseId,
      to_address: target.to,
      language: target.language,
      subject: rendered.subject,
      text_body: rendered.text,
      html_body: rendered.html,
      state: 'queued',
      next_attempt_at: input.sendAt ?? now,
      locked_until: null,
      last_error: null,
      idempotency_key: key,
      request_hash: fingerprint,
      transport: null,
      provider_message_id: null,
      created_by: actor.id,
      created_at: now,
      sent_at: null,
    })
    .execute();
  // wakes a worker at once (or at sendAt); the outbox row stays the truth, so a lost job only delays
  if (input.jobs)
    await input.jobs.send(trx, 'outbox.deliver', { messageId: id }, { startAfter: input.sendAt ?? now });
  await writeAudit(trx, actor, now, {
    action: 'message.queued',
    entityType: 'message',
    entityId: id,
    accountId: target.accountId,
    caseId: target.caseId,
    changes: {
      kind: input.kind,
      to: target.to,
      language: target.language,
      sendAt: (input.sendAt ?? now).toISOString(),
    },
  });
  return { id, created: true };
}
