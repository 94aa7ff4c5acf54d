import { writeAudit } from '../../../platform/audit';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import type { Money } from '../../../platform/money';
import { findActivePlanByCode, findSubscriptionWithPlanOrThrow } from '../../billing';
import { eligibleOffers, inHoldout, termsAsShown } from '../offer-rules';
import { OfferErrors } from '../offers.errors';
import {
  accountRedemptions,
  findOfferSettings,
  insertOfferEvents,
  listCaseOfferEvents,
  listOfferRows,
  toDefinition,
} from '../offers.repository';
import type { OfferKind } from '../offers.table';
import { watchSave } from '../save-watch';

export interface OfferFacts {
  accountId: string;
  subscriptionId: string;
  planCode: string;
  tenureDays: number;
  reasonCode: string;
  lifetimeValue: Money;
  now: Date;
}

export interface PresentedOffer {
  offerId: string;
  kind: OfferKind;
  title: { de: string; en: string };
  why: { de: string; en: string };
  terms: Record<string, unknown>;
}

/**
 * The cancellation flow's step 5: the offers this customer may get (eligibility top-down, best
 * first, each with its "why"), or none when the account is in the holdout group. Records 'shown'
 * for each offer with its terms as shown (or one 'holdout' row, and puts the held-out case on
 * the save watchlist for the comparison). A case whose customer has answered gets no offers
 * (an empty list, nothing recorded), so the flow never blocks cancelling.
 */
export async function presentOffers(
  trx: Trx,
  deps: UseCaseDeps,
  input: { caseId: string; facts: OfferFacts },
): Promise<{ holdout: boolean; offers: PresentedOffer[] }> {
  const now = deps.clock.now();
  const { facts, caseId } = input;
  const sub = await findSubscriptionWithPlanOrThrow(trx, facts.subscriptionId, 'body.subscriptionId');
  if (sub.account_id !== facts.accountId)
    throw new DomainError(
      OfferErrors.OFFER_SUBSCRIPTION_MISMATCH,
      'The subscription is not one of this account',
      {
        field: 'body.subscriptionId',
      },
    );
  const earlier = await listCaseOfferEvents(trx, caseId);
  // the customer answered already: no more offers, nothing recorded (the flow goes on to cancelling)
  if (earlier.some((e) => e.event === 'accepted' || e.event === 'declined'))
    return { holdout: false, offers: [] };
  const settings = await findOfferSettings(trx);
  const holdout = inHoldout(facts.accountId, settings.salt, settings.holdout_percent);
  const base = {
    case_id: caseId,
    account_id: facts.accountId,
    subscription_id: sub.id,
    actor_id: deps.actor.id,
    at: now,
  };
  let presented: PresentedOffer[] = [];
  if (holdout) {
    await insertOfferEvents(trx, [{ ...base, offer_id: null, event: 'holdout', terms: {}, holdout: true }]);
  } else {
    const { definitions, planNames } = await offersWithTargets(trx);
    const history = await accountRedemptions(trx, facts.accountId);
    const planName = { de: sub.plan_name_de, en: sub.plan_name_en };
    const withNames = { ...facts, planName, planNames };
    presented = eligibleOffers(definitions, withNames, history, now, deps.config.timeZone).map(
      ({ offer, why }) => ({
        offerId: offer.id,
        kind: offer.kind,
        title: offer.title,
        why,
        terms: termsAsShown(offer.terms, now, deps.config.timeZone),
      }),
    );
    await insertOfferEvents(
      trx,
      presented.map((p) => ({
        ...base,
        offer_id: p.offerId,
        event: 'shown',
        terms: p.terms,
        holdout: false,
      })),
    );
  }
  await writeAudit(trx, deps.actor, now, {
    action: 'offers.presented',
    entityType: 'case',
    entityId: caseId,
    caseId,
    accountId: facts.accountId,
    changes: { holdout, offers: presented.map((p) => p.offerId), reasonCode: facts.reasonCode },
  });
  if (holdout)
    await watchSave(trx, deps, {
      caseId,
      accountId: facts.accountId,
      subscriptionId: sub.id,
      offerId: null,
      kind: null,
      holdout: true,
    });
  return { holdout, offers: presented };
}

/** The offers, without downgrades to a plan that is no longer sold, and the names of the plans the others lead to. */
async function offersWithTargets(trx: Trx) {
  const all = (await listOfferRows(trx)).map(toDefinition);
  const planNames: Record<string, { de: string; en: string }> = {};
  for (const o of all)
    if (o.terms.kind === 'downgrade' && o.active && !(o.terms.planCode in planNames)) {
      const plan = await findActivePlanByCode(trx, o.terms.planCode);
      if (plan) planNames[plan.code] = { de: plan.name_de, en: plan.name_en };
    }
  const definitions = all.filter((o) => o.terms.kind !== 'downgrade' || o.terms.planCode in planNames);
  return { definitions, planNames };
}
