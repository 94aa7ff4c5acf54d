import { z } from 'zod';
import { isoDate, isoDateTime, moneySchema } from '../../platform/http/schemas';
import { schemaMessage } from '../../platform/http/validation-messages';
import { ROLES } from '../../platform/roles';
import type { VerificationState } from '../verification';
import { BASES, PRODUCT_CATEGORIES, SCORE_FACTORS, VERIFICATION_STATES } from './policy.schemas';

// What an evaluation reads and what it answers, as plain JSON: a decision stores both, so the
// stored facts can be validated again and evaluated again against the stored policy version.

const states: readonly VerificationState['state'][] = VERIFICATION_STATES;
void states;

const amount = moneySchema.refine((m) => m.amountMinor >= 0, {
  message: schemaMessage({ en: 'must not be negative', de: 'Darf nicht negativ sein' }),
  path: ['amountMinor'],
});
const dated = z.object({ at: isoDateTime }).strict();

/** The payment (or order) the request is about. */
const payment = z
  .object({
    paid: amount,
    alreadyRefunded: amount.describe('refunded or pending on this payment so far'),
    category: z.enum(PRODUCT_CATEGORIES),
    purchasedAt: isoDateTime,
    deliveredAt: isoDateTime.nullable().describe('null while goods are not delivered'),
    isDistanceContract: z.boolean().describe('concluded online, by phone or mail (Fernabsatz)'),
    digitalDeliveryStartedWithConsent: z.boolean(),
  })
  .strict();

/** For a subscription payment: the subscription and the period the payment paid for. */
const subscription = z
  .object({
    signedUpAt: isoDateTime,
    isFirstPayment: z.boolean(),
    interval: z.enum(['monthly', 'annual']),
    period: z.object({ start: isoDate, end: isoDate }).strict(),
    cancelEffectiveOn: isoDate
      .nullable()
      .describe('the day a cancellation takes effect, null when not cancelled'),
    lastRenewedAt: isoDateTime.nullable(),
  })
  .strict();

const history = z
  .object({
    refunds: z.array(z.object({ at: isoDateTime, amount, basis: z.enum(BASES) }).strict()).max(1000),
    /** Earlier refund requests of the customer, this one not included. */
    requests: z.array(dated).max(1000),
    complaints: z.array(dated).max(1000),
  })
  .strict();

const factsShape = z
  .object({
    payment,
    subscription: subscription.nullable(),
    reasonCode: z.string().min(1).max(40),
    customer: z
      .object({
        customerSince: isoDateTime,
        lifetimeValue: amount,
        verification: z.enum(VERIFICATION_STATES),
      })
      .strict(),
    history,
    requested: amount.nullable().describe('null: as much as the policy allows'),
  })
  .strict();

type FactsShape = z.output<typeof factsShape>;

/** Every amount in the payment's currency, and a subscription exactly for subscription payments. */
function factsIssues(f: FactsShape): Array<{ path: (string | number)[]; message: string }> {
  const currency = f.payment.paid.currency;
  const amounts: Array<[(string | number)[], { currency: string }]> = [
    [['payment', 'alreadyRefunded'], f.payment.alreadyRefunded],
    [['customer', 'lifetimeValue'], f.customer.lifetimeValue],
    ...f.history.refunds.map((r, i): [(string | number)[], { currency: string }] => [
      ['history', 'refunds', i, 'amount'],
      r.amount,
    ]),
    ...(f.requested ? [[['requested'], f.requested] as [(string | number)[], { currency: string }]] : []),
  ];
  const issues = amounts
    .filter(([, m]) => m.currency !== currency)
    .map(([path]) => ({
      path: [...path, 'currency'],
      message: schemaMessage({
        en: 'must be the currency of the payment',
        de: 'Muss die Währung der Zahlung sein',
      }),
    }));
  // a negative payment has its own issue already
  if (f.payment.paid.amountMinor >= 0 && f.payment.alreadyRefunded.amountMinor > f.payment.paid.amountMinor)
    issues.push({
      path: ['payment', 'alreadyRefunded'],
      message: schemaMessage({
        en: 'cannot exceed what was paid',
        de: 'Kann nicht höher als die Zahlung sein',
      }),
    });
  if ((f.payment.category === 'subscription') !== (f.subscription !== null))
    issues.push({
      path: ['subscription'],
      message: schemaMessage({
        en: 'required for a subscription payment, and only for one',
        de: 'Nur und genau bei einer Abo-Zahlung anzugeben',
      }),
    });
  if (f.subscription && f.subscription.period.end <= f.subscription.period.start)
    issues.push({
      path: ['subscription', 'period', 'end'],
      message: schemaMessage({ en: 'must be after the start', de: 'Muss nach dem Beginn liegen' }),
    });
  return issues;
}

/** The facts of one refund request, as gathered when it is evaluated and stored with the decision. */
export const refundFacts = factsShape.superRefine((f, ctx) => {
  for (const issue of factsIssues(f)) ctx.addIssue({ code: 'custom', ...issue });
});
export type RefundFacts = z.output<typeof refundFacts>;

/** One sentence in both languages. */
export const explanation = z.object({ code: z.string(), de: z.string(), en: z.string() });
export type Explanation = z.output<typeof explanation>;

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });
const role = z.enum(ROLES);

/** What an evaluation answers; see `evaluate`. */
export const evaluationResult = z.object({
  policyVersion: z.number().int(),
  evaluatedOn: isoDate,
  basis: z.enum(BASES),
  inPolicy: z.boolean(),
  exception: z
    .object({
      daysPastWindow: z.number().int().nullable(),
      overPerRequestLimit: money.nullable(),
      overCustomerAmountLimit: money.nullable(),
      overCustomerCountLimit: z.number().int().nullable(),
    })
    .nullable(),
  remainder: money,
  restockingFee: money,
  maxRefundable: money,
  requested: money,
  recommended: money,
  decision: z.enum(['approve', 'approve_partial', 'deny', 'escalate']),
  approval: z.object({ recommended: role, requested: role }),
  score: z.number().int(),
  factors: z.array(
    explanation.extend({ factor: z.enum(SCORE_FACTORS), points: z.number().int(), weight: z.number().int() }),
  ),
  abuseSignals: z.array(
    explanation.extend({
      signal: z.enum(['repeated_refunds', 'after_renewal', 'request_burst', 'just_under_limit']),
    }),
  ),
  findings: z.array(explanation),
});
export type Evaluation = z.output<typeof evaluationResult>;
export type Decision = Evaluation['decision'];
export type AbuseSignal = Evaluation['abuseSignals'][number]['signal'];
