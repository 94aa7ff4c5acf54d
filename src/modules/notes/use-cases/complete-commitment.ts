import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError, notFound } from '../../../platform/errors';
import { NoteErrors } from '../notes.errors';
import { listCommitments, lockCommitment, markCommitmentDone } from '../notes.repository';

/**
 * Marks a promise kept: its owner, or a lead or admin, closes it; audited on the account and
 * case. Returns the commitment as it now stands.
 */
export async function completeCommitment(deps: UseCaseDeps, input: { commitmentId: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const c = await lockCommitment(trx, input.commitmentId);
    if (!c) throw notFound(NoteErrors.COMMITMENT_NOT_FOUND, 'Commitment', input.commitmentId, 'params.id');
    if (c.owner_id !== deps.actor.id && deps.actor.role === 'agent')
      throw new DomainError(NoteErrors.COMMITMENT_NOT_YOURS, 'Only its owner or a lead can mark this done', {
        field: 'params.id',
      });
    if (c.status === 'done')
      throw new DomainError(NoteErrors.COMMITMENT_ALREADY_DONE, 'Already done', { field: 'params.id' });
    await markCommitmentDone(trx, c.id, { actorId: deps.actor.id, at: now });
    await writeAudit(trx, deps.actor, now, {
      action: 'commitment.done',
      entityType: 'commitment',
      entityId: c.id,
      accountId: c.account_id,
      caseId: c.case_id,
      changes: { status: { from: 'open', to: 'done' } },
    });
    const [done] = await listCommitments(trx, { id: c.id });
    return done!;
  });
}
