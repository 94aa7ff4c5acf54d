import { addDays, startOfBusinessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import {
  evaluateOutcome,
  getPolicyDraft,
  getPolicyInForce,
  getPolicyVersion,
  type PolicyDocument,
} from '../../policy';
import { listStoredEvaluations } from '../../refunds';
import type { SimulatePolicyBody } from '../insights.schemas';
import {
  addToSimulation,
  finishSimulation,
  newSimulation,
  SIMULATION_LIST_LIMIT,
  type SimulationSummary,
} from '../simulation';
import { adjustPolicy } from '../what-if';

type SimulatedPolicy = {
  source: 'draft' | 'version' | 'adjusted';
  version: number | null;
  basedOn: number | null;
  changes?: Array<{ path: string; before: unknown; after: unknown }>;
};

/** Evaluations between two turns of the event loop. */
const REPLAY_SLICE = 200;

/**
 * Replays every refund request recorded in the period against a policy (the admin's draft, a
 * published version, or a what-if: adjustments applied to the version in force) with the same
 * pure evaluation, each on its stored facts at its stored time, and sums up what would have
 * changed against what the stored evaluation said. Read only: nothing is saved or published.
 */
export async function simulatePolicy(
  deps: UseCaseDeps,
  input: SimulatePolicyBody,
): Promise<SimulationSummary & { policy: SimulatedPolicy }> {
  const { document, policy } = await policyFor(deps, input);
  const from = startOfBusinessDate(input.from, deps.config.timeZone);
  const to = startOfBusinessDate(addDays(input.to, 1), deps.config.timeZone);
  const sim = newSimulation(input.currency);
  const filter = { from, to, channel: input.channel, reasonCode: input.reason };
  for await (const batch of listStoredEvaluations(deps, filter))
    for (const [i, stored] of batch.entries()) {
      // let the event loop send the next page's query and take in its rows meanwhile (the
      // database reads it on its own core), and answer other requests: a replay takes seconds
      if (i % REPLAY_SLICE === REPLAY_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
      addToSimulation(sim, stored, evaluateOutcome(stored.facts, document, stored.evaluatedAt));
    }
  return { policy, ...finishSimulation(sim, SIMULATION_LIST_LIMIT) };
}

async function policyFor(
  deps: UseCaseDeps,
  input: SimulatePolicyBody,
): Promise<{ document: PolicyDocument; policy: SimulatedPolicy }> {
  if (input.adjustments) {
    const base =
      input.version === undefined
        ? await getPolicyInForce(deps)
        : await getPolicyVersion(deps, { version: input.version, field: 'body.version' });
    const adjusted = adjustPolicy(base.document, input.adjustments);
    return {
      document: adjusted.document,
      policy: { source: 'adjusted', version: null, basedOn: base.version, changes: adjusted.changes },
    };
  }
  if (input.version === undefined) {
    const draft = await getPolicyDraft(deps, { field: 'body.version' });
    return { document: draft.document, policy: { source: 'draft', version: null, basedOn: draft.basedOn } };
  }
  const published = await getPolicyVersion(deps, { version: input.version, field: 'body.version' });
  return {
    document: published.document,
    policy: { source: 'version', version: input.version, basedOn: null },
  };
}
