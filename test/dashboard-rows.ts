import { newId } from '../src/platform/ids';
import type { TestApp } from './harness';

// Rows of the desk's history written directly, for tests that need a period of known numbers
// (the dashboard's integration test and its browser test): what the use cases would have left.

/** The customer a history row belongs to: an account and its subscription. */
export interface HistoryCustomer {
  accountId: string;
  subscriptionId: string;
}

/** A succeeded card payment on the customer's subscription. */
export async function insertPayment(t: TestApp, c: HistoryCustomer, amountMinor: number, paidAt: Date) {
  const id = newId('pay', paidAt);
  await t.db
    .insertInto('payments')
    .values({
      id,
      account_id: c.accountId,
      invoice_id: null,
      order_id: null,
      subscription_id: c.subscriptionId,
      amount_minor: amountMinor,
      method: 'card',
      status: 'succeeded',
      provider_ref: null,
      paid_at: paidAt,
    })
    .execute();
  return id;
}

/** An answered follow-up survey on a case, now. */
export async function insertAnsweredSurvey(t: TestApp, caseId: string, accountId: string, rating: number) {
  const now = t.clock.now();
  await t.db
    .insertInto('surveys')
    .values({
      id: newId('srv', now),
      case_id: caseId,
      account_id: accountId,
      state: 'answered',
      due_at: now,
      job_id: null,
      token_hash: null,
      message_id: null,
      sent_at: now,
      expires_at: null,
      rating,
      comment: null,
      answered_at: now,
      created_by: null,
      created_at: now,
      cancelled_at: null,
    })
    .execute();
}

/** An offer shown, accepted or declined on a case, or the holdout (no offer), now. */
export async function insertOfferEvent(
  t: TestApp,
  caseId: string,
  accountId: string,
  offerId: string | null,
  event: 'shown' | 'accepted' | 'declined' | 'holdout',
) {
  await t.db
    .insertInto('offer_events')
    .values({
      case_id: caseId,
      account_id: accountId,
      subscription_id: null,
      offer_id: offerId,
      event,
      terms: '{}',
      holdout: offerId === null,
      actor_id: null,
      at: t.clock.now(),
    })
    .execute();
}

/** A save check decided now: the customer kept (confirmed) or lost, after an offer or in the holdout. */
export async function insertSaveWatch(
  t: TestApp,
  caseId: string,
  c: HistoryCustomer,
  offerId: string | null,
  status: 'confirmed' | 'lost',
) {
  const now = t.clock.now();
  await t.db
    .insertInto('offer_save_watches')
    .values({
      id: newId('osw', now),
      case_id: caseId,
      account_id: c.accountId,
      subscription_id: c.subscriptionId,
      offer_id: offerId,
      kind: offerId ? 'discount' : null,
      holdout: offerId === null,
      status,
      check_at: now,
      created_at: now,
      decided_at: now,
    })
    .execute();
}
