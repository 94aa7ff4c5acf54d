import { z } from 'zod';
import { idParam, isoDate, moneySchema, shortText } from '../../platform/http/schemas';
import { moneyFromColumn } from '../../platform/money';
import { ROLES } from '../../platform/roles';
import { BASES } from '../policy';
import type { CancellationRow } from './cancellations.repository';
import type { CancellationRequestEventsTable } from './cancellations.table';
import { doneSteps, nextStep, STEPS } from './steps';

export const cancellationIdParam = idParam('cnc');

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .optional()
    .describe('Send the same key again to retry safely: the cancellation is recorded only once'),
});

const effective = z.enum(['period_end', 'immediate']);
const status = z.enum(['in_progress', 'scheduled', 'cancelled', 'retained', 'withdrawn', 'revoked']);
const bilingual = z.object({ de: z.string(), en: z.string() });

export const startCancellationBody = z.object({
  subscriptionId: z.string().min(1).max(64).describe('sub_… id'),
  reasonCode: z.string().min(1).max(40).describe('a selectable reason of GET /api/cancellation-reasons'),
  customerWords: shortText(4000).describe("the customer's own words"),
  competitor: shortText(200).optional().describe('which competitor (required for the reason "competitor")'),
});
export type StartCancellationBody = z.output<typeof startCancellationBody>;

export const reasonCodeParam = z.object({
  code: z
    .string()
    .min(2)
    .max(40)
    .regex(/^[a-z][a-z0-9_]+$/, 'lower-case letters, digits and _')
    .describe('the reason code (kept for ever; labels are versioned)'),
});

export const saveCancellationReasonBody = z.object({
  labelDe: shortText(120),
  labelEn: shortText(120),
  parentCode: z
    .string()
    .min(2)
    .max(40)
    .nullable()
    .optional()
    .describe('the group a new reason belongs to (null: top level); ignored for an existing reason'),
  needsCompetitor: z.boolean().optional(),
  retired: z
    .boolean()
    .optional()
    .describe('a retired reason is no longer offered; recorded requests keep it'),
});
export type SaveCancellationReasonBody = z.output<typeof saveCancellationReasonBody>;

export const savedReasonResponse = z.object({
  code: z.string(),
  version: z.number().int(),
  parentCode: z.string().nullable(),
  label: bilingual,
  selectable: z.boolean(),
  needsCompetitor: z.boolean(),
  retired: z.boolean(),
});

export const reviewCancellationBody = z.object({
  balanceDiscussed: z
    .boolean()
    .describe('the agent told the customer about the open invoices (required true when there are any)'),
});

export const explainCancellationBody = z.object({ effective: effective.default('period_end') });

export const respondToOfferBody = z.object({
  response: z.enum(['accepted', 'declined']),
  offerId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('the offer answered; declining without one declines all'),
});

export const previewQuery = z.object({ effective: effective.default('period_end') });

export const processCancellationBody = z.object({
  effective,
  refund: z
    .object({
      amountMinor: z.number().int().min(0).max(1_000_000_000),
      currency: z.string().length(3),
    })
    .optional()
    .describe('the refund the preview showed; refused when the plan gives another one now'),
});

export const cancellationReasonsResponse = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      version: z.number().int(),
      parentCode: z.string().nullable(),
      label: bilingual,
      selectable: z.boolean(),
      needsCompetitor: z.boolean(),
      children: z.array(
        z.object({
          code: z.string(),
          version: z.number().int(),
          parentCode: z.string().nullable(),
          label: bilingual,
          selectable: z.boolean(),
          needsCompetitor: z.boolean(),
        }),
      ),
    }),
  ),
});

export const planResponse = z.object({
  effective,
  effectiveOn: isoDate,
  serviceUntil: isoDate,
  lastBillingOn: isoDate,
  dataExportUntil: isoDate,
  subscriptionStatusAfter: z.enum(['pending_cancellation', 'cancelled']),
  renewalsStop: z.boolean(),
  refund: z.object({
    amount: moneySchema,
    basis: z.enum(BASES).nullable(),
    paymentId: z.string().nullable(),
    policyVersion: z.number().int().nullable(),
    roleNeeded: z.enum(ROLES).describe('who may process this refund (the in-policy approval limits)'),
    findings: z.array(z.object({ code: z.string(), de: z.string(), en: z.string() }).loose()),
  }),
  outstanding: moneySchema,
  script: z.object({ language: z.enum(['de', 'en']), lines: z.array(z.string()) }),
});

export const reviewResponse = z.object({
  subscription: z.object({
    id: z.string(),
    status: z.string(),
    planCode: z.string(),
    planName: bilingual,
    price: moneySchema,
    cycle: z.enum(['monthly', 'annual']),
    period: z.object({ start: isoDate, end: isoDate }),
    nextRenewalOn: z.string().nullable(),
    cancelEffectiveOn: z.string().nullable(),
  }),
  subscriptions: z
    .array(z.record(z.string(), z.unknown()))
    .describe("every subscription of the account (billing's summary)"),
  balance: z.object({
    outstandingMinor: z.number().int(),
    overdueMinor: z.number().int(),
    currency: z.string(),
  }),
  openInvoices: z.array(z.record(z.string(), z.unknown())),
  mustDiscussBalance: z.boolean(),
  options: z.object({ period_end: planResponse, immediate: planResponse }),
});

const historyEntry = z.object({
  at: z.date(),
  actorId: z.string().nullable(),
  step: z.string(),
  status,
  detail: z.unknown(),
});

const presentedOffer = z.object({
  offerId: z.string(),
  kind: z.enum(['pause', 'downgrade', 'discount', 'extension', 'custom']),
  title: bilingual,
  why: bilingual,
  terms: z.record(z.string(), z.unknown()),
});

export const cancellationResponse = z.object({
  id: z.string(),
  reference: z.string().describe('the number the customer is given'),
  caseId: z.string(),
  accountId: z.string(),
  subscriptionId: z.string(),
  subscriptionStatus: z
    .string()
    .describe("the subscription's status now: pending_cancellation until the effective date, then cancelled"),
  status,
  steps: z.object({
    done: z.array(z.enum(STEPS)),
    next: z.enum(STEPS).nullable(),
  }),
  reason: z.object({ code: z.string(), version: z.number().int(), label: bilingual }),
  customerWords: z.string(),
  competitor: z.string().nullable(),
  review: z
    .object({ at: z.date(), openBalanceMinor: z.number().int(), balanceDiscussed: z.boolean() })
    .nullable(),
  explained: z.object({ at: z.date(), effective }).nullable(),
  offers: z
    .object({
      at: z.date().nullable(),
      outcome: z.enum(['none', 'holdout', 'declined', 'retained']).nullable(),
      shown: z.array(presentedOffer),
      acceptedOfferId: z.string().nullable(),
    })
    .nullable(),
  processed: z
    .object({
      at: z.date(),
      by: z.string().nullable(),
      effective,
      effectiveOn: isoDate,
      lastBillingOn: isoDate,
      refund: moneySchema,
      refundBasis: z.string().nullable(),
      refundRef: z.string().nullable(),
      refundStatus: z.string().nullable(),
      policyVersion: z.number().int().nullable(),
    })
    .nullable(),
  confirmation: z.object({ at: z.date(), messageId: z.string().nullable() }).nullable(),
  closedAt: z.date().nullable(),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  history: z.array(historyEntry),
});
export type CancellationResponse = z.output<typeof cancellationResponse>;

export const offersResponse = cancellationResponse.extend({
  holdout: z.boolean(),
  presented: z.array(presentedOffer),
});

export const noteDraftResponse = z.object({
  accountId: z.string(),
  caseId: z.string(),
  language: z.enum(['de', 'en']).describe("the agent's UI language"),
  contactReason: z.string(),
  actionsTaken: z.string(),
  commitments: z.array(z.object({ description: z.string(), dueOn: z.string() })),
});

type EventRow = Omit<CancellationRequestEventsTable, 'id' | 'detail'> & { detail: unknown };

export function toCancellationResponse(
  row: CancellationRow,
  label: { de: string; en: string },
  events: EventRow[],
  subscriptionStatus: string,
): CancellationResponse {
  const currency = row.currency ?? 'EUR';
  return {
    id: row.id,
    reference: row.reference,
    caseId: row.case_id,
    accountId: row.account_id,
    subscriptionId: row.subscription_id,
    subscriptionStatus,
    status: row.status,
    steps: { done: doneSteps(row), next: nextStep(row) },
    reason: { code: row.reason_code, version: row.reason_version, label },
    customerWords: row.customer_words,
    competitor: row.competitor,
    review: row.reviewed_at
      ? {
          at: row.reviewed_at,
          openBalanceMinor: Number(row.open_balance_minor ?? 0),
          balanceDiscussed: row.balance_discussed ?? false,
        }
      : null,
    explained:
      row.explained_at && row.explained_effective
        ? { at: row.explained_at, effective: row.explained_effective }
        : null,
    offers:
      row.offers_at || row.offers_shown
        ? {
            at: row.offers_at,
            outcome: row.offers_outcome,
            shown: (row.offers_shown as z.output<typeof presentedOffer>[] | null) ?? [],
            acceptedOfferId: row.accepted_offer_id,
          }
        : null,
    processed:
      row.processed_at && row.effective && row.effective_on && row.last_billing_on
        ? {
            at: row.processed_at,
            by: row.processed_by,
            effective: row.effective,
            effectiveOn: row.effective_on,
            lastBillingOn: row.last_billing_on,
            refund: moneyFromColumn(row.refund_minor ?? 0, currency),
            refundBasis: row.refund_basis,
            refundRef: row.refund_ref,
            refundStatus: row.refund_status,
            policyVersion: row.policy_version,
          }
        : null,
    confirmation: row.confirmed_at ? { at: row.confirmed_at, messageId: row.confirmation_message_id } : null,
    closedAt: row.closed_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    history: events.map((e) => ({
      at: e.at,
      actorId: e.actor_id,
      step: e.step,
      status: e.status,
      detail: e.detail,
    })),
  };
}
