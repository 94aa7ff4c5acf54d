import { type Money, formatMoney as m } from '../../platform/money';
import type { Role } from '../../platform/roles';
import type { Decision, Explanation } from './evaluation.schemas';
import type { Basis, Category, ScoreFactor, VERIFICATION_STATES } from './policy.schemas';
import {
  BASIS_LABEL,
  type Bilingual,
  CATEGORY_WORDS,
  type CountedFrom,
  count,
  dayCount,
  dayText,
  FROM_LABEL,
  type Lang,
  monthCountDative,
  ordinalEn,
  percentText,
  pointsText,
  ROLE_LABEL,
  tageDative,
} from './wording';

// Every sentence an evaluation can say, in German and English, by code. A sentence takes the
// numbers it names, so the text and the result cannot disagree.

type Window = { days: number; from: CountedFrom };
const From = (from: CountedFrom) => ({ de: FROM_LABEL[from].de, en: capital(FROM_LABEL[from].en) });
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const both = (f: (lang: Lang) => string): Bilingual => ({ de: f('de'), en: f('en') });

const bases = {
  withdrawal_inside: (p: Window & { day: number }) => ({
    de: `Widerrufsrecht: Tag ${p.day} der Frist von ${p.days} Tagen ab ${FROM_LABEL[p.from].de}`,
    en: `Right of withdrawal: day ${p.day} of the ${p.days}-day period from ${FROM_LABEL[p.from].en}`,
  }),
  withdrawal_not_started: (p: { days: number }) => ({
    de: `Widerrufsrecht: Die Frist von ${p.days} Tagen beginnt erst mit der Lieferung`,
    en: `Right of withdrawal: the ${p.days}-day period only starts on delivery`,
  }),
  withdrawal_expired: (p: Window & { daysPast: number }) => ({
    de: `Die Widerrufsfrist von ${p.days} Tagen ab ${FROM_LABEL[p.from].de} ist seit ${tageDative(p.daysPast)} abgelaufen`,
    en: `The ${p.days}-day withdrawal period from ${FROM_LABEL[p.from].en} ended ${dayCount(p.daysPast, 'en')} ago`,
  }),
  withdrawal_no_distance: () => ({
    de: 'Kein Fernabsatzvertrag: kein gesetzliches Widerrufsrecht',
    en: 'Not a distance contract: no statutory right of withdrawal',
  }),
  withdrawal_consent_exception: (p: { category: Category }) => ({
    de: `Kein Widerrufsrecht: Die Bereitstellung hat mit Zustimmung des Kunden begonnen (${CATEGORY_WORDS[p.category].inText.de})`,
    en: `No right of withdrawal: delivery started with the customer's consent (${CATEGORY_WORDS[p.category].inText.en})`,
  }),
  withdrawal_first_payment_only: () => ({
    de: 'Das Widerrufsrecht gilt nur für die erste Zahlung eines Abonnements',
    en: 'The right of withdrawal covers only the first payment of a subscription',
  }),
  guarantee_inside: (p: { day: number; days: number }) => ({
    de: `Geld-zurück-Garantie: Tag ${p.day} von ${p.days} ab Anmeldung, die erste Zahlung ist voll erstattbar`,
    en: `Money-back guarantee: day ${p.day} of ${p.days} from signup, the first payment is refundable in full`,
  }),
  guarantee_expired: (p: { days: number; daysPast: number }) => ({
    de: `Die Geld-zurück-Garantie von ${p.days} Tagen ab Anmeldung ist seit ${tageDative(p.daysPast)} abgelaufen`,
    en: `The ${p.days}-day money-back guarantee from signup ended ${dayCount(p.daysPast, 'en')} ago`,
  }),
  guarantee_first_payment_only: () => ({
    de: 'Die Geld-zurück-Garantie gilt nur für die erste Zahlung',
    en: 'The money-back guarantee covers only the first payment',
  }),
  return_inside: (p: Window & { day: number }) => ({
    de: `${From(p.from).de} liegt innerhalb des Rückgabefensters von ${p.days} Tagen (Tag ${p.day})`,
    en: `${From(p.from).en} is inside the ${p.days}-day return window (day ${p.day})`,
  }),
  return_outside: (p: Window & { daysPast: number }) => ({
    de: `${From(p.from).de} liegt ${dayCount(p.daysPast, 'de')} außerhalb des Rückgabefensters von ${p.days} Tagen`,
    en: `${From(p.from).en} is ${dayCount(p.daysPast, 'en')} outside the ${p.days}-day return window`,
  }),
  return_not_started: (p: { days: number }) => ({
    de: `Noch nicht geliefert: Das Rückgabefenster von ${p.days} Tagen beginnt mit der Lieferung`,
    en: `Not delivered yet: the ${p.days}-day return window starts on delivery`,
  }),
  return_non_refundable: (p: { category: Category }) => ({
    de: `${CATEGORY_WORDS[p.category].de}: von der Rückgabe ausgeschlossen`,
    en: `${CATEGORY_WORDS[p.category].en}: excluded from returns`,
  }),
  defect_inside: (p: { months: number; from: CountedFrom; until: string }) => ({
    de: `Mangel innerhalb der Gewährleistung von ${monthCountDative(p.months, 'de')} ab ${FROM_LABEL[p.from].de} (bis ${dayText(p.until, 'de')})`,
    en: `Defect within the ${p.months}-month warranty from ${FROM_LABEL[p.from].en} (until ${dayText(p.until, 'en')})`,
  }),
  defect_expired: (p: { months: number; from: CountedFrom; until: string }) => ({
    de: `Die Gewährleistung von ${monthCountDative(p.months, 'de')} ab ${FROM_LABEL[p.from].de} endete am ${dayText(p.until, 'de')}`,
    en: `The ${p.months}-month warranty from ${FROM_LABEL[p.from].en} ended on ${dayText(p.until, 'en')}`,
  }),
  pro_rata: (p: { unused: number; total: number; unit: 'days' | 'months'; amount: Money }) => ({
    de: `Anteilig erstattbar: ${p.unused} von ${p.unit === 'days' ? tageDative(p.total) : `${p.total} Monaten`} ungenutzt (${m(p.amount, 'de')})`,
    en: `Refundable pro rata: ${p.unused} of ${p.total} ${p.unit} unused (${m(p.amount, 'en')})`,
  }),
  pro_rata_nothing_unused: (p: { effectiveOn: string }) => ({
    de: `Die Kündigung wirkt zum ${dayText(p.effectiveOn, 'de')}: kein ungenutzter Zeitraum`,
    en: `The cancellation takes effect on ${dayText(p.effectiveOn, 'en')}: nothing unused`,
  }),
  pro_rata_not_cancelled: () => ({
    de: 'Das Abonnement ist nicht gekündigt: keine anteilige Erstattung',
    en: 'The subscription is not cancelled: no pro-rata refund',
  }),
  basis: (p: { basis: Basis }) =>
    p.basis === 'goodwill'
      ? {
          de: 'Grundlage: Kulanz, eine Ausnahme von der Richtlinie',
          en: 'Basis: goodwill, an exception to the policy',
        }
      : {
          de: `Grundlage: ${BASIS_LABEL[p.basis].de}, innerhalb der Richtlinie`,
          en: `Basis: ${BASIS_LABEL[p.basis].en}, within the policy`,
        },
};

const amounts = {
  remainder: (p: { paid: Money; refunded: Money; remainder: Money }) => ({
    de: `Bezahlt ${m(p.paid, 'de')}, bereits erstattet ${m(p.refunded, 'de')}: noch ${m(p.remainder, 'de')} erstattbar`,
    en: `Paid ${m(p.paid, 'en')}, already refunded ${m(p.refunded, 'en')}: ${m(p.remainder, 'en')} left to refund`,
  }),
  restocking_fee: (p: { bps: number; fee: Money }) => ({
    de: `Wiedereinlagerungsgebühr ${percentText(p.bps, 'de')}: ${m(p.fee, 'de')} werden abgezogen`,
    en: `Restocking fee ${percentText(p.bps, 'en')}: ${m(p.fee, 'en')} is deducted`,
  }),
  requested_over_max: (p: { requested: Money; max: Money }) => ({
    de: `Gewünscht sind ${m(p.requested, 'de')}, erstattbar höchstens ${m(p.max, 'de')}`,
    en: `${m(p.requested, 'en')} requested, at most ${m(p.max, 'en')} refundable`,
  }),
  goodwill_non_refundable: (p: { category: Category }) => ({
    de: `Für ${CATEGORY_WORDS[p.category].inText.de} ist keine Kulanz vorgesehen`,
    en: `No goodwill is offered for ${CATEGORY_WORDS[p.category].inText.en}`,
  }),
  goodwill_used: (p: { count: number; maxCount: number; used: Money; maxAmount: Money }) => ({
    de: `Kulanz in 12 Monaten: ${p.count} von ${p.maxCount} Erstattungen, ${m(p.used, 'de')} von ${m(p.maxAmount, 'de')}`,
    en: `Goodwill in 12 months: ${p.count} of ${p.maxCount} refunds, ${m(p.used, 'en')} of ${m(p.maxAmount, 'en')}`,
  }),
  over_per_request: (p: { limit: Money; over: Money }) => ({
    de: `Kulanzgrenze je Antrag ${m(p.limit, 'de')}: ${m(p.over, 'de')} darüber`,
    en: `Goodwill limit per request ${m(p.limit, 'en')}: ${m(p.over, 'en')} over`,
  }),
  over_customer_amount: (p: { limit: Money; used: Money; over: Money }) => ({
    de: `Kulanz in 12 Monaten: ${m(p.used, 'de')} von ${m(p.limit, 'de')} genutzt, ${m(p.over, 'de')} darüber`,
    en: `Goodwill in 12 months: ${m(p.used, 'en')} of ${m(p.limit, 'en')} used, ${m(p.over, 'en')} over`,
  }),
  over_customer_count: (p: { limit: number; used: number }) => ({
    de: `Bereits ${count(p.used, 'Kulanzerstattung', 'Kulanzerstattungen')} in 12 Monaten, Grenze ${p.limit}`,
    en: `Already ${count(p.used, 'goodwill refund', 'goodwill refunds')} in 12 months, limit ${p.limit}`,
  }),
  score: (p: { score: number; approveFrom: number; partialFrom: number }) => ({
    de: `Ausnahmewert ${p.score} (voll ab ${p.approveFrom}, teilweise ab ${p.partialFrom})`,
    en: `Exception score ${p.score} (in full from ${p.approveFrom}, in part from ${p.partialFrom})`,
  }),
};

const DECISION_WORDS: Record<Decision, (p: { recommended: Money; requested: Money }, lang: Lang) => string> =
  {
    approve: (p, lang) =>
      lang === 'de'
        ? `Empfehlung: ${m(p.recommended, 'de')} erstatten`
        : `Recommendation: refund ${m(p.recommended, 'en')}`,
    approve_partial: (p, lang) =>
      lang === 'de'
        ? `Empfehlung: ${m(p.recommended, 'de')} von ${m(p.requested, 'de')} erstatten`
        : `Recommendation: refund ${m(p.recommended, 'en')} of ${m(p.requested, 'en')}`,
    deny: (_, lang) =>
      lang === 'de'
        ? 'Empfehlung: ablehnen und eine Alternative anbieten (Gutschrift, Umtausch oder Rabatt)'
        : 'Recommendation: deny and offer an alternative (store credit, exchange or discount)',
    escalate: (p, lang) => {
      const suggested = p.recommended.amountMinor > 0 ? m(p.recommended, lang) : null;
      if (lang === 'de')
        return `Empfehlung: zur Entscheidung weitergeben${suggested ? ` (Vorschlag ${suggested})` : ''}`;
      return `Recommendation: pass on for a decision${suggested ? ` (suggested ${suggested})` : ''}`;
    },
  };

const article = (role: Role) => (role === 'agent' || role === 'admin' ? 'an' : 'a');
const limitText = (limit: Money | null, lang: Lang) =>
  limit ? m(limit, lang) : lang === 'de' ? 'ohne Grenze' : 'no limit';

const approvals = {
  decision: (p: { decision: Decision; recommended: Money; requested: Money }) =>
    both((lang) => DECISION_WORDS[p.decision](p, lang)),
  approval_agent: (p: { limit: Money | null }) => ({
    de: `Ein Agent darf entscheiden (Grenze ${limitText(p.limit, 'de')})`,
    en: `An agent may decide (limit ${limitText(p.limit, 'en')})`,
  }),
  approval_amount: (p: { role: Role; below: Role; belowLimit: Money | null }) => ({
    de: `Freigabe durch ${ROLE_LABEL[p.role].de} nötig (Grenze ${ROLE_LABEL[p.below].de}: ${limitText(p.belowLimit, 'de')})`,
    en: `Needs ${article(p.role)} ${ROLE_LABEL[p.role].en}'s approval (${ROLE_LABEL[p.below].en} limit: ${limitText(p.belowLimit, 'en')})`,
  }),
  approval_signals: (p: { role: Role }) => ({
    de: `Freigabe durch ${ROLE_LABEL[p.role].de} nötig (Auffälligkeiten)`,
    en: `Needs ${article(p.role)} ${ROLE_LABEL[p.role].en}'s approval (abuse signals)`,
  }),
  approval_over_limit: (p: { role: Role }) => ({
    de: `Freigabe durch ${ROLE_LABEL[p.role].de} nötig (über einer Kulanzgrenze)`,
    en: `Needs ${article(p.role)} ${ROLE_LABEL[p.role].en}'s approval (over a goodwill limit)`,
  }),
  approval_requested: (p: { role: Role; amount: Money }) => ({
    de: `Für die gewünschten ${m(p.amount, 'de')}: Freigabe durch ${ROLE_LABEL[p.role].de}`,
    en: `For the ${m(p.amount, 'en')} requested: approval by ${article(p.role)} ${ROLE_LABEL[p.role].en}`,
  }),
  approval_above_all: (p: { limit: Money }) => ({
    de: `Über allen Freigabegrenzen (Admin: ${m(p.limit, 'de')})`,
    en: `Above every approval limit (admin: ${m(p.limit, 'en')})`,
  }),
};

const VERIFICATION_WORDS: Record<(typeof VERIFICATION_STATES)[number], Bilingual> = {
  verified: { de: 'Identität geprüft', en: 'Identity verified' },
  override: {
    de: 'Identität durch die Teamleitung bestätigt (Override)',
    en: 'Identity vouched for by a lead (override)',
  },
  expired: { de: 'Identitätsprüfung abgelaufen', en: 'Identity check expired' },
  unverified: { de: 'Identität nicht geprüft', en: 'Identity not verified' },
};

const inTwelveMonths = (n: number, de: [string, string], en: [string, string]): Bilingual => ({
  de: `${count(n, ...de)} in den letzten 12 Monaten`,
  en: `${count(n, ...en)} in the last 12 months`,
});

/** What each factor's sentence names besides its points and weight. */
export interface FactorWords {
  reason: { label: Bilingual };
  productType: { category: Category };
  daysPastWindow: { daysPast: number | null };
  tenure: { days: number };
  lifetimeValue: { amount: Money };
  priorRefunds: { count: number };
  complaints: { count: number };
  verification: { state: (typeof VERIFICATION_STATES)[number] };
}

const FACTORS: { [F in ScoreFactor]: (p: FactorWords[F]) => Bilingual } = {
  reason: (p) => ({ de: `Grund „${p.label.de}“`, en: `Reason “${p.label.en}”` }),
  productType: (p) => ({
    de: `Produktart ${CATEGORY_WORDS[p.category].de}`,
    en: `Product type ${CATEGORY_WORDS[p.category].inText.en}`,
  }),
  daysPastWindow: (p) =>
    p.daysPast === null
      ? { de: 'Kein Rückgabefenster für diese Produktart', en: 'No return window for this product type' }
      : p.daysPast === 0
        ? { de: 'Innerhalb des Rückgabefensters', en: 'Inside the return window' }
        : {
            de: `${dayCount(p.daysPast, 'de')} nach dem Rückgabefenster`,
            en: `${dayCount(p.daysPast, 'en')} past the return window`,
          },
  tenure: (p) => ({ de: `Kunde seit ${tageDative(p.days)}`, en: `Customer for ${dayCount(p.days, 'en')}` }),
  lifetimeValue: (p) => ({
    de: `Umsatz bisher ${m(p.amount, 'de')}`,
    en: `Lifetime value ${m(p.amount, 'en')}`,
  }),
  priorRefunds: (p) => inTwelveMonths(p.count, ['Erstattung', 'Erstattungen'], ['refund', 'refunds']),
  complaints: (p) => inTwelveMonths(p.count, ['Beschwerde', 'Beschwerden'], ['complaint', 'complaints']),
  verification: (p) => VERIFICATION_WORDS[p.state],
};

/** A factor's sentence with its points and weight: "Grund „Defekt“: +80 Punkte (Gewicht 3)". */
export function explainFactor<F extends ScoreFactor>(
  factor: F,
  words: FactorWords[F],
  points: number,
  weight: number,
): Explanation {
  if (unworded) return { code: `factor_${factor}`, de: '', en: '' };
  const text = FACTORS[factor](words);
  return {
    code: `factor_${factor}`,
    de: `${text.de}: ${pointsText(points, 'de')} (Gewicht ${weight})`,
    en: `${text.en}: ${pointsText(points, 'en')} (weight ${weight})`,
  };
}

const signals = {
  signal_repeated_refunds: (p: { count: number; threshold: number }) => ({
    de: `Wiederholte Erstattungen: ${p.count} in den letzten 12 Monaten (Hinweis ab ${p.threshold})`,
    en: `Repeated refunds: ${p.count} in the last 12 months (flagged from ${p.threshold})`,
  }),
  signal_after_renewal: (p: { days: number; renewedOn: string }) =>
    p.days === 0
      ? {
          de: `Antrag am Tag der Verlängerung (${dayText(p.renewedOn, 'de')})`,
          en: `Request on the day of the renewal (${dayText(p.renewedOn, 'en')})`,
        }
      : {
          de: `Antrag ${dayCount(p.days, 'de')} nach der Verlängerung am ${dayText(p.renewedOn, 'de')}`,
          en: `Request ${dayCount(p.days, 'en')} after the renewal on ${dayText(p.renewedOn, 'en')}`,
        },
  signal_request_burst: (p: { count: number; days: number }) => ({
    de: `Viele Anträge: ${p.count} in den letzten ${p.days} Tagen, dieser eingeschlossen`,
    en: `Many requests: ${p.count} in the last ${p.days} days, this one included`,
  }),
  signal_just_under_limit: (p: { amount: Money; limit: Money; occurrences: number }) => ({
    de: `Betrag ${m(p.amount, 'de')} knapp unter der Grenze von ${m(p.limit, 'de')}, zum ${p.occurrences}. Mal in 12 Monaten`,
    en: `Amount ${m(p.amount, 'en')} just under the ${m(p.limit, 'en')} limit, the ${ordinalEn(p.occurrences)} time in 12 months`,
  }),
};

const SENTENCES = { ...bases, ...amounts, ...approvals, ...signals };
export type SentenceCode = keyof typeof SENTENCES;
type ParamsOf<C extends SentenceCode> = Parameters<(typeof SENTENCES)[C]> extends [infer P] ? P : undefined;

/** One finding of an evaluation, worded in both languages. */
export function explain<C extends SentenceCode>(
  code: C,
  ...params: ParamsOf<C> extends undefined ? [] : [ParamsOf<C>]
): Explanation {
  if (unworded) return { code, de: '', en: '' };
  const words = (SENTENCES[code] as (p: unknown) => Bilingual)(params[0]);
  return { code, ...words };
}

/** Set while withoutWords runs: findings keep their codes, their sentences stay empty. */
let unworded = false;

/**
 * Runs `f` (synchronous) with every finding's sentences left empty: for a replay that reads only
 * the outcome (the policy simulator, a hundred thousand evaluations), where the wording — money and
 * days formatted in two languages — was a fifth of an evaluation's time. Nothing else changes.
 */
export function withoutWords<T>(f: () => T): T {
  const before = unworded;
  unworded = true;
  try {
    return f();
  } finally {
    unworded = before;
  }
}
