import { useTranslation } from 'react-i18next';
import { useStaff } from '../staff/staff.queries';
import { type RefundReasons, useRefundReasons } from './refunds.queries';

/** The policy's reasons in the UI language, alphabetically, "other" last. */
export function reasonOptions(reasons: RefundReasons | undefined, lang: 'de' | 'en') {
  return (reasons?.items ?? [])
    .map((r) => ({ value: r.code, label: r[lang] }))
    .sort((a, b) =>
      a.value === 'other' ? 1 : b.value === 'other' ? -1 : a.label.localeCompare(b.label, lang),
    );
}

/** A reason code's label in the UI language (the code itself for a reason no longer in the policy). */
export function useReasonLabel() {
  const { i18n } = useTranslation();
  const reasons = useRefundReasons();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  return (code: string) => reasons.data?.items.find((r) => r.code === code)?.[lang] ?? code;
}

/** A staff member's name by id. */
export function useStaffName() {
  const staff = useStaff();
  return (id: string) => staff.data?.items.find((s) => s.id === id)?.displayName ?? '–';
}

export const ROLE_ORDER = ['agent', 'lead', 'admin'] as const;
export const atLeast = (role: string | undefined, needed: string) =>
  ROLE_ORDER.indexOf(role as (typeof ROLE_ORDER)[number]) >=
  ROLE_ORDER.indexOf(needed as (typeof ROLE_ORDER)[number]);
