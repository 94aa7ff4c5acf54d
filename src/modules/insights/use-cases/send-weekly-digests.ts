import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { serializeLimit } from '../../../platform/limits';
import { enqueueStaffMessage } from '../../messaging';
import { listActiveStaffWithRoles } from '../../staff';
import { renderDigest } from '../digest';
import { dashboardUrlOf, reasonLabels } from '../digest-context';
import { getWeeklyDigest } from './get-weekly-digest';

export interface SentDigests {
  weekStart: string;
  /** Leads a digest was queued for now. */
  queued: number;
  /** Leads who already had this week's digest (a retried job, a second instance, a resend). */
  alreadySent: number;
}

/**
 * Queues the week's digest (default: the last week that has ended) to every active lead, in their
 * language, exactly once per lead and week: a retried job or a second instance queues nothing new.
 */
export async function sendWeeklyDigests(
  deps: UseCaseDeps,
  input: { week?: string } = {},
): Promise<SentDigests> {
  const digest = await getWeeklyDigest(deps, input);
  const reasonLabel = await reasonLabels(deps);
  const dashboardUrl = dashboardUrlOf(deps, digest);
  return deps.db.transaction().execute(async (trx) => {
    await serializeLimit(trx, `weekly-digest:${digest.weekStart}`);
    const leads = await listActiveStaffWithRoles(trx, ['lead']);
    let queued = 0;
    for (const lead of leads) {
      const rendered = renderDigest(
        digest,
        { name: lead.display_name, language: lead.locale },
        reasonLabel,
        dashboardUrl,
      );
      const message = await enqueueStaffMessage(trx, deps, {
        kind: 'weekly_digest',
        to: lead.email,
        language: lead.locale,
        ...rendered,
        dedupeKey: `weekly-digest:${digest.weekStart}:${lead.id}`,
      });
      if (message) queued++;
    }
    if (queued > 0)
      await writeAudit(trx, deps.actor, deps.clock.now(), {
        action: 'insights.weekly_digest_sent',
        entityType: 'weekly_digest',
        entityId: digest.weekStart,
        changes: { weekStart: digest.weekStart, queued, alreadySent: leads.length - queued },
      });
    return { weekStart: digest.weekStart, queued, alreadySent: leads.length - queued };
  });
}
