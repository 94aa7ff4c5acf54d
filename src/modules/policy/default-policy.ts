import type { PolicyDocument } from './policy.schemas';

/**
 * The policy a new desk starts with, for a German online business: the statutory 14-day
 * withdrawal (no restocking fee on it), 24 months of warranty, a 30-day money-back guarantee on
 * the first payment of a subscription, 30 days to return goods from delivery (10 % restocking fee
 * after the withdrawal period), digital content not returnable once delivered, unused whole
 * months of a cancelled annual plan refunded, goodwill up to 250 € a request and 3 requests or
 * 500 € a customer in 12 months, leads approving exceptions up to 500 €.
 */
export const DEFAULT_POLICY: PolicyDocument = {
  version: 1,
  effectiveFrom: '2026-01-01',
  currency: 'EUR',
  timeZone: 'Europe/Berlin',
  returnWindows: {
    subscription: { days: 7, from: 'purchase' },
    physical: { days: 30, from: 'delivery' },
    service: { days: 14, from: 'purchase' },
  },
  nonRefundableCategories: ['digital'],
  restockingFee: {
    bps: { subscription: 0, digital: 0, physical: 1000, service: 0 },
    appliesTo: ['return_window'],
  },
  guarantee: { enabled: true, days: 30 },
  proRata: { intervals: ['annual'], method: 'unused_whole_months' },
  withdrawal: { days: 14, consentExceptionCategories: ['digital'] },
  defects: { warrantyMonths: 24, reasonCodes: ['defect', 'not_as_described'] },
  goodwill: { maxPerRequestMinor: 25_000, perCustomer12Months: { maxCount: 3, maxAmountMinor: 50_000 } },
  approvalLimits: {
    inPolicy: { agent: 25_000, lead: 200_000, admin: null },
    exception: { agent: 0, lead: 50_000, admin: null },
  },
  reasons: {
    not_satisfied: { de: 'Nicht zufrieden, kein Nutzen', en: 'Not satisfied, no value', points: 10 },
    poor_support: { de: 'Schlechte Erfahrung mit dem Support', en: 'Poor support experience', points: 40 },
    trial_only: {
      de: 'Nur innerhalb der Garantie getestet',
      en: 'Only trying it within the guarantee',
      points: 0,
    },
    defect: { de: 'Defekt', en: 'Defect', points: 80 },
    not_as_described: { de: 'Nicht wie beschrieben', en: 'Not as described', points: 60 },
    not_delivered: { de: 'Verspätet oder nicht geliefert', en: 'Late or not delivered', points: 80 },
    duplicate_charge: { de: 'Doppelt abgebucht', en: 'Duplicate charge', points: 100 },
    changed_mind: { de: 'Meinung geändert', en: 'Changed mind', points: -30 },
    price: { de: 'Preis', en: 'Price', points: -40 },
    other: { de: 'Sonstiges', en: 'Other', points: 0 },
  },
  scoring: {
    weights: {
      reason: 3,
      productType: 1,
      daysPastWindow: 3,
      tenure: 2,
      lifetimeValue: 2,
      priorRefunds: 3,
      complaints: 1,
      verification: 1,
    },
    unknownReasonPoints: 0,
    productTypePoints: { subscription: 20, digital: -40, physical: 0, service: -20 },
    daysPastWindowFullPenaltyDays: 60,
    tenureFullCreditDays: 1095,
    lifetimeValueFullCreditMinor: 100_000,
    pointsPerPriorRefund: -40,
    pointsPerComplaint: -20,
    verificationPoints: { verified: 50, override: 0, expired: -50, unverified: -100 },
    approveFrom: 30,
    partialFrom: 0,
    partialShareBps: 5000,
  },
  abuse: {
    repeatedRefundsCount: 3,
    afterRenewalDays: 3,
    burstDays: 30,
    burstCount: 3,
    justUnderMarginBps: 1000,
    justUnderOccurrences: 3,
  },
};
