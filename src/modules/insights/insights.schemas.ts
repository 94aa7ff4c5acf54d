import { z } from 'zod';
import { isoDate, moneySchema } from '../../platform/http/schemas';
import { ROLES } from '../../platform/roles';

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
