import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { listCommitments as commitmentRows } from '../notes.repository';
import { toCommitment } from '../notes.schemas';

export interface ListCommitmentsInput {
  /** 'me' (the acting staff member) or a staff id. */
  owner?: string;
  status?: 'open' | 'done';
  accountId?: string;
}

/** Commitments due first, overdue ones marked (the due day has passed in the company's time zone). */
export async function listCommitments(deps: UseCaseDeps, input: ListCommitmentsInput) {
  const { owner, ...rest } = input;
  const ownerId = owner === 'me' ? deps.actor.id : owner;
  if (ownerId === null) return []; // 'me' without a staff member: nobody's
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  return (await commitmentRows(deps.db, { ...rest, ownerId })).map((c) => toCommitment(c, today));
}
