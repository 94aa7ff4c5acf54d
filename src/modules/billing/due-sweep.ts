import { businessDate } from '../../platform/clock';
import type { UseCaseDeps } from '../../platform/deps';
import { type DUE, listDueSubscriptions } from './billing.repository';

/**
 * A daily subscription sweep: every subscription whose `due` date is today or earlier (the
 * business calendar), in keyset batches so a large backlog commits as it goes, handed one by one
 * to `apply` (its own transaction each). Answers how many `apply` said it changed.
 */
export async function sweepDueSubscriptions(
  deps: UseCaseDeps,
  due: keyof typeof DUE,
  apply: (subscriptionId: string) => Promise<boolean>,
  batch = 500,
): Promise<number> {
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  let changed = 0;
  let after = '';
  for (;;) {
    const rows = await listDueSubscriptions(deps.db, due, { today, after, limit: batch });
    for (const { id } of rows) if (await apply(id)) changed++;
    if (rows.length < batch) return changed;
    after = rows[rows.length - 1]!.id;
  }
}
