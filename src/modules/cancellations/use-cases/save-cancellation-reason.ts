import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { CancellationErrors } from '../cancellations.errors';
import { findNewestReason, insertReasonVersion, serializeReason } from '../cancellations.repository';
import type { SaveCancellationReasonBody } from '../cancellations.schemas';

/**
 * An admin's change to the reason taxonomy, as a new version (never an update): renaming,
 * retiring or adding a reason leaves every recorded request with the label of its own version. A
 * new reason is a selectable leaf under a group (or at the top level).
 */
export async function saveCancellationReason(
  deps: UseCaseDeps,
  input: { code: string; body: SaveCancellationReasonBody },
) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await serializeReason(trx, input.code);
    const current = await findNewestReason(trx, input.code);
    const parentCode = current ? current.parent_code : (input.body.parentCode ?? null);
    if (!current && parentCode !== null) {
      const parent = await findNewestReason(trx, parentCode);
      if (!parent || parent.is_selectable || parent.parent_code !== null)
        throw new DomainError(
          CancellationErrors.CANCELLATION_REASON_PARENT_INVALID,
          `${parentCode} is not a group of the taxonomy`,
          { field: 'body.parentCode' },
        );
    }
    const row = {
      code: input.code,
      version: (current?.version ?? 0) + 1,
      parent_code: parentCode,
      label_de: input.body.labelDe,
      label_en: input.body.labelEn,
      position: current?.position ?? 80,
      is_selectable: current?.is_selectable ?? true,
      needs_competitor: input.body.needsCompetitor ?? current?.needs_competitor ?? false,
      is_retired: input.body.retired ?? current?.is_retired ?? false,
      created_by: deps.actor.id,
      created_at: now,
    };
    await insertReasonVersion(trx, row);
    await writeAudit(trx, deps.actor, now, {
      action: current ? 'cancellation_reason.revised' : 'cancellation_reason.created',
      entityType: 'cancellation_reason',
      entityId: input.code,
      changes: {
        version: row.version,
        label: {
          from: current ? { de: current.label_de, en: current.label_en } : null,
          to: { de: row.label_de, en: row.label_en },
        },
        retired: row.is_retired,
        needsCompetitor: row.needs_competitor,
      },
    });
    return {
      code: row.code,
      version: row.version,
      parentCode: row.parent_code,
      label: { de: row.label_de, en: row.label_en },
      selectable: row.is_selectable,
      needsCompetitor: row.needs_competitor,
      retired: row.is_retired,
    };
  });
}
