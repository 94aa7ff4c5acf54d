import type { Trx, UseCaseDeps } from '../../platform/deps';
import type { Money } from '../../platform/money';

// The contract with the offers module (branch `offers`, src/modules/offers/index.ts). Until it is
// merged this shim stands in for it: no offers, nobody in the holdout, every answer declined. The
// cancellation desk calls only this file, so the merge swaps one import for '../offers'.

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
  kind: 'pause' | 'downgrade' | 'discount' | 'extension' | 'custom';
  title: { de: string; en: string };
  why: { de: string; en: string };
  terms: Record<string, unknown>;
}

/** The eligible offers for this customer and reason, best first, recorded as shown (shim: none). */
export async function presentOffers(
  _trx: Trx,
  _deps: UseCaseDeps,
  _input: { caseId: string; facts: OfferFacts },
): Promise<{ holdout: boolean; offers: PresentedOffer[] }> {
  return { holdout: false, offers: [] };
}

/** Records the customer's answer; an accepted offer changes the subscription (shim: declined). */
export async function respondToOffer(
  _trx: Trx,
  _deps: UseCaseDeps,
  _input: { caseId: string; offerId: string; subscriptionId: string; response: 'accepted' | 'declined' },
): Promise<{ outcome: 'retained' | 'declined' }> {
  return { outcome: 'declined' };
}
