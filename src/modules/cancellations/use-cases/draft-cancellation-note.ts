import type { UseCaseDeps } from '../../../platform/deps';
import { moneyFromColumn } from '../../../platform/money';
import { findStaffById } from '../../staff';
import type { CancellationRow } from '../cancellations.repository';
import { findCancellationOrThrow, findReasonVersion } from '../cancellations.repository';
import { todayOf } from '../rules';
import { type CancellationNoteDraft, draftCancellationNote, type NoteOutcome } from '../wording';

export interface CancellationNoteDraftResponse extends CancellationNoteDraft {
  accountId: string;
  caseId: string;
  language: 'de' | 'en';
}

/**
 * The account note drafted from a cancellation (reason with the label of its recorded version,
 * what was done, commitments with due dates) in the agent's language, for every outcome:
 * cancelled, retained, withdrawn, revoked; the agent edits it and saves it through createNote.
 */
export async function draftCancellationNoteFor(
  deps: UseCaseDeps,
  input: { cancellationId: string },
): Promise<CancellationNoteDraftResponse> {
  const row = await findCancellationOrThrow(deps.db, input.cancellationId);
  const staff = deps.actor.id ? await findStaffById(deps.db, deps.actor.id) : undefined;
  const language = staff?.locale ?? 'de';
  const reason = await findReasonVersion(deps.db, row.reason_code, row.reason_version);
  const reasonLabel = (language === 'de' ? reason?.label_de : reason?.label_en) ?? row.reason_code;
  const draft = draftCancellationNote(
    {
      reasonLabel,
      customerWords: row.customer_words,
      competitor: row.competitor,
      outcome: outcomeOf(row),
      today: todayOf(deps.clock.now(), deps.config.timeZone),
    },
    language,
  );
  return { accountId: row.account_id, caseId: row.case_id, language, ...draft };
}

function outcomeOf(row: CancellationRow): NoteOutcome {
  switch (row.status) {
    case 'scheduled':
    case 'cancelled':
      return {
        kind: 'cancelled',
        effective: row.effective!,
        effectiveOn: row.effective_on!,
        refund: moneyFromColumn(row.refund_minor ?? 0, row.currency ?? 'EUR'),
        reference: row.reference,
      };
    case 'retained':
      return { kind: 'retained', offerId: row.accepted_offer_id };
    case 'withdrawn':
      return { kind: 'withdrawn' };
    case 'revoked':
      return { kind: 'revoked', reference: row.reference };
    default:
      return { kind: 'open' };
  }
}
