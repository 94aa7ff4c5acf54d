import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { depsOf } from '../../platform/http/context';
import { ADMINS, ANY_STAFF } from '../../platform/http/route-auth';
import { errorResponses } from '../../platform/http/schemas';
import { getSetting } from './settings.repository';
import {
  callScriptSettings,
  deskSettings,
  followUpSettings,
  LOCKOUT,
  renderedCallScript,
  settingsResponse,
  verificationSettings,
} from './settings.schemas';
import { getCallScript } from './use-cases/get-call-script';
import { updateSetting } from './use-cases/update-setting';

export async function settingsRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;
  const all = async () => ({
    verification: { ...(await getSetting(db, 'verification')), ...LOCKOUT },
    desk: await getSetting(db, 'desk'),
    followUp: await getSetting(db, 'follow_up'),
    callScript: await getSetting(db, 'call_script'),
  });

  app.get('/api/settings', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getSettings',
      tags: ['settings'],
      summary: 'Verification rules, desk texts and follow-up timing',
      response: { 200: settingsResponse, ...errorResponses },
    },
    handler: all,
  });

  app.put('/api/admin/settings/verification', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'updateVerificationSettings',
      tags: ['settings'],
      summary:
        'Which verification factors count, how many are required, how long a verification lasts (admin)',
      body: verificationSettings,
      response: { 200: settingsResponse, ...errorResponses },
    },
    handler: async (request) => {
      await updateSetting(depsOf(root, request), 'verification', request.body);
      return all();
    },
  });

  app.put('/api/admin/settings/desk', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'updateDeskSettings',
      tags: ['settings'],
      summary: "The company's name, contact data and signatures used in messages (admin)",
      body: deskSettings,
      response: { 200: settingsResponse, ...errorResponses },
    },
    handler: async (request) => {
      await updateSetting(depsOf(root, request), 'desk', request.body);
      return all();
    },
  });

  app.put('/api/admin/settings/follow-up', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'updateFollowUpSettings',
      tags: ['settings'],
      summary: 'Days from closing a case to its survey, and how long the survey link is valid (admin)',
      body: followUpSettings,
      response: { 200: settingsResponse, ...errorResponses },
    },
    handler: async (request) => {
      await updateSetting(depsOf(root, request), 'follow_up', request.body);
      return all();
    },
  });

  app.put('/api/admin/settings/call-script', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'updateCallScript',
      tags: ['settings'],
      summary:
        'The greeting agents say when they pick up, in German and English; may name {{agent.name}} and {{company.name}} (admin)',
      body: callScriptSettings,
      response: { 200: settingsResponse, ...errorResponses },
    },
    handler: async (request) => {
      await updateSetting(depsOf(root, request), 'call_script', request.body);
      return all();
    },
  });

  app.get('/api/call-script', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getCallScript',
      tags: ['settings'],
      summary: 'The call greeting filled in with your name and the company name, in German and English',
      response: { 200: renderedCallScript, ...errorResponses },
    },
    handler: (request) => getCallScript(depsOf(root, request)),
  });
}
