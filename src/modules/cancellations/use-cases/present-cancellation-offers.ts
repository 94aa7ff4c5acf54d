import { DAY } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { findAccountOrThrow } from '../../accounts';
import { subscriptionDetail } from '../../billing';
import { presentOffers } from '../../offers';
import { lockCancellationOrThrow, updateCancellation } from '../cancellations.repository';
import { lifetimeValueOf } from '../plan';
import { assertStep, recordStep } from '../steps';

/**
 * Shows the alternatives (step 5): the offers module picks the eligible offers for this customer
 * and reason (recorded as shown). No offer (or the customer is in the holdout) ends the step at
 * once; otherwise the customer answers through answerCancellationOffer.
 */
export async function presentCancellationOffers(deps: UseCaseDeps, input: { cancellationId: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const row = await lockCancellationOrThrow(trx, input.cancellationId);
    assertStep(row, 'offers');
    const sub = (await subscriptionDetail(trx, row.subscription_id))!;
    const account = await findAccountOrThrow(trx, row.account_id, 'params.id');
    const presented = await presentOffers(trx, deps, {
      caseId: row.case_id,
      facts: {
        accountId: row.account_id,
        subscriptionId: row.subscription_id,
        planCode: sub.planCode,
        tenureDays: Math.max(0, Math.floor((now.getTime() - account.signup_at.getTime()) / DAY)),
        reasonCode: row.reason_code,
        lifetimeValue: await lifetimeValueOf(trx, row.subscription_id, now, account.currency),
        now,
      },
    });
    const ends = presented.holdout || presented.offers.length === 0;
    const outcome = presented.holdout ? 'holdout' : ends ? 'none' : null;
    await updateCancellation(trx, row.id, {
      offers_shown: JSON.stringify(presented.offers),
      offers_at: ends ? now : null,
      offers_outcome: outcome,
      updated_at: now,
    });
    await recordStep(trx, deps, now, {
      row,
      step: 'offers_shown',
      status: row.status,
      changes: { holdout: presented.holdout, offerIds: presented.offers.map((o) => o.offerId), outcome },
    });
    return presented;
  });
}
