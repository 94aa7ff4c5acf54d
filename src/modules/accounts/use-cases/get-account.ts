import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { timestampsFromJson } from '../../../platform/json-rows';
import { toBillingSummary } from '../../billing';
import { toCaseSummary } from '../../cases';
import { toCommitment } from '../../notes';
import { lockStateOf } from '../../verification';
import { type AccountViewRow, findAccountViewOrThrow } from '../accounts.repository';

/**
 * The account's whole situation for the agent on the call: holder and representatives, contact,
 * subscriptions, orders, payments, open invoices with the outstanding and overdue balance, store
 * credit, the latest cases, the promises still open (overdue by the company's calendar) and the
 * verification lock. One statement (see findAccountViewOrThrow); each part is mapped by the
 * module that owns it.
 */
export async function getAccount(deps: UseCaseDeps, input: { accountId: string }) {
  const now = deps.clock.now();
  const today = businessDate(now, deps.config.timeZone);
  const view = await findAccountViewOrThrow(deps.db, input.accountId);
  return {
    account: holderOf(view, now),
    representatives: representativesOf(view),
    ...toBillingSummary(view.billing, { today, currency: view.currency }),
    cases: view.cases.map(timestampsFromJson).map(toCaseSummary),
    openCommitments: openCommitmentsOf(view, today),
  };
}

export type AccountView = Awaited<ReturnType<typeof getAccount>>;

function holderOf(a: AccountViewRow, now: Date) {
  return {
    id: a.id,
    accountNumber: a.account_number,
    status: a.status,
    firstName: a.first_name,
    lastName: a.last_name,
    email: a.email,
    phone: a.phone,
    phoneE164: a.phone_e164,
    street: a.street,
    postalCode: a.postal_code,
    city: a.city,
    country: a.country,
    language: a.language,
    acquisitionChannel: a.acquisition_channel,
    currency: a.currency,
    signupAt: a.signup_at,
    tenureMonths: monthsBetween(a.signup_at, now),
    verification: lockStateOf(
      {
        failures: a.verification_failures,
        locked_until: a.verification_locked_until,
        flagged_at: a.verification_flagged_at,
      },
      now,
    ),
  };
}

/** Whole months from signup to now (a month counts once its day of the month has come). */
function monthsBetween(from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return Math.max(0, to.getUTCDate() < from.getUTCDate() ? months - 1 : months);
}

function representativesOf(view: AccountViewRow) {
  return view.representatives.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    relationship: r.relationship,
    email: r.email,
    phone: r.phone,
    canCancel: r.can_cancel,
    canRequestRefunds: r.can_request_refunds,
  }));
}

function openCommitmentsOf(view: AccountViewRow, today: string) {
  return view.commitments.map((row) => {
    const c = toCommitment(timestampsFromJson(row), today);
    return {
      id: c.id,
      description: c.description,
      owner: c.owner,
      dueOn: c.dueOn,
      overdue: c.overdue,
      noteId: c.noteId,
      caseId: c.caseId,
      caseNumber: c.caseNumber,
    };
  });
}
