import { addMonths, businessDate, startOfBusinessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { listRepeatRequesters as listFromRefunds, type RepeatRequester } from '../../refunds';

/**
 * The repeat requesters of the last `months` (from the start of that calendar day, Europe/Berlin):
 * accounts with at least `min` refund requests, for a lead to look at with the abuse signals.
 */
export async function listRepeatRequesters(
  deps: UseCaseDeps,
  input: { months: number; min: number; limit: number },
): Promise<{ since: Date; items: RepeatRequester[] }> {
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  const since = startOfBusinessDate(addMonths(today, -input.months), deps.config.timeZone);
  return { since, items: await listFromRefunds(deps, { since, minRequests: input.min, limit: input.limit }) };
}
