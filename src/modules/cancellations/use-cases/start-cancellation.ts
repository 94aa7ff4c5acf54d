import { createHash } from 'node:crypto';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { BillingErrors, subscriptionDetail } from '../../billing';
import { lockCaseOrThrow } from '../../cases';
import { assertCaseVerified } from '../../verification';
import { CancellationErrors } from '../cancellations.errors';
import {
  findCancellationByKey,
  findNewestReason,
  findOpenCancellation,
  insertCancellation,
  serializeIntakeKey,
  serializeSubscription,
} from '../cancellations.repository';
import type { StartCancellationBody } from '../cancellations.schemas';
import { cancellationReference } from '../rules';
import { recordStep } from '../steps';

export interface StartCancellationInput {
  caseId: string;
  body: StartCancellationBody;
  idempotencyKey?: string;
}

/**
 * Records a cancellation request on a verified case (step 2, the reason): the caller must be
 * verified with the cancel scope (a representative needs "may cancel"), the subscription must be
 * the account's and still cancellable, the reason a selectable one of the taxonomy (its version is
 * stored with it). The same Idempotency-Key (per staff member) answers the request it recorded.
 */
export async function startCancellation(
  deps: UseCaseDeps,
  input: StartCancellationInput,
): Promise<{ id: string; created: boolean }> {
  const actorId = deps.actor.id!;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([input.caseId, input.body]))
    .digest('hex');
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // 1. load (a replay answers the first request)
    if (input.idempotencyKey) {
      await serializeIntakeKey(trx, actorId, input.idempotencyKey);
      const earlier = await findCancellationByKey(trx, actorId, input.idempotencyKey);
      if (earlier) {
        if (earlier.request_fingerprint !== fingerprint)
          throw new DomainError(
            BillingErrors.IDEMPOTENCY_KEY_REUSED,
            'This Idempotency-Key was used for another cancellation',
            {
              field: 'headers.idempotency-key',
            },
          );
        return { id: earlier.id, created: false };
      }
    }
    const kase = await lockCaseOrThrow(trx, input.caseId, 'params.id');
    // 2. guard: the verification first, nothing is read for the customer before it passes
    await assertCaseVerified(trx, deps.clock, { caseId: kase.id, action: 'cancel' });
    const { body } = input;
    const sub = await subscriptionDetail(trx, body.subscriptionId);
    if (!sub || sub.accountId !== kase.account_id)
      throw new DomainError(
        CancellationErrors.CANCELLATION_SUBSCRIPTION_NOT_ON_ACCOUNT,
        `Subscription ${body.subscriptionId} is not one of this case's account`,
        { field: 'body.subscriptionId' },
      );
    if (!['active', 'trialing', 'past_due', 'paused'].includes(sub.status))
      throw new DomainError(
        BillingErrors.SUBSCRIPTION_NOT_CANCELLABLE,
        `Subscription ${sub.id} is ${sub.status}`,
        {
          field: 'body.subscriptionId',
          subscriptionStatus: sub.status,
        },
      );
    const reason = await findNewestReason(trx, body.reasonCode);
    if (!reason?.is_selectable || reason.is_retired)
      throw new DomainError(
        CancellationErrors.CANCELLATION_REASON_UNKNOWN,
        `No selectable reason ${body.reasonCode}`,
        {
          field: 'body.reasonCode',
        },
      );
    if (reason.needs_competitor && !body.competitor)
      throw new DomainError(CancellationErrors.CANCELLATION_COMPETITOR_REQUIRED, 'Name the competitor', {
        field: 'body.competitor',
      });
    await serializeSubscription(trx, sub.id);
    if (await findOpenCancellation(trx, sub.id))
      throw new DomainError(
        CancellationErrors.CANCELLATION_ALREADY_OPEN,
        `Subscription ${sub.id} has an open cancellation`,
        {
          field: 'body.subscriptionId',
        },
      );
    // 3. change
    const id = newId('cnc', now);
    await insertCancellation(trx, {
      id,
      reference: cancellationReference(id),
      case_id: kase.id,
      account_id: kase.account_id,
      subscription_id: sub.id,
      status: 'in_progress',
      reason_code: reason.code,
      reason_version: reason.version,
      customer_words: body.customerWords,
      competitor: reason.needs_competitor ? (body.competitor ?? null) : null,
      offers_shown: null,
      idempotency_key: input.idempotencyKey ?? null,
      request_fingerprint: input.idempotencyKey ? fingerprint : null,
      created_by: actorId,
      created_at: now,
      updated_at: now,
    });
    // 4. audit
    await recordStep(trx, deps, now, {
      row: { id, account_id: kase.account_id, case_id: kase.id },
      step: 'started',
      status: 'in_progress',
      changes: {
        subscriptionId: sub.id,
        reasonCode: reason.code,
        reasonVersion: reason.version,
        competitor: reason.needs_competitor ? (body.competitor ?? null) : null,
      },
    });
    return { id, created: true };
  });
}
