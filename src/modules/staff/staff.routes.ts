import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { depsOf } from '../../platform/http/context';
import { ADMINS, ANY_STAFF, SESSION_COOKIE, staffOf } from '../../platform/http/route-auth';
import { errorResponses, idParam } from '../../platform/http/schemas';
import { SESSION_TTL_MS } from './session-tokens';
import {
  createStaffUserBody,
  loginBody,
  sessionResponse,
  staffUserResponse,
  toStaffUserResponse,
  updateMeBody,
  updateStaffUserBody,
} from './staff.schemas';
import { createStaffUser } from './use-cases/create-staff-user';
import { listStaffUsers } from './use-cases/list-staff-users';
import { logIn } from './use-cases/log-in';
import { logOut } from './use-cases/log-out';
import { unlockStaffLogin } from './use-cases/unlock-staff-login';
import { updateStaffUser } from './use-cases/update-staff-user';

export async function staffRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const secureCookie = root.ctx.config.isProduction;

  app.post('/api/auth/login', {
    config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      operationId: 'logIn',
      tags: ['auth'],
      summary: 'Log in with e-mail and password; sets the session cookie',
      body: loginBody,
      response: { 200: sessionResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await logIn(depsOf(root, request), {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookie,
        maxAge: SESSION_TTL_MS / 1000,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  });

  app.post('/api/auth/logout', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'logOut',
      tags: ['auth'],
      summary: 'End the current session',
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await logOut(depsOf(root, request), { sessionId: staffOf(request).sessionId });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.get('/api/auth/session', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getSession',
      tags: ['auth'],
      summary: 'The logged-in staff member and the CSRF token to send on changes',
      response: { 200: sessionResponse, ...errorResponses },
    },
    handler: async (request) => {
      const s = staffOf(request);
      return {
        user: { id: s.id, email: s.email, displayName: s.displayName, role: s.role, locale: s.locale },
        csrfToken: s.csrfToken,
      };
    },
  });

  app.patch('/api/auth/me', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'updateMyProfile',
      tags: ['auth'],
      summary: 'Change your own UI language',
      body: updateMeBody,
      response: { 200: staffUserResponse, ...errorResponses },
    },
    handler: async (request) =>
      toStaffUserResponse(
        await updateStaffUser(depsOf(root, request), {
          id: staffOf(request).id,
          locale: request.body.locale,
        }),
      ),
  });

  app.get('/api/staff', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'listStaff',
      tags: ['staff'],
      summary: 'All staff members (for assignee and owner pickers)',
      response: { 200: z.object({ items: z.array(staffUserResponse) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: (await listStaffUsers(depsOf(root, request))).map(toStaffUserResponse),
    }),
  });

  app.post('/api/admin/staff', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'createStaffUser',
      tags: ['staff'],
      summary: 'Create a staff user (admin)',
      body: createStaffUserBody,
      response: { 201: staffUserResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const user = await createStaffUser(depsOf(root, request), request.body);
      return reply.code(201).send(toStaffUserResponse(user));
    },
  });

  app.patch('/api/admin/staff/:id', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'updateStaffUser',
      tags: ['staff'],
      summary: 'Change, deactivate or reactivate a staff user, or reset their password (admin)',
      params: idParam('usr'),
      body: updateStaffUserBody,
      response: { 200: staffUserResponse, ...errorResponses },
    },
    handler: async (request) =>
      toStaffUserResponse(
        await updateStaffUser(depsOf(root, request), { id: request.params.id, ...request.body }),
      ),
  });

  app.post('/api/admin/staff/:id/unlock-login', {
    config: { auth: ADMINS },
    schema: {
      operationId: 'unlockStaffLogin',
      tags: ['staff'],
      summary:
        "Lift the login throttle on a staff user's e-mail from every address after failed logins (admin)",
      params: idParam('usr'),
      response: { 200: staffUserResponse, ...errorResponses },
    },
    handler: async (request) =>
      toStaffUserResponse(await unlockStaffLogin(depsOf(root, request), { id: request.params.id })),
  });
}
