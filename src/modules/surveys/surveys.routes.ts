import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { depsOf } from '../../platform/http/context';
import { errorHandler, type Problem, problemFor } from '../../platform/http/problem';
import { languageFromHeader, publicPageHeaders } from '../../platform/http/public-page';
import { ANY_STAFF } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import type { SurveyLink } from './survey-link';
import { surveyFormPage, surveyMessagePage } from './survey-page';
import { surveyForm, surveyResponse, tokenParam, toSurveyResponse } from './surveys.schemas';
import { answerSurvey } from './use-cases/answer-survey';
import { cancelFollowUp } from './use-cases/cancel-follow-up';
import { listAccountSurveys } from './use-cases/list-account-surveys';
import { listCaseSurveys } from './use-cases/list-case-surveys';
import { openSurvey } from './use-cases/open-survey';
import { scheduleFollowUp } from './use-cases/schedule-follow-up';

const SURVEY_PAGE = '/s/';

/**
 * The survey page answers its broken links and unreadable answers with its friendly page in the
 * browser's language, never JSON: an address, path or token it cannot read is a link it does not know.
 */
export function answerSurveyPageProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  const lang = languageFromHeader(request.headers['accept-language']);
  const busyOrBroken = problem.status === 429 || problem.status >= 500;
  const aboutTheForm = problem.field?.startsWith('body') === true;
  const page = busyOrBroken ? 'failed' : aboutTheForm ? 'unreadable' : 'unknown';
  // the router refuses some links before any hook ran, so the page brings its own policy then
  if (!reply.raw.hasHeader('content-security-policy'))
    reply.header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
  return publicPageHeaders(reply)
    .code(problem.status)
    .header('x-content-type-options', 'nosniff')
    .send(surveyMessagePage(lang, page));
}

export async function surveyRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  root.setErrorHandler<FastifyError>((error, request, reply) =>
    request.url.startsWith(SURVEY_PAGE)
      ? answerSurveyPageProblem(request, reply, problemFor(error, request))
      : errorHandler(error, request, reply),
  );
  // the public survey form posts plain HTML form data
  root.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.post('/api/cases/:id/follow-up', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'scheduleFollowUp',
      tags: ['surveys'],
      summary: 'Schedule the satisfaction follow-up of a case (default: the configured delay, 7 days)',
      params: idParam('case'),
      body: z.object({ inDays: z.number().int().min(0).max(90).optional() }).strict(),
      response: { 201: z.object({ id: z.string(), dueAt: z.date() }), ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.code(201).send(
        await scheduleFollowUp(depsOf(root, request), {
          caseId: request.params.id,
          inDays: request.body.inDays,
        }),
      ),
  });

  app.delete('/api/cases/:id/follow-up', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'cancelFollowUp',
      tags: ['surveys'],
      summary: 'Cancel the follow-up of a case that has not gone out yet',
      params: idParam('case'),
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await cancelFollowUp(depsOf(root, request), { caseId: request.params.id });
      return reply.code(204).send(null);
    },
  });

  app.get('/api/cases/:id/surveys', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listCaseSurveys',
      tags: ['surveys'],
      summary: "The case's follow-ups and the customer's answers",
      params: idParam('case'),
      response: { 200: z.object({ items: z.array(surveyResponse) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: (await listCaseSurveys(depsOf(root, request), { caseId: request.params.id })).map(
        toSurveyResponse,
      ),
    }),
  });

  app.get('/api/accounts/:id/surveys', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listAccountSurveys',
      tags: ['surveys'],
      summary: "Every follow-up and answer in the account's history, newest first",
      params: idParam('acc'),
      response: { 200: z.object({ items: z.array(surveyResponse) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: (await listAccountSurveys(depsOf(root, request), { accountId: request.params.id })).map(
        toSurveyResponse,
      ),
    }),
  });

  app.get(`${SURVEY_PAGE}:token`, {
    config: { auth: 'public' },
    schema: { hide: true, params: tokenParam },
    handler: async (request, reply) => {
      const link = await openSurvey(depsOf(root, request), { token: request.params.token });
      publicPageHeaders(reply);
      if (link.status !== 'open')
        return reply
          .code(link.status === 'unknown' ? 404 : 410)
          .send(surveyMessagePage(languageOf(link, request), link.status, link.companyName));
      return surveyFormPage(link.page.language, { ...link.page, token: request.params.token });
    },
  });

  app.post(`${SURVEY_PAGE}:token`, {
    config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { hide: true, params: tokenParam, body: surveyForm },
    handler: async (request, reply) => {
      const form = request.body ?? {};
      const { outcome, link } = await answerSurvey(
        {
          ...depsOf(root, request),
          actor: { id: null, role: 'customer', ip: request.ip, requestId: request.id },
        },
        { token: request.params.token, rating: Number(form.rating), comment: String(form.comment ?? '') },
      );
      publicPageHeaders(reply);
      // only an open survey is asked for its missing rating
      if (outcome === 'no_rating')
        return reply
          .code(400)
          .send(
            surveyFormPage(link.page!.language, { ...link.page!, token: request.params.token, error: true }),
          );
      const code =
        outcome === 'recorded' ? 200 : outcome === 'unknown' ? 404 : outcome === 'answered' ? 409 : 410;
      return reply.code(code).send(surveyMessagePage(languageOf(link, request), outcome, link.companyName));
    },
  });
}

/** The customer's language when the link is known, else the browser's. */
function languageOf(link: SurveyLink, request: FastifyRequest): 'de' | 'en' {
  return link.page?.language ?? languageFromHeader(request.headers['accept-language']);
}
