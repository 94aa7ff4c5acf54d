import { z } from 'zod';
import { isoDate, isoDateTime } from '../../platform/http/schemas';
import { schemaMessage } from '../../platform/http/validation-messages';
import { ROLES, type Role } from '../../platform/roles';
import type { BillingCycle, ProductCategory } from '../billing';

// The refund policy as data: what an admin edits, what a decision records by its version, and
// what the customer-facing page is rendered from. Zod and plain values only.

/** The product categories billing knows, in the order the policy lists them. */
export const PRODUCT_CATEGORIES = ['subscription', 'digital', 'physical', 'service'] as const;
export type Category = (typeof PRODUCT_CATEGORIES)[number];
// both lists name the same categories, or this line stops compiling
const sameCategories: [ProductCategory, Category] extends [Category, ProductCategory] ? true : never = true;
void sameCategories;

const INTERVALS = ['monthly', 'annual'] as const satisfies readonly BillingCycle[];

/**
 * Why money may go back, strongest first: this order breaks ties when two bases allow the same
 * amount (the most the customer can get decides first); goodwill only when no rule applies.
 */
export const BASES = ['withdrawal', 'guarantee', 'return_window', 'defect', 'pro_rata', 'goodwill'] as const;
export type Basis = (typeof BASES)[number];
/** The bases a rule of the policy grants; goodwill (Kulanz) is the exception. */
export const IN_POLICY_BASES = BASES.filter((b) => b !== 'goodwill');

/** The factors of the exception score, in the order the evaluation explains them. */
export const SCORE_FACTORS = [
  'reason',
  'productType',
  'daysPastWindow',
  'tenure',
  'lifetimeValue',
  'priorRefunds',
  'complaints',
  'verification',
] as const;
export type ScoreFactor = (typeof SCORE_FACTORS)[number];

/** The verification states a case can be in (verification's VerificationState['state']). */
export const VERIFICATION_STATES = ['verified', 'override', 'expired', 'unverified'] as const;

const category = z.enum(PRODUCT_CATEGORIES);
const reasonCode = z
  .string()
  .max(40, { abort: true })
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    schemaMessage({ en: 'a reason code is lower_snake_case', de: 'Ein Grundcode ist klein_mit_unterstrich' }),
  );
const minor = z.number().int().min(0).max(1_000_000_000);
const days = z.number().int().min(1).max(3650);
const bps = z.number().int().min(0).max(10_000);
const points = z.number().int().min(-100).max(100);
const weight = z.number().int().min(0).max(100);
/** An object with one field per key, each of the same schema, and no others. */
const fieldsFor = <K extends string, T extends z.ZodType>(keys: readonly K[], value: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, T>).strict();
const perCategory = <T extends z.ZodType>(value: T) => fieldsFor(PRODUCT_CATEGORIES, value);
const roleLimits = z.object({ agent: minor, lead: minor, admin: minor.nullable() }).strict();

const returnWindow = z
  .object({ days, from: z.enum(['purchase', 'delivery']).describe('what the days are counted from') })
  .strict();

const scoring = z
  .object({
    weights: fieldsFor(SCORE_FACTORS, weight),
    unknownReasonPoints: points,
    productTypePoints: perCategory(points),
    /** Days past the window at which the factor reaches -100 (linear from 0). */
    daysPastWindowFullPenaltyDays: days,
    /** Days of tenure at which the factor reaches +100 (linear from 0). */
    tenureFullCreditDays: days,
    /** Lifetime value at which the factor reaches +100 (linear from 0). */
    lifetimeValueFullCreditMinor: minor.min(1),
    pointsPerPriorRefund: points,
    pointsPerComplaint: points,
    verificationPoints: fieldsFor(VERIFICATION_STATES, points),
    /** A goodwill request at or above this score is recommended in full. */
    approveFrom: points,
    /** At or above this (and below approveFrom) in part: partialShareBps of it; below, denied. */
    partialFrom: points,
    partialShareBps: bps.min(1).max(9999),
  })
  .strict();

const abuse = z
  .object({
    /** Refunds in the last 12 months (any basis) from which "repeated refunds" is raised. */
    repeatedRefundsCount: z.number().int().min(1).max(100),
    /** A request this many days or fewer after a renewal is "right after a renewal". */
    afterRenewalDays: z.number().int().min(0).max(60),
    /** This request and the earlier ones in `burstDays` days: at `burstCount` it is a burst. */
    burstDays: days,
    burstCount: z.number().int().min(2).max(100),
    /** An amount this share or less below an approval or goodwill limit is "just under" it. */
    justUnderMarginBps: bps.min(1).max(5000),
    /** Just under a limit this many times in 12 months, this request included, is a pattern. */
    justUnderOccurrences: z.number().int().min(2).max(100),
  })
  .strict();

const message = (en: string, de: string) => schemaMessage({ en, de });

const policyShape = z
  .object({
    version: z.number().int().min(1),
    effectiveFrom: isoDate.describe('the business day the version applies from'),
    currency: z
      .string()
      .max(3, { abort: true })
      .regex(
        /^[A-Z]{3}$/,
        message('expected an ISO currency code such as EUR', 'Bitte einen ISO-Währungscode wie EUR angeben'),
      ),
    timeZone: z
      .string()
      .max(64, { abort: true })
      .default('Europe/Berlin')
      .refine(
        isTimeZone,
        message(
          'expected an IANA time zone such as Europe/Berlin',
          'Bitte eine Zeitzone wie Europe/Berlin angeben',
        ),
      ),
    /** Per category; a non-refundable category has none. */
    returnWindows: perCategory(returnWindow.optional()),
    nonRefundableCategories: z.array(category).max(PRODUCT_CATEGORIES.length),
    restockingFee: z
      .object({ bps: perCategory(bps), appliesTo: z.array(z.enum(['return_window', 'goodwill'])).max(2) })
      .strict()
      .describe('never on withdrawal, guarantee, defect or pro-rata refunds'),
    guarantee: z
      .object({ enabled: z.boolean(), days })
      .strict()
      .describe('the first payment of a subscription, in full'),
    proRata: z
      .object({
        intervals: z.array(z.enum(INTERVALS)).max(2),
        method: z.enum(['unused_days', 'unused_whole_months']),
      })
      .strict(),
    withdrawal: z
      .object({
        days: z.number().int().min(14).max(365),
        consentExceptionCategories: z.array(category).max(4),
      })
      .strict()
      .describe(
        'the statutory right of withdrawal for distance contracts (Widerrufsrecht, at least 14 days)',
      ),
    defects: z
      .object({
        warrantyMonths: z.number().int().min(12).max(120),
        reasonCodes: z.array(reasonCode).min(1).max(20),
      })
      .strict()
      .describe('statutory warranty (Gewährleistung), counted from delivery or, undelivered, purchase'),
    goodwill: z
      .object({
        maxPerRequestMinor: minor,
        perCustomer12Months: z
          .object({ maxCount: z.number().int().min(0).max(100), maxAmountMinor: minor })
          .strict(),
      })
      .strict(),
    approvalLimits: z.object({ inPolicy: roleLimits, exception: roleLimits }).strict(),
    reasons: z.record(
      reasonCode,
      z
        .object({ de: z.string().trim().min(1).max(80), en: z.string().trim().min(1).max(80), points })
        .strict(),
    ),
    scoring,
    abuse,
  })
  .strict();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

type Shape = z.output<typeof policyShape>;
type Issue = { path: (string | number)[]; message: string };

/** Every listed thing once: a category or interval named twice is a typing slip. */
function uniqueLists(p: Shape): Issue[] {
  const lists: Array<[string[], readonly string[]]> = [
    [['nonRefundableCategories'], p.nonRefundableCategories],
    [['restockingFee', 'appliesTo'], p.restockingFee.appliesTo],
    [['proRata', 'intervals'], p.proRata.intervals],
    [['withdrawal', 'consentExceptionCategories'], p.withdrawal.consentExceptionCategories],
    [['defects', 'reasonCodes'], p.defects.reasonCodes],
  ];
  return lists
    .filter(([, list]) => new Set(list).size !== list.length)
    .map(([path]) => ({ path, message: message('each entry once', 'Bitte jeden Eintrag nur einmal') }));
}

/** A refundable category has a return window, a non-refundable one has none. */
function windowsMatchCategories(p: Shape): Issue[] {
  return PRODUCT_CATEGORIES.flatMap((c): Issue[] => {
    const excluded = p.nonRefundableCategories.includes(c);
    if (!excluded && !p.returnWindows[c])
      return [
        {
          path: ['returnWindows', c],
          message: message(
            'a refundable category needs a return window',
            'Eine erstattbare Produktart braucht ein Rückgabefenster',
          ),
        },
      ];
    if (excluded && p.returnWindows[c])
      return [
        {
          path: ['returnWindows', c],
          message: message(
            'a non-refundable category has no return window',
            'Eine nicht erstattbare Produktart hat kein Rückgabefenster',
          ),
        },
      ];
    return [];
  });
}

/** A subscription has no delivery: its window counts from each payment. */
function subscriptionWindowFromPurchase(p: Shape): Issue[] {
  if (p.returnWindows.subscription?.from !== 'delivery') return [];
  return [
    {
      path: ['returnWindows', 'subscription', 'from'],
      message: message(
        'a subscription is not delivered: count from purchase (the payment)',
        'Ein Abonnement wird nicht geliefert: ab Kauf (der Zahlung) zählen',
      ),
    },
  ];
}

/**
 * Each role may approve at least what the role below it may: agent ≤ lead ≤ admin. Only the
 * admin may have no limit (null), so an unlimited role never sits below a limited one.
 */
function limitsOrdered(p: Shape): Issue[] {
  return (['inPolicy', 'exception'] as const).flatMap((kind) =>
    ROLES.slice(1).flatMap((role, i): Issue[] => {
      const below = p.approvalLimits[kind][ROLES[i] as Role];
      const limit = p.approvalLimits[kind][role];
      if (below === null || limit === null || limit >= below) return [];
      const text = message(
        'must be at least the limit of the role below it',
        'Muss mindestens die Grenze der Rolle darunter sein',
      );
      return [{ path: ['approvalLimits', kind, role], message: text }];
    }),
  );
}

function otherChecks(p: Shape): Issue[] {
  const issues: Issue[] = [];
  p.defects.reasonCodes.forEach((code, i) => {
    if (!p.reasons[code])
      issues.push({
        path: ['defects', 'reasonCodes', i],
        message: message('not a reason of this policy', 'Kein Grund dieser Richtlinie'),
      });
  });
  if (p.scoring.partialFrom > p.scoring.approveFrom)
    issues.push({
      path: ['scoring', 'partialFrom'],
      message: message('must not be above approveFrom', 'Darf nicht über approveFrom liegen'),
    });
  if (SCORE_FACTORS.every((f) => p.scoring.weights[f] === 0))
    issues.push({
      path: ['scoring', 'weights'],
      message: message('at least one factor needs a weight', 'Mindestens ein Faktor braucht ein Gewicht'),
    });
  if (Object.keys(p.reasons).length === 0 || Object.keys(p.reasons).length > 50)
    issues.push({
      path: ['reasons'],
      message: message('between 1 and 50 reasons', 'Zwischen 1 und 50 Gründe'),
    });
  if (p.goodwill.maxPerRequestMinor > p.goodwill.perCustomer12Months.maxAmountMinor)
    issues.push({
      path: ['goodwill', 'maxPerRequestMinor'],
      message: message(
        'must not be above the 12-month amount',
        'Darf nicht über dem Betrag für 12 Monate liegen',
      ),
    });
  return issues;
}

/** A policy document as an admin edits it and a decision records it, validated with field paths. */
export const policyDocument = policyShape.superRefine((p, ctx) => {
  for (const issue of [
    ...uniqueLists(p),
    ...windowsMatchCategories(p),
    ...subscriptionWindowFromPurchase(p),
    ...limitsOrdered(p),
    ...otherChecks(p),
  ])
    ctx.addIssue({ code: 'custom', ...issue });
});

export type PolicyDocument = z.output<typeof policyDocument>;
export type ReturnWindow = z.output<typeof returnWindow>;
export type ApprovalLimits = PolicyDocument['approvalLimits'];

// The admin's editor and the public page, over HTTP.

/** A published version as the history lists it. */
export const policyVersionSummary = z.object({
  version: z.number().int(),
  effectiveFrom: isoDate,
  publishedAt: z.date(),
  publishedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});

/** One field that differs between two versions, by dotted path (diffPolicies). */
export const policyChange = z.object({
  path: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.unknown(),
  after: z.unknown(),
});

/** The draft, what it changes against the version it is based on, and whether that is the newest. */
export const policyDraftView = z.object({
  basedOn: z.number().int(),
  /** The version it becomes when published: the newest published + 1. */
  version: z.number().int(),
  document: policyDocument,
  changes: z.array(policyChange),
  /** Based on an older version than the newest published: save it again to rebase, or discard it. */
  outdated: z.boolean(),
  /** Send it back when saving or publishing: a draft that changed since is a 409. */
  updatedAt: z.date(),
  updatedBy: z.object({ id: z.string(), name: z.string() }),
});

export const policyAdminResponse = z.object({
  /** Today in the company's time zone: the earliest effective date besides the newest version's. */
  today: isoDate,
  inForce: policyVersionSummary.extend({ document: policyDocument }),
  newest: policyVersionSummary.extend({ document: policyDocument }),
  versions: z.array(policyVersionSummary),
  draft: policyDraftView.nullable(),
});

/** What the editor last saw: the version it edited and the draft's timestamp (none: it expects no draft). */
export const draftPrecondition = z
  .object({
    basedOn: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .describe('the published version the edit is based on'),
    draftUpdatedAt: isoDateTime
      .optional()
      .describe('the updatedAt of the draft the edit replaces; leave out when there was no draft'),
  })
  .strict();

export const publishPolicyBody = z
  .object({
    effectiveFrom: isoDate.describe('the business day the version applies from: today or later'),
    draftUpdatedAt: isoDateTime.describe('the updatedAt of the draft that was reviewed'),
  })
  .strict();

export const publicPolicyQuery = z
  .object({
    lang: z.enum(['de', 'en']).optional().describe('default: the Accept-Language header, else German'),
  })
  .strict();

export const publicPolicyResponse = z.object({
  version: z.number().int(),
  effectiveFrom: isoDate,
  lang: z.enum(['de', 'en']),
  title: z.string(),
  subtitle: z.string(),
  sections: z.array(z.object({ id: z.string(), heading: z.string(), paragraphs: z.array(z.string()) })),
});
