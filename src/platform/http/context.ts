import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../../config';
import type { DB } from '../../db/schema';
import type { Clock } from '../clock';
import type { UseCaseDeps } from '../deps';
import type { Jobs } from '../jobs';
import { actorOf } from './route-auth';

/** What the app holds for its whole life and hands to use cases per request. */
export interface AppContext {
  db: Kysely<DB>;
  clock: Clock;
  config: AppConfig;
  secret: string;
  /** The job queue; scheduled work is sent in the same transaction as its cause. */
  jobs: Jobs;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

/** The use-case deps for this request: shared parts plus the acting staff member. */
export function depsOf(app: FastifyInstance, request: FastifyRequest): UseCaseDeps {
  const { db, clock, config, secret, jobs } = app.ctx;
  return { db, clock, config, secret, jobs, actor: actorOf(request) };
}
