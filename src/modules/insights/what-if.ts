import { DomainError } from '../../platform/errors';
import { diffPolicies, type PolicyDocument, PRODUCT_CATEGORIES, policyDocument } from '../policy';
import { InsightsErrors } from './insights.errors';
import type { PolicyAdjustments } from './insights.schemas';

// The what-if, pure: a lead's few named adjustments (a longer return window, a higher goodwill
// limit) applied to a published policy document, checked like a document an admin saves, and the
// changes they make by dotted path. Nothing here is stored: the simulator replays the result.

const FIELD = 'body.adjustments';

/** The request field a policy path came from, so a refused document names what the lead typed. */
function fieldOf(path: PropertyKey[]): string {
  const [head, key, leaf] = path.map(String);
  if (head === 'returnWindows' && key && (leaf === undefined || leaf === 'days'))
    return `${FIELD}.returnWindowDays.${key}`;
  if (head === 'goodwill') return `${FIELD}.goodwillMaxPerRequestMinor`;
  return FIELD;
}

/**
 * `document` with the adjustments applied, validated as a policy document. A category without a
 * return window (not refundable) cannot get one here: that is a change of the policy's rules, for
 * an admin's draft.
 */
export function adjustPolicy(
  document: PolicyDocument,
  adjustments: PolicyAdjustments,
): { document: PolicyDocument; changes: Array<{ path: string; before: unknown; after: unknown }> } {
  const next = structuredClone(document);
  for (const category of PRODUCT_CATEGORIES) {
    const days = adjustments.returnWindowDays?.[category];
    if (days === undefined) continue;
    const window = next.returnWindows[category];
    if (!window)
      throw new DomainError(
        InsightsErrors.SIMULATION_ADJUSTMENT_INVALID,
        `Policy version ${document.version} has no return window for ${category}`,
        { field: `${FIELD}.returnWindowDays.${category}` },
      );
    next.returnWindows[category] = { ...window, days };
  }
  if (adjustments.goodwillMaxPerRequestMinor !== undefined)
    next.goodwill = { ...next.goodwill, maxPerRequestMinor: adjustments.goodwillMaxPerRequestMinor };
  const checked = policyDocument.safeParse(next);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new DomainError(
      InsightsErrors.SIMULATION_ADJUSTMENT_INVALID,
      `${issue.path.join('.')}: ${issue.message}`,
      { field: fieldOf(issue.path) },
    );
  }
  const changes = diffPolicies(document, checked.data).map(({ path, before, after }) => ({
    path,
    before,
    after,
  }));
  return { document: checked.data, changes };
}
