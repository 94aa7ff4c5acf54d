import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { NoteErrors } from '../notes.errors';
import { listCommitments } from '../notes.repository';

/**
 * Marks a promise kept: its owner, or a lead or admin, closes it; audited on the account and
 * case. Returns the commitment as it now stands.
 */
export async function completeCommitment(deps: UseCaseDeps, id: string) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const c = await trx
      .selectFrom('commitments')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!c)
      throw new DomainError(NoteErrors.COMMITMENT_NOT_FOUND, `Commitment ${id} does not exist`, {
        field: 'params.id',
      });
    if (c.owner_id !== deps.actor.id && deps.actor.role === 'agent')
      throw new DomainError(NoteErrors.COMMITMENT_NOT_YOURS, 'Only its owner or a lead can mark this done', {
        field: 'params.id',
      });
    if (c.status === 'done')
      throw new DomainError(NoteErrors.COMMITMENT_ALREADY_DONE, 'Already done', { field: 'params.id' });
    await trx
      .updateTable('commitments')
      .set({ status: 'done', done_at: now, done_by: deps.actor.id })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.actor, now, {
      action: 'commitment.done',
      entityType: 'commitment',
      entityId: id,
      accountId: c.account_id,
      caseId: c.case_id,
      changes: { status: { from: 'open', to: 'done' } },
    });
    const [done] = await listCommitments(trx, { id });
    return done!;
  });
}
