import type { Executor } from '../../../platform/audit';
import { auditInsert } from '../../../platform/audit';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { outboxKeyOf } from '../idempotency';
import { type CaseMessageTarget, loadCaseMessageTarget } from '../message-context';
import { MessagingErrors } from '../messaging.errors';
import { findTemplate, insertOutboxMessage } from '../messaging.repository';
import type { Language } from '../messaging.table';
import { assertRenderable } from '../templates/render-template';
import { renderWithSecrets } from '../templates/secret-variables';
import type { MessageKind, TemplateContext } from '../templates/template-kinds';
import { replayCaseMessage } from './replay-case-message';

export interface EnqueueCaseMessageInput {
  kind: MessageKind;
  caseId: string;
  /**
   * Variables of this kind beyond the common ones (company, customer, account, case); a function
   * gets the customer's language, for amounts and sentences worded in it.
   */
  variables?: TemplateContext | ((language: Language) => TemplateContext);
  /** Deliver no earlier than this (a follow-up in 7 days); default now. */
  sendAt?: Date;
  /** The client's Idempotency-Key: the same key with the same request returns the first message. */
  idempotencyKey?: string;
  /** What the request asked for, to tell a retry from a different request under the same key. */
  requestFingerprint?: unknown;
  /** The request field that carried the case id, named when there is no such case (default params.id). */
  caseField?: string;
}

export interface EnqueuedMessage {
  id: string;
  /** false when an earlier request with the same idempotency key already enqueued it */
  created: boolean;
}

/**
 * Renders a case message in the customer's language and puts it in the outbox, inside the
 * caller's transaction: it is sent if and only if the change that caused it commits. The rendered
 * text is stored, so the case later shows what the customer received, with the kind's secrets
 * (a code, a survey link) masked; the clear rendering waits beside it until it is delivered.
 */
export async function enqueueCaseMessage(
  trx: Trx,
  deps: UseCaseDeps,
  input: EnqueueCaseMessageInput,
): Promise<EnqueuedMessage> {
  const now = deps.clock.now();
  const replayed = await replayCaseMessage(trx, deps, input);
  if (replayed) return { id: replayed.id, created: false };
  const target = await loadCaseMessageTarget(trx, input.caseId, input.caseField);
  const to = recipientOf(target, input.caseField);
  const variables =
    typeof input.variables === 'function' ? input.variables(target.language) : input.variables;
  const rendered = await renderFor(trx, input.kind, target, variables);
  const id = newId('msg', now);
  const sendAt = input.sendAt ?? now;
  const outboxKey = outboxKeyOf(deps.actor, input);
  await insertOutboxMessage(
    trx,
    {
      id,
      kind: input.kind,
      account_id: target.accountId,
      case_id: target.caseId,
      to_address: to,
      language: target.language,
      subject: rendered.shown.subject,
      text_body: rendered.shown.text,
      html_body: rendered.shown.html,
      state: 'queued',
      next_attempt_at: sendAt,
      locked_until: null,
      last_error: null,
      idempotency_key: outboxKey?.key ?? null,
      request_hash: outboxKey?.fingerprint ?? null,
      transport: null,
      provider_message_id: null,
      created_by: deps.actor.id,
      created_at: now,
      sent_at: null,
    },
    rendered.clear,
    auditInsert(trx, deps.actor, now, {
      action: 'message.queued',
      entityType: 'message',
      entityId: id,
      accountId: target.accountId,
      caseId: target.caseId,
      changes: { kind: input.kind, to, language: target.language, sendAt: sendAt.toISOString() },
    }),
  );
  // wakes a worker at once (or at sendAt); the outbox row stays the truth, so a lost job only delays
  await deps.jobs.send(trx, 'outbox.deliver', { messageId: id }, { startAfter: sendAt });
  return { id, created: true };
}

/** The customer's e-mail address, or MESSAGE_NO_RECIPIENT. */
function recipientOf(target: CaseMessageTarget, caseField = 'params.id'): string {
  if (!target.to)
    throw new DomainError(
      MessagingErrors.MESSAGE_NO_RECIPIENT,
      'The customer has no e-mail address on file',
      {
        field: caseField,
      },
    );
  return target.to;
}

/** The kind's template in the customer's language, rendered with the case's and the caller's variables. */
async function renderFor(
  db: Executor,
  kind: MessageKind,
  target: CaseMessageTarget,
  variables: TemplateContext | undefined,
) {
  const template = await findTemplate(db, kind, target.language);
  // a template is checked when it is saved; this catches one a code change left behind
  assertRenderable(kind, template, (part) => `template.${part}`);
  return renderWithSecrets(kind, template, { ...target.context, ...variables });
}
