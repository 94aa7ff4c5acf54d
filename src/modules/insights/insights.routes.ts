import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { depsOf } from '../../platform/http/context';
import { ADMINS, ANY_STAFF, LEADS } from '../../platform/http/route-auth';
import { errorResponses } from '../../platform/http/schemas';
import {
  dashboardCasesQuery,
  dashboardCasesResponse,
  dashboardCsvQuery,
  dashboardQuery,
  dashboardResponse,
  repeatRequestersQuery,
  repeatRequestersResponse,
  sendWeeklyDigestBody,
  sentDigestsResponse,
  simulatePolicyBody,
  simulationResponse,
  weeklyDigestQuery,
  weeklyDigestResponse,
  whatIfBaseResponse,
} from './insights.schemas';
import { exportDashboardCsv } from './use-cases/export-dashboard-csv';
import { getDashboard } from './use-cases/get-dashboard';
import { getWeeklyDigestPreview } from './use-cases/get-weekly-digest-preview';
import { getWhatIfBase } from './use-cases/get-what-if-base';
import { listDashboardCases } from './use-cases/list-dashboard-cases';
import { listRepeatRequesters } from './use-cases/list-repeat-requesters';
import { sendWeeklyDigests } from './use-cases/send-weekly-digests';
import { simulatePolicy } from './use-cases/simulate-policy';

const TAGS = ['insights'];

export async function insightsRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post('/api/policy-simulations', {
    config: { auth: LEADS },
    schema: {
      operationId: 'simulatePolicy',
      tags: TAGS,
      summary:
        'Replay the refund requests of a period against the draft, a published version, or a what-if (adjustments to the version in force, never saved): what would change, by reason and product (lead, admin)',
      body: simulatePolicyBody,
      response: { 200: simulationResponse, ...errorResponses },
    },
    handler: async (request) => {
      const started = performance.now();
      const summary = await simulatePolicy(depsOf(root, request), request.body);
      return {
        ...summary,
        period: { from: request.body.from, to: request.body.to },
        filters: { channel: request.body.channel ?? null, reason: request.body.reason ?? null },
        ms: Math.round(performance.now() - started),
      };
    },
  });

  app.get('/api/policy-simulations/what-if', {
    config: { auth: LEADS },
    schema: {
      operationId: 'getWhatIfBase',
      tags: TAGS,
      summary:
        'What a what-if starts from: the policy version in force, its return windows and goodwill limit (lead, admin)',
      response: { 200: whatIfBaseResponse, ...errorResponses },
    },
    handler: async (request) => getWhatIfBase(depsOf(root, request)),
  });

  app.get('/api/insights/repeat-requesters', {
    config: { auth: LEADS },
    schema: {
      operationId: 'listRepeatRequesters',
      tags: TAGS,
      summary:
        'Accounts with several refund requests in the last months, with exceptions, payouts and the abuse signals raised, for a lead to review',
      querystring: repeatRequestersQuery,
      response: { 200: repeatRequestersResponse, ...errorResponses },
    },
    handler: async (request) => listRepeatRequesters(depsOf(root, request), request.query),
  });

  app.get('/api/insights/weekly-digest', {
    config: { auth: LEADS },
    schema: {
      operationId: 'getWeeklyDigest',
      tags: TAGS,
      summary:
        "The leads' weekly digest of a week: its numbers against the four weeks before, the notable changes, and the e-mail as the caller would get it (lead, admin)",
      querystring: weeklyDigestQuery,
      response: { 200: weeklyDigestResponse, ...errorResponses },
    },
    handler: async (request) => getWeeklyDigestPreview(depsOf(root, request), request.query),
  });

  app.post('/api/insights/weekly-digest/send', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'sendWeeklyDigest',
      tags: TAGS,
      summary:
        "Queue a week's digest to every active lead now (admin); a lead who already has it gets nothing new, so a resend only reaches new leads",
      body: sendWeeklyDigestBody,
      response: { 200: sentDigestsResponse, ...errorResponses },
    },
    handler: async (request) => sendWeeklyDigests(depsOf(root, request), request.body),
  });

  app.get('/api/insights/dashboard', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getInsightsDashboard',
      tags: TAGS,
      summary:
        'The insights dashboard of a period (default the last 90 days): time series, breakdowns, approvals, refund rate, decision time, offers, satisfaction; agents get it without goodwill per person',
      querystring: dashboardQuery,
      response: { 200: dashboardResponse, ...errorResponses },
    },
    handler: async (request) => getDashboard(depsOf(root, request), request.query),
  });

  app.get('/api/insights/dashboard/cases', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listInsightsDashboardCases',
      tags: TAGS,
      summary:
        'The cases behind one bar of the dashboard (same filters, plus the chart and the bar), newest first',
      querystring: dashboardCasesQuery,
      response: { 200: dashboardCasesResponse, ...errorResponses },
    },
    handler: async (request) => listDashboardCases(depsOf(root, request), request.query),
  });

  app.get('/api/insights/dashboard.csv', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'exportInsightsDashboardCsv',
      tags: TAGS,
      summary:
        'One view of the dashboard as CSV (the numbers of its chart), header row in the staff member’s language',
      querystring: dashboardCsvQuery,
      response: {
        200: { description: 'the view as CSV', content: { 'text/csv': { schema: z.string() } } },
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
      const lang = request.query.lang ?? request.staff?.locale ?? 'en';
      const { csv, fileName } = await exportDashboardCsv(depsOf(root, request), { ...request.query, lang });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(csv);
    },
  });
}
