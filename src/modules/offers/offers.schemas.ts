import { z } from 'zod';
import { idParam, shortText } from '../../platform/http/schemas';
import { REASON_CODES } from './offer-rules';

export const OFFER_KINDS = ['pause', 'downgrade', 'discount', 'extension', 'custom'] as const;

const bilingual = (max: number) => z.object({ de: shortText(max), en: shortText(max) });
const planCode = z.string().trim().min(1).max(40);

export const offerTerms = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pause'),
    months: z.number().int().min(1).max(3).describe('1–3 months; the offer names the resume date'),
  }),
  z.object({ kind: z.literal('downgrade'), planCode: planCode.describe('the code of the plan to move to') }),
  z.object({
    kind: z.literal('discount'),
    percent: z.number().int().min(1).max(100),
    cycles: z.number().int().min(1).max(36).describe('for this many renewals'),
  }),
  z.object({ kind: z.literal('extension'), days: z.number().int().min(1).max(366).describe('free days') }),
  z.object({ kind: z.literal('custom'), text: bilingual(500).describe('what the agent offers, de and en') }),
]);
export type OfferTermsInput = z.output<typeof offerTerms>;

const days = z.number().int().min(0).max(36_500);

export const offerEligibility = z
  .object({
    plans: z.array(planCode).max(50).default([]).describe('plan codes; empty: every plan'),
    minTenureDays: days.nullable().default(null),
    maxTenureDays: days.nullable().default(null),
    reasons: z
      .array(z.enum(REASON_CODES))
      .max(REASON_CODES.length)
      .default([])
      .describe('empty: every reason'),
    minLifetimeValue: z
      .object({
        amountMinor: z.number().int().min(0).max(1_000_000_000),
        currency: z.enum(['EUR', 'CHF', 'GBP', 'USD']),
      })
      .nullable()
      .default(null),
    notRedeemedWithinMonths: z
      .number()
      .int()
      .min(1)
      .max(120)
      .nullable()
      .default(null)
      .describe('not again to an account that accepted it within this many months'),
  })
  .refine((e) => e.minTenureDays === null || e.maxTenureDays === null || e.minTenureDays <= e.maxTenureDays, {
    message: 'maxTenureDays must not be below minTenureDays',
    path: ['maxTenureDays'],
  });

export const offerBody = z.object({
  title: bilingual(120),
  terms: offerTerms,
  eligibility: offerEligibility.default({
    plans: [],
    minTenureDays: null,
    maxTenureDays: null,
    reasons: [],
    minLifetimeValue: null,
    notRedeemedWithinMonths: null,
  }),
  maxRedemptions: z
    .number()
    .int()
    .min(1)
    .max(1_000_000_000)
    .nullable()
    .default(null)
    .describe('in total over all accounts; null: no limit'),
  active: z.boolean().default(true),
});
export type OfferBody = z.output<typeof offerBody>;

export const offerIdParam = idParam('ofr');
export const caseOfferParams = z.object({
  id: z.string().min(1).max(64).describe('case_… id'),
  offerId: z.string().min(1).max(64).describe('ofr_… id'),
});

export const reorderOffersBody = z.object({
  ids: z
    .array(z.string().min(1).max(64).describe('ofr_… id'))
    .min(1)
    .max(500)
    .describe('every offer, best first'),
});

export const holdoutBody = z.object({
  percent: z.number().int().min(0).max(50).describe('share of accounts that sees no offer (0–50)'),
  salt: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .optional()
    .describe('a new salt starts a new experiment (reshuffles who is held out)'),
});

export const offerResponse = z.object({
  id: z.string(),
  kind: z.enum(OFFER_KINDS),
  title: z.object({ de: z.string(), en: z.string() }),
  terms: z.record(z.string(), z.unknown()),
  eligibility: z.record(z.string(), z.unknown()),
  maxRedemptions: z.number().int().nullable(),
  redemptions: z.number().int(),
  active: z.boolean(),
  position: z.number().int(),
  updatedAt: z.date(),
});
export type OfferResponse = z.output<typeof offerResponse>;

export const offerListResponse = z.object({
  items: z.array(offerResponse),
  holdout: z.object({ percent: z.number().int(), salt: z.string() }),
  reasons: z.array(z.object({ code: z.string(), de: z.string(), en: z.string() })),
});
export type OfferListResponse = z.output<typeof offerListResponse>;

export const presentOffersBody = z.object({
  subscriptionId: z.string().min(1).max(64).describe('sub_… id'),
  reasonCode: z.enum(REASON_CODES).describe('the cancellation reason'),
});

export const respondToOfferBody = z.object({
  subscriptionId: z.string().min(1).max(64).describe('sub_… id'),
  response: z.enum(['accepted', 'declined']),
});

export const presentedOfferResponse = z.object({
  offerId: z.string(),
  kind: z.enum(OFFER_KINDS),
  title: z.object({ de: z.string(), en: z.string() }),
  why: z.object({ de: z.string(), en: z.string() }),
  terms: z.record(z.string(), z.unknown()),
});

export const presentOffersResponse = z.object({
  holdout: z.boolean(),
  offers: z.array(presentedOfferResponse),
});
export const respondToOfferResponse = z.object({ outcome: z.enum(['retained', 'declined']) });

export const caseOffersResponse = z.object({
  items: z.array(
    z.object({
      offerId: z.string().nullable(),
      event: z.enum(['shown', 'accepted', 'declined', 'holdout']),
      terms: z.record(z.string(), z.unknown()),
      holdout: z.boolean(),
      at: z.date(),
    }),
  ),
  ended: z.boolean(),
});

const rate = z.number().nullable().describe('0–1; null when nothing is decided yet');
export const offerStatsResponse = z.object({
  offers: z.array(
    z.object({
      offerId: z.string(),
      kind: z.enum(OFFER_KINDS),
      title: z.object({ de: z.string(), en: z.string() }),
      shown: z.number().int(),
      accepted: z.number().int(),
      declined: z.number().int(),
      savesConfirmed: z.number().int(),
      savesPending: z.number().int(),
      savesLost: z.number().int(),
      saveRate: rate.describe('confirmed saves per case the offer was shown on'),
    }),
  ),
  holdout: z.object({
    percent: z.number().int(),
    cases: z.number().int(),
    retained: z.number().int(),
    lost: z.number().int(),
    pending: z.number().int(),
    retentionRate: rate.describe('still subscribed 30 days later, per decided holdout case'),
  }),
  offered: z.object({
    cases: z.number().int(),
    savesConfirmed: z.number().int(),
    saveRate: rate.describe('confirmed saves per case that was shown offers'),
  }),
});
