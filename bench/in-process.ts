// The app in the bench's own process (app.inject), logged in as a demo user (the agent by default).
import type { Kysely } from 'kysely';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { DB } from '../src/db/schema';
import { DEMO_LOGINS } from '../src/demo/seed-demo';
import { type Clock, systemClock } from '../src/platform/clock';
import { recordingJobs } from '../src/platform/jobs';

export async function agentApp(
  db: Kysely<DB>,
  secret: string,
  role: 'agent' | 'lead' | 'admin' = 'agent',
  options: { clock?: Clock } = {},
) {
  const app = await buildApp({
    db,
    clock: options.clock ?? systemClock,
    config: { ...loadConfig({ NODE_ENV: 'production' }), secret },
    secret,
    jobs: recordingJobs(),
    webDist: '/nonexistent',
  });
  await app.ready();
  const agent = DEMO_LOGINS.find((l) => l.role === role)!;
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: agent.email, password: agent.password },
  });
  const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0]!;
  const csrf = String(login.json().csrfToken ?? '');
  return { app, cookie, csrf };
}
