import { z } from 'zod';
import { isoDate, moneySchema } from '../../platform/http/schemas';
import { ROLES } from '../../platform/roles';
import { DIGEST_METRICS } from './digest';

export const simulatePolicyBody = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('a published version to replay against; without it, the admin’s draft'),
    from: isoDate.describe('first calendar day (Europe/Berlin) of the requests replayed'),
    to: isoDate.describe('last calendar day (inclusive)'),
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
    source: z.enum(['draft', 'version']),
    version: z.number().int().nullable(),
    basedOn: z.number().int().nullable(),
  }),
  period: z.object({ from: z.string(), to: z.string() }),
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
  week: isoDate.optional().describe('any day of the week reported (default: the last week that has ended)'),
});
export const sendWeeklyDigestBody = z.object({
  week: isoDate.optional().describe('any day of the week to send (default: the last week that has ended)'),
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
