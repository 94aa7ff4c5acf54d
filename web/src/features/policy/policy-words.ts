import type { TFunction } from 'i18next';
import { money } from '../../lib/format';
import type { PolicyChange } from './policy.queries';

// The diff of a draft in words: each changed field by its name in the UI language, its values as
// the editor shows them (euros, percent, days), not as stored (minor units, basis points).

export const CATEGORIES = ['subscription', 'digital', 'physical', 'service'] as const;
export type Category = (typeof CATEGORIES)[number];
export const LIMIT_ROLES = ['agent', 'lead', 'admin'] as const;

/** The name of a field of the policy, by its dotted path; paths without a name are shown as they are. */
export function fieldName(path: string, t: TFunction): string {
  const p = path.split('.');
  const category = (c: string | undefined) => t(`policy.category.${c}`);
  if (p[0] === 'returnWindows')
    return t(`policy.field.window.${p[2] ?? 'days'}`, { category: category(p[1]) });
  if (p[0] === 'restockingFee' && p[1] === 'bps')
    return t('policy.field.restockingFee', { category: category(p[2]) });
  if (p[0] === 'approvalLimits')
    return t('policy.field.approvalLimit', { kind: t(`policy.limitKind.${p[1]}`), role: t(`roles.${p[2]}`) });
  if (p[0] === 'reasons') return t(`policy.field.reason.${p[2]}`, { code: p[1] });
  const key = `policy.field.${path}`;
  const named = t(key);
  return named === key ? path : named;
}

/** A value of that field as the editor writes it. */
export function fieldValue(path: string, value: unknown, t: TFunction): string {
  if (value === null || value === undefined)
    return path.startsWith('approvalLimits') ? t('policy.noLimit') : '–';
  if (typeof value === 'number') {
    if (path.endsWith('Minor') || path.startsWith('approvalLimits')) return money(value);
    if (path.startsWith('restockingFee.bps'))
      return `${(value / 100).toLocaleString(t('policy.numberLocale'))} %`;
    return value.toLocaleString(t('policy.numberLocale'));
  }
  if (typeof value === 'boolean') return value ? t('policy.yes') : t('policy.no');
  if (Array.isArray(value)) {
    const words = value.map((v) =>
      (CATEGORIES as readonly unknown[]).includes(v) ? t(`policy.category.${v}`) : String(v),
    );
    return words.length ? words.join(', ') : t('policy.none');
  }
  if (value === 'purchase' || value === 'delivery') return t(`policy.from.${value}`);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One change as a line: "Rückgabefenster Waren (Tage): 30 → 45". */
export function changeText(change: PolicyChange, t: TFunction): string {
  return `${fieldName(change.path, t)}: ${fieldValue(change.path, change.before, t)} → ${fieldValue(change.path, change.after, t)}`;
}
