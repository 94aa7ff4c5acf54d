import { createHash } from 'node:crypto';
import { addMonths, businessDate } from '../../platform/clock';
import { compareMoney, formatMoney, type Money } from '../../platform/money';
import type { OfferKind } from './offers.table';

// The pure part of retention offers: which offers a customer may get (top-down, by the admin's
// order), the one-line "why this offer" in German and English, the terms as shown, and the
// stable holdout assignment. No I/O: the same inputs always give the same answer.

/** The cancellation taxonomy's top-level reason codes an offer can be aimed at. */
export const REASON_CODES = [
  'too_expensive',
  'not_using',
  'missing_features',
  'poor_support',
  'technical_problems',
  'switching_competitor',
  'only_trying',
  'temporary',
  'life_change',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_LABELS: Record<ReasonCode, { de: string; en: string }> = {
  too_expensive: { de: 'zu teuer', en: 'too expensive' },
  not_using: { de: 'wird nicht genutzt', en: 'not using it' },
  missing_features: { de: 'fehlende Funktionen', en: 'missing features' },
  poor_support: { de: 'schlechter Support', en: 'poor support' },
  technical_problems: { de: 'technische Probleme', en: 'technical problems' },
  switching_competitor: { de: 'Wechsel zur Konkurrenz', en: 'switching to a competitor' },
  only_trying: { de: 'wollte nur testen', en: 'only wanted to try it' },
  temporary: { de: 'vorübergehend / saisonal', en: 'temporary / seasonal' },
  life_change: { de: 'Umzug oder Lebensumstände', en: 'moving or life change' },
  other: { de: 'anderer Grund', en: 'other reason' },
};

export type OfferTerms =
  | { kind: 'pause'; months: number }
  | { kind: 'downgrade'; planCode: string }
  | { kind: 'discount'; percent: number; cycles: number }
  | { kind: 'extension'; days: number }
  | { kind: 'custom'; text: { de: string; en: string } };

export interface OfferEligibility {
  /** Plan codes the offer is for; empty: every plan. */
  plans: string[];
  minTenureDays?: number | null;
  maxTenureDays?: number | null;
  /** Cancellation reasons the offer answers; empty: every reason. */
  reasons: string[];
  minLifetimeValue?: Money | null;
  /** Not offered again to an account that accepted this offer within the last N months. */
  notRedeemedWithinMonths?: number | null;
}

export interface OfferDefinition {
  id: string;
  kind: OfferKind;
  title: { de: string; en: string };
  terms: OfferTerms;
  eligibility: OfferEligibility;
  /** Redemptions in total (all accounts); null: no limit. */
  maxRedemptions: number | null;
  redemptions: number;
  active: boolean;
  /** The admin's order: lower comes first. */
  position: number;
}

/** What the cancellation flow knows about the customer when offers are considered. */
export interface EligibilityFacts {
  accountId: string;
  planCode: string;
  /** The plan's name to show, when known (else the code is shown). */
  planName?: { de: string; en: string };
  /** Names of the plans downgrades lead to, by code (else the code is shown). */
  planNames?: Record<string, { de: string; en: string }>;
  tenureDays: number;
  reasonCode: string;
  lifetimeValue: Money;
  now: Date;
}

/** The account's earlier acceptances (any case), for "not redeemed in the last N months". */
export interface RedemptionHistoryEntry {
  offerId: string;
  at: Date;
}

export interface EligibleOffer {
  offer: OfferDefinition;
  why: { de: string; en: string };
}

/** The first rule an offer fails for these facts, or null when it is eligible. */
export function ineligibleBecause(
  offer: OfferDefinition,
  facts: EligibilityFacts,
  history: readonly RedemptionHistoryEntry[],
  now: Date,
  timeZone = 'Europe/Berlin',
): string | null {
  const e = offer.eligibility;
  if (!offer.active) return 'inactive';
  if (offer.maxRedemptions !== null && offer.redemptions >= offer.maxRedemptions) return 'max_redemptions';
  if (e.plans.length > 0 && !e.plans.includes(facts.planCode)) return 'plan';
  if (offer.terms.kind === 'downgrade' && offer.terms.planCode === facts.planCode) return 'plan';
  if (e.minTenureDays != null && facts.tenureDays < e.minTenureDays) return 'min_tenure';
  if (e.maxTenureDays != null && facts.tenureDays > e.maxTenureDays) return 'max_tenure';
  if (e.reasons.length > 0 && !e.reasons.includes(facts.reasonCode)) return 'reason';
  if (e.minLifetimeValue) {
    if (e.minLifetimeValue.currency !== facts.lifetimeValue.currency) return 'lifetime_value';
    if (compareMoney(facts.lifetimeValue, e.minLifetimeValue) < 0) return 'lifetime_value';
  }
  if (e.notRedeemedWithinMonths != null) {
    const since = addMonths(businessDate(now, timeZone), -e.notRedeemedWithinMonths);
    const recent = history.some((h) => h.offerId === offer.id && businessDate(h.at, timeZone) > since);
    if (recent) return 'redeemed_recently';
  }
  return null;
}

/**
 * The offers this customer may get, evaluated top-down in the admin's order (position, then
 * id), best first, each with a one-line reason in German and English.
 */
export function eligibleOffers(
  offers: readonly OfferDefinition[],
  facts: EligibilityFacts,
  history: readonly RedemptionHistoryEntry[],
  now: Date,
  timeZone = 'Europe/Berlin',
): EligibleOffer[] {
  return [...offers]
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .filter((o) => ineligibleBecause(o, facts, history, now, timeZone) === null)
    .map((offer) => ({ offer, why: whyThisOffer(offer, facts) }));
}

function tenureWords(days: number): { de: string; en: string } {
  const years = Math.floor(days / 365);
  const months = Math.floor(days / 30);
  if (years >= 1)
    return { de: years === 1 ? '1 Jahr' : `${years} Jahren`, en: years === 1 ? '1 year' : `${years} years` };
  if (months >= 1)
    return {
      de: months === 1 ? '1 Monat' : `${months} Monaten`,
      en: months === 1 ? '1 month' : `${months} months`,
    };
  return { de: days === 1 ? '1 Tag' : `${days} Tagen`, en: days === 1 ? '1 day' : `${days} days` };
}

/** What the offer gives, in a few words. */
export function offerBenefit(
  terms: OfferTerms,
  planNames: Record<string, { de: string; en: string }> = {},
): { de: string; en: string } {
  switch (terms.kind) {
    case 'pause':
      return {
        de: `eine Pause von ${terms.months} ${terms.months === 1 ? 'Monat' : 'Monaten'} ohne Kosten`,
        en: `a ${terms.months}-month pause at no cost`,
      };
    case 'downgrade': {
      const name = planNames[terms.planCode] ?? { de: terms.planCode, en: terms.planCode };
      return { de: `der günstigere Tarif ${name.de}`, en: `the lower-priced ${name.en} plan` };
    }
    case 'discount':
      return {
        de: `${terms.percent} % Rabatt für ${terms.cycles} ${terms.cycles === 1 ? 'Abrechnung' : 'Abrechnungen'}`,
        en: `${terms.percent}% off for ${terms.cycles} ${terms.cycles === 1 ? 'billing cycle' : 'billing cycles'}`,
      };
    case 'extension':
      return { de: `${terms.days} Tage kostenlos dazu`, en: `${terms.days} free days` };
    case 'custom':
      return terms.text;
  }
}

/** "Sie sind seit 3 Jahren Kunde (Tarif Plus jährlich); Ihr Grund: zu teuer – daher 20 % Rabatt für 3 Abrechnungen." — the tenure is the customer's, since signup. */
export function whyThisOffer(offer: OfferDefinition, facts: EligibilityFacts): { de: string; en: string } {
  const plan = facts.planName ?? { de: facts.planCode, en: facts.planCode };
  const tenure = tenureWords(facts.tenureDays);
  const reason = REASON_LABELS[facts.reasonCode as ReasonCode] ?? {
    de: facts.reasonCode,
    en: facts.reasonCode,
  };
  const benefit = offerBenefit(offer.terms, facts.planNames);
  const value = offer.eligibility.minLifetimeValue
    ? {
        de: `, Kundenwert über ${formatMoney(offer.eligibility.minLifetimeValue, 'de')}`,
        en: `, customer value above ${formatMoney(offer.eligibility.minLifetimeValue, 'en')}`,
      }
    : { de: '', en: '' };
  return {
    de: `Sie sind seit ${tenure.de} Kunde (Tarif ${plan.de}${value.de}); Ihr Grund: ${reason.de} – daher ${benefit.de}.`,
    en: `You have been a customer for ${tenure.en} (${plan.en} plan${value.en}); your reason: ${reason.en} – so ${benefit.en}.`,
  };
}

/** The terms as shown to this customer today (a pause names its resume date). */
export function termsAsShown(
  terms: OfferTerms,
  now: Date,
  timeZone = 'Europe/Berlin',
): Record<string, unknown> {
  if (terms.kind === 'pause')
    return { ...terms, resumeOn: addMonths(businessDate(now, timeZone), terms.months) };
  return { ...terms };
}

/**
 * Whether an account is in the holdout group (sees no offer): a hash of the experiment's salt and
 * the account id, mapped onto 0–9999 and compared with the share in basis points. Stable: the
 * same account, salt and share always give the same answer; changing the salt reshuffles.
 */
export function inHoldout(accountId: string, salt: string, percent: number): boolean {
  if (percent <= 0) return false;
  if (percent >= 100) return true;
  const digest = createHash('sha256').update(`${salt}:${accountId}`).digest();
  return digest.readUInt32BE(0) % 10_000 < Math.round(percent * 100);
}
