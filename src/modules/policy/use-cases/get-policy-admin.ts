import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import {
  findNewestPolicy,
  findPolicyDraft,
  findPolicyVersion,
  listPolicyVersions,
} from '../policy.repository';
import { toDraftView, toVersionSummary } from '../policy-admin-view';
import { toPublishedPolicy } from '../published-policy';
import { getPolicyInForce } from './get-policy-in-force';

/**
 * What the admin's policy page shows: the version in force today, the newest published (it may
 * take effect later), the history, and the draft with its changes against the version it is based on.
 */
export async function getPolicyAdmin(deps: UseCaseDeps) {
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  const [inForce, newestRow, versions, draftRow] = await Promise.all([
    getPolicyInForce(deps, { on: today }),
    findNewestPolicy(deps.db),
    listPolicyVersions(deps.db),
    findPolicyDraft(deps.db),
  ]);
  const summaries = new Map(versions.map((v) => [v.version, toVersionSummary(v)]));
  const newest = toPublishedPolicy(newestRow);
  let draft = null;
  if (draftRow) {
    const base =
      draftRow.based_on === newest.version
        ? newest
        : toPublishedPolicy((await findPolicyVersion(deps.db, draftRow.based_on))!);
    draft = toDraftView(draftRow, base.document, newestRow);
  }
  return {
    today,
    inForce: { ...summaries.get(inForce.version)!, document: inForce.document },
    newest: { ...summaries.get(newest.version)!, document: newest.document },
    versions: [...summaries.values()],
    draft,
  };
}
