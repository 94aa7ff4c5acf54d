import type { Category, PolicyDocument } from './policy.schemas';
import { PRODUCT_CATEGORIES } from './policy.schemas';
import {
  type Bilingual,
  CATEGORY_WORDS,
  dayText,
  FROM_LABEL,
  type Lang,
  listText,
  monthCountDative,
  percentText,
  windowFrom,
} from './wording';

// The customer-facing policy page, rendered from the same policy document the evaluation
// enforces: every number on the page is read from the data, none is written here.

export type PolicySectionId = 'withdrawal' | 'guarantee' | 'returns' | 'pro_rata' | 'defects' | 'goodwill';

export interface PolicyPageSection {
  id: PolicySectionId;
  heading: string;
  paragraphs: string[];
}

export interface PolicyPage {
  lang: Lang;
  title: string;
  subtitle: string;
  sections: PolicyPageSection[];
}

type Section = (p: PolicyDocument, lang: Lang) => PolicyPageSection | null;
const pick = (text: Bilingual, lang: Lang) => text[lang];
const inText = (categories: readonly Category[], lang: Lang) =>
  listText(
    categories.map((c) => CATEGORY_WORDS[c].inText[lang]),
    lang,
  );

const withdrawal: Section = (p, lang) => {
  const { days, consentExceptionCategories: consent } = p.withdrawal;
  const paragraphs = [
    lang === 'de'
      ? `Verträge, die Sie online, telefonisch oder per Post geschlossen haben, können Sie binnen ${days} Tagen ohne Angabe von Gründen widerrufen. Die Frist beginnt bei Waren mit der Lieferung, bei Abonnements mit der Anmeldung und sonst mit dem Vertragsschluss. Sie erhalten Ihre Zahlung ohne Abzug zurück, bei einem Abonnement die erste Zahlung.`
      : `You may withdraw from a contract concluded online, by phone or by post within ${days} days without giving a reason. The period starts on delivery for goods, on signup for subscriptions and on conclusion of the contract otherwise. You get your payment back without deduction; for a subscription, the first payment.`,
  ];
  if (consent.length > 0)
    paragraphs.push(
      lang === 'de'
        ? `Für ${inText(consent, lang)} erlischt das Widerrufsrecht, sobald die Bereitstellung mit Ihrer ausdrücklichen Zustimmung begonnen hat.`
        : `For ${inText(consent, lang)} the right of withdrawal ends once delivery has started with your express consent.`,
    );
  return { id: 'withdrawal', heading: lang === 'de' ? 'Widerrufsrecht' : 'Right of withdrawal', paragraphs };
};

const guarantee: Section = (p, lang) => {
  if (!p.guarantee.enabled) return null;
  const { days } = p.guarantee;
  const text =
    lang === 'de'
      ? `Innerhalb von ${days} Tagen nach der Anmeldung erstatten wir die erste Zahlung eines Abonnements auf Wunsch vollständig.`
      : `Within ${days} days of signing up we refund the first payment of a subscription in full on request.`;
  return {
    id: 'guarantee',
    heading: lang === 'de' ? 'Geld-zurück-Garantie' : 'Money-back guarantee',
    paragraphs: [text],
  };
};

const returns: Section = (p, lang) => {
  const feeOnReturns = p.restockingFee.appliesTo.includes('return_window');
  const paragraphs = PRODUCT_CATEGORIES.flatMap((c) => {
    const window = p.returnWindows[c];
    if (!window || p.nonRefundableCategories.includes(c)) return [];
    const bps = feeOnReturns ? p.restockingFee.bps[c] : 0;
    const from = pick(FROM_LABEL[windowFrom(c, window)], lang);
    if (lang === 'de')
      return [
        `${CATEGORY_WORDS[c].de}: ${window.days} Tage ab ${from}${bps ? `, nach Ablauf der Widerrufsfrist abzüglich ${percentText(bps, 'de')} Wiedereinlagerungsgebühr` : ''}.`,
      ];
    return [
      `${CATEGORY_WORDS[c].en}: ${window.days} days from ${from}${bps ? `, after the withdrawal period less a ${percentText(bps, 'en')} restocking fee` : ''}.`,
    ];
  });
  if (p.nonRefundableCategories.length > 0) {
    const excluded = listText(
      p.nonRefundableCategories.map((c) => CATEGORY_WORDS[c][lang]),
      lang,
    );
    paragraphs.push(
      lang === 'de'
        ? `${excluded}: von der Rückgabe ausgeschlossen; Ihr gesetzliches Widerrufsrecht und die Gewährleistung bleiben unberührt.`
        : `${excluded}: not returnable; your statutory right of withdrawal and the warranty are not affected.`,
    );
  }
  return { id: 'returns', heading: lang === 'de' ? 'Rückgabe' : 'Returns', paragraphs };
};

const INTERVAL_WORDS = {
  annual: { de: 'Jahresabo', en: 'annual plan' },
  monthly: { de: 'Monatsabo', en: 'monthly plan' },
};

const proRata: Section = (p, lang) => {
  if (p.proRata.intervals.length === 0) return null;
  const plans = p.proRata.intervals
    .map((i) => INTERVAL_WORDS[i][lang])
    .join(lang === 'de' ? ' oder ' : ' or ');
  const byDays = p.proRata.method === 'unused_days';
  const text =
    lang === 'de'
      ? `Endet Ihr ${plans} durch Kündigung vor dem Ende der bezahlten Laufzeit, erstatten wir ${byDays ? 'die ungenutzten Tage' : 'die ungenutzten vollen Monate'} anteilig.`
      : `If your ${plans} ends through cancellation before the end of the paid term, we refund the unused ${byDays ? 'days' : 'whole months'} pro rata.`;
  return {
    id: 'pro_rata',
    heading: lang === 'de' ? 'Vorzeitige Kündigung' : 'Early cancellation',
    paragraphs: [text],
  };
};

const defects: Section = (p, lang) => {
  const months = p.defects.warrantyMonths;
  const text =
    lang === 'de'
      ? `Für Mängel gilt die gesetzliche Gewährleistung von ${monthCountDative(months, 'de')} ab Lieferung; die Erstattung erfolgt ohne Abzug.`
      : `Defects are covered by the statutory warranty of ${monthCountDative(months, 'en')} from delivery; refunds are made without deduction.`;
  return {
    id: 'defects',
    heading: lang === 'de' ? 'Mängel (Gewährleistung)' : 'Defects (warranty)',
    paragraphs: [text],
  };
};

const goodwill: Section = (p, lang) => {
  const paragraphs = [
    lang === 'de'
      ? 'Passt Ihr Anliegen zu keiner dieser Regeln, prüfen wir es im Einzelfall (Kulanz). Wo keine Erstattung möglich ist, bieten wir eine Alternative an, etwa eine Gutschrift, einen Umtausch oder einen Rabatt.'
      : 'If your request fits none of these rules, we look at it case by case (goodwill). Where no refund is possible, we offer an alternative such as store credit, an exchange or a discount.',
  ];
  const charged = PRODUCT_CATEGORIES.filter((c) => p.restockingFee.bps[c] > 0);
  if (p.restockingFee.appliesTo.includes('goodwill') && charged.length > 0)
    paragraphs.push(
      ...charged.map((c) =>
        lang === 'de'
          ? `Auf Kulanzerstattungen für ${CATEGORY_WORDS[c].inText.de} berechnen wir ${percentText(p.restockingFee.bps[c], 'de')} Wiedereinlagerungsgebühr.`
          : `Goodwill refunds for ${CATEGORY_WORDS[c].inText.en} carry a ${percentText(p.restockingFee.bps[c], 'en')} restocking fee.`,
      ),
    );
  return { id: 'goodwill', heading: lang === 'de' ? 'Kulanz' : 'Goodwill', paragraphs };
};

const SECTIONS: Section[] = [withdrawal, guarantee, returns, proRata, defects, goodwill];

/** The refund policy as customers read it, in German or English, from the policy document. */
export function policyPage(policy: PolicyDocument, lang: Lang): PolicyPage {
  const effective = dayText(policy.effectiveFrom, lang);
  return {
    lang,
    title: lang === 'de' ? 'Erstattungsrichtlinie' : 'Refund policy',
    subtitle:
      lang === 'de'
        ? `Version ${policy.version}, gültig ab ${effective}`
        : `Version ${policy.version}, effective ${effective}`,
    sections: SECTIONS.map((section) => section(policy, lang)).filter(
      (s): s is PolicyPageSection => s !== null,
    ),
  };
}
