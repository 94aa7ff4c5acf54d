import type { Kysely } from 'kysely';
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
  config: Pick<AppConfig, 'timeZone' | 'publicUrl'>;
  /** Present in the server and tests; command-line tools that schedule nothing run without it. */
  jobs?: Jobs;
}
