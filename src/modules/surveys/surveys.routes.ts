import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { depsOf } from '../../platform/http/context';
import { errorHandler, type Problem, problemFor } from '../../platform/http/problem';
import { ANY_STAFF } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import { getSetting } from '../settings';
import { languageFromHeader, surveyFormPage, surveyMessagePage } from './survey-page';
import { surveyResponse } from './surveys.schemas';
import { answerSurvey, findSurveyByToken } from './use-cases/answer-survey';
import { cancelFollowUp } from './use-cases/cancel-follow-up';
import { scheduleFollowUp } from './use-cases/schedule-follow-up';

// biome-ignore lint/suspicious/noExplicitAny: maps a selected surveys row
const toSurvey = (r: any): z.infer<typeof surveyResponse> => ({
  id: r.id,
  caseId: r.case_id,
  accountId: r.account_id,
  state: r.state,
  dueAt: r.due_at,
  sentAt: r.sent_at,
  expiresAt: r.expires_at,
  rating: r.rating,
  comment: r.comment,
  answeredAt: r.answered_at,
  createdAt: r.created_at,
});

const tokenParam = z.object({ token: z.string().max(200) });
/** What the survey form posts; the rating is checked by the handler, which shows the form again. */
const surveyForm = z
  .object({
    rating: z.union([z.string().max(20), z.number()]).optional(),
    comment: z.string().max(20_000).optional(),
  })
  .nullish();

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
  return reply
    .code(problem.status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .send(surveyMessagePage(lang, page));
}

export async function surveyRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.ctx.db;
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
      await cancelFollowUp(depsOf(root, request), request.params.id);
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
      items: (
        await db
          .selectFrom('surveys')
          .selectAll()
          .where('case_id', '=', request.params.id)
          .orderBy('created_at')
          .execute()
      ).map(toSurvey),
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
      items: (
        await db
          .selectFrom('surveys')
          .selectAll()
          .where('account_id', '=', request.params.id)
          .orderBy('created_at', 'desc')
          .execute()
      ).map(toSurvey),
    }),
  });

  app.get(`${SURVEY_PAGE}:token`, {
    config: { auth: 'public' },
    schema: { hide: true, params: tokenParam },
    handler: async (request, reply) => {
      const found = await findSurveyByToken(db, root.ctx.secret, request.params.token, root.ctx.clock.now());
      const lang = found.survey?.language ?? languageFromHeader(request.headers['accept-language']);
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer');
      const desk = await getSetting(db, 'desk');
      if (found.status !== 'open' || !found.survey)
        return reply
          .code(found.status === 'unknown' ? 404 : 410)
          .send(surveyMessagePage(lang, found.status, desk.companyName));
      return surveyFormPage(lang, formInput(desk, found.survey, request.params.token));
    },
  });

  app.post(`${SURVEY_PAGE}:token`, {
    config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { hide: true, params: tokenParam, body: surveyForm },
    handler: async (request, reply) => {
      const form = request.body ?? {};
      const rating = Number(form.rating);
      const comment = String(form.comment ?? '').slice(0, 2000);
      const now = root.ctx.clock.now();
      const found = await findSurveyByToken(db, root.ctx.secret, request.params.token, now);
      const lang = found.survey?.language ?? languageFromHeader(request.headers['accept-language']);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      const desk = await getSetting(db, 'desk');
      if (
        found.status === 'open' &&
        found.survey &&
        !(Number.isInteger(rating) && rating >= 1 && rating <= 5)
      )
        return reply
          .code(400)
          .send(
            surveyFormPage(lang, { ...formInput(desk, found.survey, request.params.token), error: true }),
          );
      const outcome = await answerSurvey(
        {
          ...depsOf(root, request),
          actor: { id: null, role: 'customer', ip: request.ip, requestId: request.id },
        },
        { token: request.params.token, rating, comment },
      );
      const code =
        outcome === 'recorded' ? 200 : outcome === 'unknown' ? 404 : outcome === 'answered' ? 409 : 410;
      return reply.code(code).send(surveyMessagePage(lang, outcome, desk.companyName));
    },
  });
}

/** The survey form greets the customer as the e-mail did: the desk's greeting and their full name. */
function formInput(
  desk: Awaited<ReturnType<typeof getSetting<'desk'>>>,
  survey: { language: string; first_name: string; last_name: string; case_number: string },
  token: string,
) {
  const lang = survey.language === 'en' ? 'en' : 'de';
  return {
    token,
    greeting: desk.greeting[lang],
    fullName: `${survey.first_name} ${survey.last_name}`,
    caseNumber: survey.case_number,
    companyName: desk.companyName,
  };
}
