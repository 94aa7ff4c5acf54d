import type { UseCaseDeps } from '../../../platform/deps';
import { findStaffById } from '../../staff';
import { renderDigest, type WeeklyDigest } from '../digest';
import { dashboardUrlOf, reasonLabels } from '../digest-context';
import { getWeeklyDigest } from './get-weekly-digest';

/** A week's digest with the e-mail as the calling lead (or admin) would receive it, in their language. */
export async function getWeeklyDigestPreview(
  deps: UseCaseDeps,
  input: { week?: string },
): Promise<WeeklyDigest & { preview: { subject: string; text: string } }> {
  const [digest, labels, me] = await Promise.all([
    getWeeklyDigest(deps, input),
    reasonLabels(deps),
    deps.actor.id ? findStaffById(deps.db, deps.actor.id) : undefined,
  ]);
  const rendered = renderDigest(
    digest,
    { name: me?.display_name ?? '', language: me?.locale ?? 'de' },
    labels,
    dashboardUrlOf(deps, digest),
  );
  return { ...digest, preview: { subject: rendered.subject, text: rendered.text } };
}
