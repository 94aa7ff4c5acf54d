import type { Kysely, Transaction } from 'kysely';
import type { AppConfig } from '../config';
import type { DB } from '../db/schema';
import type { Actor } from './audit';
import type { Clock } from './clock';
import type { Jobs } from './jobs';

/** What every use case receives first: the database, the clock, who acts, and the settings it may need. */
export interface UseCaseDeps {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  secret: string;
  config: Pick<AppConfig, 'timeZone' | 'publicUrl'> &
    Partial<Pick<AppConfig, 'sessionCacheMs' | 'evidenceMaxBytes' | 'evidenceMaxFiles'>>;
  /** The job queue: pg-boss in the server and tests, a recording one in command-line tools (see jobs.ts). */
  jobs: Jobs;
}

/**
 * The transaction a step runs in. A use case `(deps, input)` opens it; a step that other use
 * cases compose `(trx, deps, input)` takes it, so the step's change commits with its caller's.
 */
export type Trx = Transaction<DB>;
