import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError, notFound } from '../../../platform/errors';
import { NoteErrors } from '../notes.errors';
import { listCommitments, lockCommitment, markCommitmentOpen } from '../notes.repository';

/**
 * The undo of "mark done": whoever may close a promise (its owner, a lead or an admin) opens it
 * again, audited on the account and case. Returns the commitment as it now stands.
 */
export async function reopenCommitment(deps: UseCaseDeps, input: { commitmentId: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const c = await lockCommitment(trx, input.commitmentId);
    if (!c) throw notFound(NoteErrors.COMMITMENT_NOT_FOUND, 'Commitment', input.commitmentId, 'params.id');
    if (c.owner_id !== deps.actor.id && deps.actor.role === 'agent')
      throw new DomainError(NoteErrors.COMMITMENT_NOT_YOURS, 'Only its owner or a lead can reopen this', {
        field: 'params.id',
      });
    if (c.status !== 'done')
      throw new DomainError(NoteErrors.COMMITMENT_NOT_DONE, 'The commitment is still open', {
        field: 'params.id',
      });
    await markCommitmentOpen(trx, c.id);
    await writeAudit(trx, deps.actor, now, {
      action: 'commitment.reopened',
      entityType: 'commitment',
      entityId: c.id,
      accountId: c.account_id,
      caseId: c.case_id,
      changes: { status: { from: 'done', to: 'open' } },
    });
    const [open] = await listCommitments(trx, { id: c.id });
    return open!;
  });
}
