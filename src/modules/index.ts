import type { FastifyInstance } from 'fastify';
// Every feature's error codes, so the one code-to-status table is complete before the first request.
import './staff/staff.errors';
import './cases/cases.errors';
import './notes/notes.errors';
import './accounts/accounts.errors';
import './billing/billing.errors';
import './verification/verification.errors';
import './messaging/messaging.errors';
import './surveys/surveys.errors';
import './policy/policy.errors';
import './refunds/refunds.errors';
import './billing/subscription-changes.errors';
import './offers/offers.errors';
import './cancellations/cancellations.errors';
import './insights/insights.errors';
import type { HtmlErrorPage } from '../platform/http/problem';
import { accountRoutes } from './accounts/accounts.routes';
import { auditRoutes } from './audit/audit.routes';
import { cancellationRoutes } from './cancellations/cancellations.routes';
import { caseRoutes } from './cases/cases.routes';
import { insightsRoutes } from './insights/insights.routes';
import { messagingRoutes } from './messaging/messaging.routes';
import { noteRoutes } from './notes/notes.routes';
import { offerRoutes } from './offers/offers.routes';
import { policyRoutes } from './policy/policy.routes';
import { refundRoutes } from './refunds/refunds.routes';
import { getSetting } from './settings';
import { settingsRoutes } from './settings/settings.routes';
import { staffRoutes } from './staff/staff.routes';
import { answerSurveyPageProblem, surveyRoutes } from './surveys/surveys.routes';
import { provideVerificationSettings } from './verification';
import { emailCodeRoutes } from './verification/email-code.routes';
import { verificationRoutes } from './verification/verification.routes';

// Verification's rules are stored with the other settings; settings knows verification's schema
// (it imports verification), so verification is told here where to read them instead of importing settings.
provideVerificationSettings((db) => getSetting(db, 'verification'));

/** Every feature's routes, registered by the app in this order. */
export const featureRoutes: Array<(app: FastifyInstance) => Promise<void>> = [
  staffRoutes,
  settingsRoutes,
  accountRoutes,
  caseRoutes,
  verificationRoutes,
  noteRoutes,
  auditRoutes,
  messagingRoutes,
  surveyRoutes,
  emailCodeRoutes,
  policyRoutes,
  refundRoutes,
  insightsRoutes,
  offerRoutes,
  cancellationRoutes,
];

/** Public HTML pages that answer their own broken links (the router's errors) in HTML. */
export const htmlErrorPages: HtmlErrorPage[] = [{ prefix: '/s/', answer: answerSurveyPageProblem }];
