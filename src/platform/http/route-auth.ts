import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../audit';
import { DomainError } from '../errors';
import type { Role } from '../roles';

/** Who may call a route. Every /api route must say; a route that does not is refused at start-up. */
export type RouteAuth = 'public' | readonly Role[];

export const ANY_STAFF: readonly Role[] = ['agent', 'lead', 'admin'];
export const LEADS: readonly Role[] = ['lead', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];

export interface StaffPrincipal {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: 'de' | 'en';
  sessionId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    staff: StaffPrincipal | null;
  }
}

export const SESSION_COOKIE = 'kulanz_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RouteAuthOptions {
  resolveSession(token: string, request: FastifyRequest): Promise<StaffPrincipal | null>;
}

/** Resolves the session on every /api request and enforces the route's roles and CSRF, failing closed. */
export function installRouteAuth(app: FastifyInstance, options: RouteAuthOptions): void {
  app.decorateRequest('staff', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (route.config?.auth === undefined)
      throw new Error(`route ${route.method} ${route.url} declares no auth`);
  });
  app.addHook('onRequest', async (request) => {
    const auth = request.routeOptions.config?.auth;
    if (auth === undefined || auth === 'public') {
      const token = request.cookies[SESSION_COOKIE];
      if (token && auth === 'public') request.staff = await options.resolveSession(token, request);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const staff = token ? await options.resolveSession(token, request) : null;
    if (!staff) throw new DomainError('UNAUTHENTICATED', 'Please log in');
    request.staff = staff;
    if (!auth.includes(staff.role)) {
      throw new DomainError(
        'FORBIDDEN',
        `This action needs the role ${auth.join(' or ')}; you are ${staff.role}`,
      );
    }
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== staff.csrfToken) {
      throw new DomainError(
        'CSRF_TOKEN_INVALID',
        `Send the session's CSRF token in the ${CSRF_HEADER} header`,
        {
          field: `headers.${CSRF_HEADER}`,
        },
      );
    }
  });
}

/** The acting staff member, for routes that require a login. */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new DomainError('UNAUTHENTICATED', 'Please log in');
  return request.staff;
}

export function actorOf(request: FastifyRequest): Actor {
  const staff = request.staff;
  return staff
    ? { id: staff.id, role: staff.role, requestId: request.id, ip: request.ip }
    : { id: null, role: 'customer', requestId: request.id, ip: request.ip };
}
