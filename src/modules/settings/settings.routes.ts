import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { depsOf } from '../../platform/http/context';
import { ADMINS, ANY_STAFF } from '../../platform/http/route-auth';
import { errorResponses } from '../../platform/http/schemas';
import {
  callScriptSettings,
  deskSettings,
  followUpSettings,
  renderedCallScript,
  settingsResponse,
  verificationSettings,
} from './settings.schemas';
import { getCallScript } from './use-cases/get-call-script';
import { getSettings } from './use-cases/get-settings';
import { type UpdateSettingInput, updateSetting } from './use-cases/update-setting';

export async function settingsRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  // a change answers with every setting, as the desk shows them after it
  const change = async (request: FastifyRequest, input: UpdateSettingInput) => {
    const deps = depsOf(root, request);
    await updateSetting(deps, input);
    return getSettings(deps);
  };

  app.get('/api/settings', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getSettings',
      tags: ['settings'],
      summary: 'Verification rules, desk texts and follow-up timing',
      response: { 200: settingsResponse, ...errorResponses },
    },
    handler: (request) => getSettings(depsOf(root, request)),
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
    handler: (request) => change(request, { key: 'verification', value: request.body }),
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
    handler: (request) => change(request, { key: 'desk', value: request.body }),
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
    handler: (request) => change(request, { key: 'follow_up', value: request.body }),
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
    handler: (request) => change(request, { key: 'call_script', value: request.body }),
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
