import { z } from 'zod';
import { isoDate, moneySchema, reportingDate } from '../../platform/http/schemas';
import { schemaMessage } from '../../platform/http/validation-messages';
import { ROLES } from '../../platform/roles';
import { PRODUCT_CATEGORIES } from '../policy';
import { DIGEST_METRICS } from './digest';

/** A key the what-if does not know is named itself (`body.adjustments.returnWindow`), not its parent. */
const noOtherKeys = <T extends z.ZodRawShape>(shape: T, known: string) => {
  const message = schemaMessage({
    en: `not an adjustment the what-if knows (${known})`,
    de: `Keine Änderung, die die Was-wäre-wenn-Simulation kennt (${known})`,
  });
  return z
    .looseObject(shape)
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value))
        if (!(key in shape)) ctx.addIssue({ code: 'custom', path: [key], message });
    })
    .meta({ additionalProperties: false });
};

const windowDays = z.number().int().min(1).max(365);

/**
 * What a lead may change of the published policy for a what-if: never saved, never published.
 * Each field is optional; what is left out stays as the policy says.
 */
export const policyAdjustments = noOtherKeys(
  {
    returnWindowDays: noOtherKeys(
      Object.fromEntries(PRODUCT_CATEGORIES.map((c) => [c, windowDays.optional()])) as Record<
        (typeof PRODUCT_CATEGORIES)[number],
        z.ZodOptional<typeof windowDays>
      >,
      PRODUCT_CATEGORIES.join(', '),
    )
      .optional()
      .describe('the return window in days (1–365) per product category that has one'),
    goodwillMaxPerRequestMinor: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .optional()
      .describe('the most goodwill per request, in minor units (at most the 12-month amount)'),
  },
  'returnWindowDays, goodwillMaxPerRequestMinor',
);
export type PolicyAdjustments = z.output<typeof policyAdjustments>;

export const simulatePolicyBody = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        'a published version to replay against; without it, the admin’s draft (or, with adjustments, the version in force)',
      ),
    adjustments: policyAdjustments
      .optional()
      .describe(
        'a what-if: these changes applied to the version in force (or to `version`), replayed and forgotten',
      ),
    channel: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .describe("only the requests of accounts won over this acquisition channel (the dashboard's filter)"),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .describe("only the requests for this reason code (the dashboard's filter)"),
    from: reportingDate.describe('first calendar day (Europe/Berlin) of the requests replayed'),
    to: reportingDate.describe('last calendar day (inclusive)'),
    currency: z.string().length(3).default('EUR').describe('requests in other currencies are counted apart'),
  })
  .refine((b) => b.from <= b.to, { path: ['to'], message: 'the period ends before it starts' });
export type SimulatePolicyBody = z.output<typeof simulatePolicyBody>;

const decision = z.enum(['approve', 'approve_partial', 'deny', 'escalate']);
const decisionCounts = z.object({
  approve: z.number(),
  approve_partial: z.number(),
  deny: z.number(),
  escalate: z.number(),
});
const roleCounts = z.object({ agent: z.number(), lead: z.number(), admin: z.number() });
const outcome = z.object({
  decision,
  recommended: moneySchema,
  inPolicy: z.boolean(),
  role: z.enum(ROLES),
});
const group = z.object({
  key: z.string(),
  requests: z.number().int(),
  changed: z.number().int(),
  before: moneySchema,
  after: moneySchema,
  difference: moneySchema,
});

export const simulationResponse = z.object({
  policy: z.object({
    source: z.enum(['draft', 'version', 'adjusted']),
    version: z.number().int().nullable(),
    basedOn: z.number().int().nullable(),
    changes: z
      .array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() }))
      .optional()
      .describe('a what-if: what the adjustments changed of the version it is based on, by dotted path'),
  }),
  period: z.object({ from: z.string(), to: z.string() }),
  filters: z.object({ channel: z.string().nullable(), reason: z.string().nullable() }),
  currency: z.string(),
  requests: z.number().int().describe('requests replayed'),
  changed: z.number().int().describe('requests the simulated policy answers differently'),
  skippedOtherCurrency: z.number().int(),
  decisions: z.object({ before: decisionCounts, after: decisionCounts }),
  flips: z.array(z.object({ from: decision, to: decision, count: z.number().int() })),
  approvals: z
    .object({ before: roleCounts, after: roleCounts })
    .describe('who would have to approve the recommendation'),
  exceptions: z.object({ before: z.number().int(), after: z.number().int() }),
  recommended: z.object({ before: moneySchema, after: moneySchema, difference: moneySchema }),
  byReason: z.array(group),
  byCategory: z.array(group),
  changedRequests: z.array(
    z.object({
      requestId: z.string(),
      caseId: z.string(),
      reasonCode: z.string(),
      category: z.string(),
      evaluatedAt: z.date(),
      before: outcome,
      after: outcome,
      difference: moneySchema,
    }),
  ),
  listedAll: z.boolean().describe('false when more requests changed than are listed (500, largest first)'),
  ms: z.number().int().describe('how long the replay took'),
});

/** What a what-if starts from: the version in force and the values it may adjust. */
export const whatIfBaseResponse = z.object({
  version: z.number().int(),
  effectiveFrom: isoDate,
  currency: z.string(),
  returnWindows: z
    .array(
      z.object({
        category: z.enum(PRODUCT_CATEGORIES),
        days: z.number().int(),
        from: z.enum(['purchase', 'delivery']),
      }),
    )
    .describe('the categories that have a return window, in the policy’s order'),
  goodwill: z.object({
    maxPerRequestMinor: z.number().int(),
    perCustomer12MonthsMaxAmountMinor: z.number().int(),
  }),
});

export const repeatRequestersQuery = z.object({
  months: z.coerce.number().int().min(1).max(36).default(12).describe('how far back, in months'),
  min: z.coerce.number().int().min(2).max(100).default(2).describe('at least this many requests'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const repeatRequestersResponse = z.object({
  since: z.date(),
  items: z.array(
    z.object({
      accountId: z.string(),
      accountNumber: z.string(),
      name: z.string(),
      requests: z.number().int(),
      exceptions: z.number().int().describe('requests outside the policy (goodwill)'),
      paidOut: z.number().int(),
      paid: moneySchema,
      requested: moneySchema,
      firstAt: z.date(),
      lastAt: z.date(),
      lastRequestId: z.string(),
      lastCaseId: z.string(),
      signals: z
        .record(z.string(), z.number().int())
        .describe(
          'abuse signals the evaluations raised (repeated_refunds, after_renewal, request_burst, just_under_limit), with how many requests raised each',
        ),
    }),
  ),
});

// ---- the weekly digest -----------------------------------------------------------------------------

export const weeklyDigestQuery = z.object({
  week: reportingDate
    .optional()
    .describe('any day of the week reported (default: the last week that has ended)'),
});
export const sendWeeklyDigestBody = z.object({
  week: reportingDate
    .optional()
    .describe('any day of the week to send (default: the last week that has ended)'),
});

const digestMetric = z.object({
  key: z.enum(DIGEST_METRICS),
  unit: z.enum(['count', 'money', 'hours', 'rating', 'share']),
  value: z.number().nullable(),
  baseline: z.number().nullable().describe('mean of the four weeks before'),
  change: z.number().nullable().describe('(value − baseline) / baseline'),
});
export const weeklyDigestResponse = z.object({
  weekStart: isoDate,
  weekEnd: isoDate,
  isoWeek: z.number().int(),
  currency: z.string(),
  metrics: z.array(digestMetric),
  topChanges: z.array(
    z.object({
      kind: z.enum(['metric', 'reason']),
      key: z.string(),
      value: z.number(),
      baseline: z.number(),
      change: z.number(),
    }),
  ),
  preview: z
    .object({ subject: z.string(), text: z.string() })
    .describe('the e-mail as the caller would receive it, in their language'),
});
export type WeeklyDigestResponse = z.output<typeof weeklyDigestResponse>;
export const sentDigestsResponse = z.object({
  weekStart: isoDate,
  queued: z.number().int().describe('leads the digest was queued for now'),
  alreadySent: z.number().int().describe('leads who already had this week’s digest'),
});
// ---- dashboard -----------------------------------------------------------------------------------

export const DASHBOARD_GRAINS = ['day', 'week', 'month'] as const;
export const DASHBOARD_DIMENSIONS = [
  'bucket',
  'reason',
  'plan',
  'channel',
  'tenure',
  'language',
  'agent',
  'approver',
  'outcome',
] as const;
export type DashboardDimension = (typeof DASHBOARD_DIMENSIONS)[number];
export const DASHBOARD_METRICS = ['all', 'cancellations', 'refundRequests', 'exceptions'] as const;
export type DashboardMetric = (typeof DASHBOARD_METRICS)[number];
/** Days since signup, as the tenure chart groups them. */
export const TENURE_BUCKETS = ['0-30', '31-90', '91-365', '1-2y', '2y+'] as const;
/** The most days one dashboard covers (two years and a leap day). */
export const DASHBOARD_MAX_DAYS = 732;

const filterText = z.string().trim().min(1).max(60);

const dashboardFilterShape = {
  from: reportingDate.optional().describe('first calendar day (Europe/Berlin); default 89 days before `to`'),
  to: reportingDate.optional().describe('last calendar day (inclusive); default today'),
  grain: z.enum(DASHBOARD_GRAINS).default('week').describe('bucket size of the time series'),
  plan: filterText.optional().describe('a plan code or product SKU'),
  channel: filterText.optional().describe("the account's acquisition channel"),
  reason: filterText.optional().describe('a cancellation or refund reason code'),
  currency: z.string().length(3).default('EUR').describe('money in other currencies is left out'),
};
const periodInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const periodMessage = { path: ['to'], message: 'the period ends before it starts' };

export const dashboardQuery = z.object(dashboardFilterShape).refine(periodInOrder, periodMessage);
export type DashboardQuery = z.output<typeof dashboardQuery>;

/** The filters after defaults: what every dashboard query reads. */
export interface DashboardFilter {
  from: string;
  to: string;
  grain: (typeof DASHBOARD_GRAINS)[number];
  plan?: string;
  channel?: string;
  reason?: string;
  currency: string;
}

const count = z.number().int();
const rate = z
  .number()
  .nullable()
  .describe('a share between 0 and 1; null when there is nothing to divide by');
const counts = { cancellations: count, refundRequests: count, exceptions: count };
const breakdownRow = z.object({ key: z.string(), ...counts });
const personRow = breakdownRow.extend({
  name: z.string().nullable(),
  goodwillCost: moneySchema
    .nullable()
    .describe('null for agents: goodwill per person is for leads and admins'),
});
const approvalRow = z.object({ key: z.string(), decided: count, approved: count, rate });

export const dashboardResponse = z.object({
  period: z.object({
    from: z.string(),
    to: z.string(),
    grain: z.enum(DASHBOARD_GRAINS),
    timeZone: z.string(),
    currency: z.string(),
  }),
  filters: z.object({
    plan: z.string().nullable(),
    channel: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  restricted: z.boolean().describe('true when goodwill per agent and per approver is withheld (agents)'),
  totals: z.object(counts),
  timeline: z.array(z.object({ bucket: z.string().describe('first day of the bucket'), ...counts })),
  breakdowns: z.object({
    reason: z.array(breakdownRow),
    plan: z.array(breakdownRow),
    channel: z.array(breakdownRow),
    tenure: z.array(breakdownRow),
    language: z.array(breakdownRow),
    agent: z.array(personRow).describe('by the staff member who recorded the request'),
  }),
  exceptionApproval: z.object({
    byReason: z.array(approvalRow),
    byApprover: z.array(
      approvalRow.extend({
        name: z.string().nullable(),
        goodwillCost: moneySchema.nullable().describe('null for agents'),
      }),
    ),
  }),
  refunds: z.object({
    refunded: moneySchema.describe('paid out on the refund requests of the period'),
    revenue: moneySchema.describe('payments received in the period'),
    refundRate: rate,
    goodwillCost: moneySchema.describe('paid out on requests outside the policy'),
  }),
  decisionTime: z.object({
    targetHours: z.number(),
    decided: count,
    medianHours: z.number().nullable(),
    p90Hours: z.number().nullable(),
    withinTarget: count,
    withinTargetShare: rate,
  }),
  retention: z.object({
    offers: z.array(
      z.object({
        key: z.string(),
        title: z.object({ de: z.string(), en: z.string() }),
        shown: count,
        accepted: count,
        saves: count,
        saveRate: rate,
      }),
    ),
    offered: z.object({ cases: count, saves: count, saveRate: rate }),
    holdout: z.object({ cases: count, retained: count, lost: count, retentionRate: rate }),
    lift: z.number().nullable().describe('save rate of offered cases minus the holdout’s retention rate'),
  }),
  satisfaction: z.object({
    answers: count,
    average: z.number().nullable(),
    low: count.describe('ratings of 1 or 2'),
    byReason: z.array(
      z.object({ key: z.string(), answers: count, average: z.number().nullable(), low: count }),
    ),
    byOutcome: z.array(
      z.object({ key: z.string(), answers: count, average: z.number().nullable(), low: count }),
    ),
  }),
});
export type Dashboard = z.output<typeof dashboardResponse>;

export const dashboardCasesQuery = z
  .object({
    ...dashboardFilterShape,
    metric: z.enum(DASHBOARD_METRICS).default('all').describe('which series the bar belongs to'),
    dimension: z.enum(DASHBOARD_DIMENSIONS).optional().describe('which chart; with `key`'),
    key: filterText.optional().describe('which bar of that chart'),
    bucket: isoDate
      .optional()
      .describe('a bucket of the time series (its first day); same as dimension=bucket'),
    after: z.string().max(200).optional().describe('the `next` cursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(periodInOrder, periodMessage)
  .refine((q) => (q.dimension === undefined) === (q.key === undefined), {
    path: ['key'],
    message: 'a chart (dimension) and its bar (key) go together',
  });
export type DashboardCasesQuery = z.output<typeof dashboardCasesQuery>;

export const dashboardCasesResponse = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['cancellation', 'refund']),
      requestId: z.string(),
      caseId: z.string(),
      caseNumber: z.string(),
      accountId: z.string(),
      accountNumber: z.string(),
      type: z.string(),
      reason: z.string(),
      plan: z.string(),
      channel: z.string(),
      isException: z.boolean(),
      amount: moneySchema.nullable(),
      outcome: z.string(),
      createdAt: z.date(),
    }),
  ),
  next: z.string().nullable().describe('pass as `after` for the next page; null on the last'),
});
export type DashboardCases = z.output<typeof dashboardCasesResponse>;

export const DASHBOARD_VIEWS = [
  'timeline',
  'reason',
  'plan',
  'channel',
  'tenure',
  'language',
  'agent',
  'exceptionsByReason',
  'exceptionsByApprover',
  'offers',
  'satisfactionByReason',
  'satisfactionByOutcome',
  'summary',
] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

export const dashboardCsvQuery = z
  .object({
    ...dashboardFilterShape,
    view: z.enum(DASHBOARD_VIEWS).describe('which chart'),
    lang: z.enum(['de', 'en']).optional().describe('language of the header row; default the staff member’s'),
  })
  .refine(periodInOrder, periodMessage);
export type DashboardCsvQuery = z.output<typeof dashboardCsvQuery>;
