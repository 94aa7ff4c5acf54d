import type { Executor } from '../../platform/audit';
import { writeAudit } from '../../platform/audit';
import type { UseCaseDeps } from '../../platform/deps';
import { DomainError } from '../../platform/errors';
import { CancellationErrors } from './cancellations.errors';
import { type CancellationRow, insertCancellationEvent } from './cancellations.repository';
import type { CancellationStatus } from './cancellations.table';

// The order of seed 000's steps on a request, enforced on the server: each step needs the one
// before it; a step may be done again (the agent explains the other option) until the next is done.

export const STEPS = ['reason', 'review', 'explain', 'offers', 'process', 'confirm'] as const;
export type Step = (typeof STEPS)[number];

/** The steps a request has done, in order. */
export function doneSteps(row: CancellationRow): Step[] {
  const done: Record<Step, boolean> = {
    reason: true,
    review: row.reviewed_at !== null,
    explain: row.explained_at !== null,
    offers: row.offers_at !== null,
    process: row.processed_at !== null,
    confirm: row.confirmed_at !== null,
  };
  return STEPS.filter((s) => done[s]);
}

/** The step the desk should do next, or null when the request is finished. */
export function nextStep(row: CancellationRow): Step | null {
  if (row.status === 'retained' || row.status === 'withdrawn' || row.status === 'revoked') return null;
  const done = doneSteps(row);
  return STEPS.find((s) => !done.includes(s)) ?? null;
}

/** Refuses a step the request is not ready for (CANCELLATION_STEP_OUT_OF_ORDER) or that a closed request cannot take. */
export function assertStep(row: CancellationRow, step: Step): void {
  const open = step === 'confirm' ? ['scheduled', 'cancelled'] : ['in_progress'];
  if (!open.includes(row.status))
    throw new DomainError(
      step === 'confirm'
        ? CancellationErrors.CANCELLATION_STEP_OUT_OF_ORDER
        : CancellationErrors.CANCELLATION_CLOSED,
      step === 'confirm'
        ? `Cancellation ${row.id} is ${row.status}: only a processed cancellation is confirmed`
        : `Cancellation ${row.id} is ${row.status}`,
      { field: 'params.id', cancellationStatus: row.status, step },
    );
  const done = doneSteps(row);
  const index = STEPS.indexOf(step);
  const missing = STEPS.slice(0, index).find((s) => !done.includes(s));
  const later = STEPS.slice(index + 1).find((s) => done.includes(s));
  if (missing || later || (step === 'confirm' && done.includes('confirm')))
    throw new DomainError(
      CancellationErrors.CANCELLATION_STEP_OUT_OF_ORDER,
      missing ? `Do the ${missing} step before ${step}` : `The ${step} step is done already`,
      { field: 'params.id', step, expected: nextStep(row) },
    );
}

/** One step in the request's history and the audit log, in the step's transaction. */
export async function recordStep(
  trx: Executor,
  deps: UseCaseDeps,
  now: Date,
  input: {
    row: Pick<CancellationRow, 'id' | 'account_id' | 'case_id'>;
    step: string;
    status: CancellationStatus;
    changes: Record<string, unknown>;
  },
): Promise<void> {
  await insertCancellationEvent(trx, {
    request_id: input.row.id,
    at: now,
    actor_id: deps.actor.id,
    step: input.step,
    status: input.status,
    detail: JSON.stringify(input.changes),
  });
  await writeAudit(trx, deps.actor, now, {
    action: `cancellation.${input.step}`,
    entityType: 'cancellation',
    entityId: input.row.id,
    accountId: input.row.account_id,
    caseId: input.row.case_id,
    changes: input.changes,
  });
}
