import { addMoney, compareMoney, type Money, money, subtractMoney } from '../../platform/money';
import type { Role } from '../../platform/roles';
import type { Decision, Evaluation } from '../policy';
import type { StoredEvaluation } from '../refunds';

// The policy simulator's arithmetic, pure: each stored request's evaluation then (as stored) and
// under the simulated policy (evaluate on the stored facts at the stored time), added up into
// what would change — decisions flipped each way, the money recommended, the approvals needed,
// the exceptions — overall, by reason and by product category, with the changed requests listed.

/** At most this many changed requests are listed one by one (the totals count all). */
export const SIMULATION_LIST_LIMIT = 500;

export interface Outcome {
  decision: Decision;
  recommended: Money;
  inPolicy: boolean;
  role: Role;
}

export interface ChangedRequest {
  requestId: string;
  caseId: string;
  reasonCode: string;
  category: string;
  evaluatedAt: Date;
  before: Outcome;
  after: Outcome;
  difference: Money;
}

interface Group {
  key: string;
  requests: number;
  changed: number;
  before: Money;
  after: Money;
}

const DECISIONS: Decision[] = ['approve', 'approve_partial', 'deny', 'escalate'];
const ROLES: Role[] = ['agent', 'lead', 'admin'];
const counts = <K extends string>(keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function newSimulation(currency: string) {
  return {
    currency,
    requests: 0,
    changed: 0,
    skippedOtherCurrency: 0,
    decisions: { before: counts(DECISIONS), after: counts(DECISIONS) },
    flips: new Map<string, number>(),
    roles: { before: counts(ROLES), after: counts(ROLES) },
    exceptions: { before: 0, after: 0 },
    recommended: { before: money(0, currency), after: money(0, currency) },
    byReason: new Map<string, Group>(),
    byCategory: new Map<string, Group>(),
    changedRequests: [] as ChangedRequest[],
  };
}
export type Simulation = ReturnType<typeof newSimulation>;

/** Whether the simulated policy would have answered the request differently. */
export function differs(before: Outcome, after: Outcome): boolean {
  return (
    before.decision !== after.decision ||
    compareMoney(before.recommended, after.recommended) !== 0 ||
    before.inPolicy !== after.inPolicy ||
    before.role !== after.role
  );
}

export function outcomeOf(evaluation: Evaluation): Outcome {
  return {
    decision: evaluation.decision,
    recommended: evaluation.recommended,
    inPolicy: evaluation.inPolicy,
    role: evaluation.approval.recommended,
  };
}

export function addToSimulation(sim: Simulation, stored: StoredEvaluation, evaluation: Evaluation): void {
  if (stored.before.recommended.currency !== sim.currency) {
    sim.skippedOtherCurrency++;
    return;
  }
  const before: Outcome = stored.before;
  const after = outcomeOf(evaluation);
  const changed = differs(before, after);
  sim.requests++;
  sim.decisions.before[before.decision]++;
  sim.decisions.after[after.decision]++;
  sim.roles.before[before.role]++;
  sim.roles.after[after.role]++;
  if (!before.inPolicy) sim.exceptions.before++;
  if (!after.inPolicy) sim.exceptions.after++;
  sim.recommended.before = addMoney(sim.recommended.before, before.recommended);
  sim.recommended.after = addMoney(sim.recommended.after, after.recommended);
  if (before.decision !== after.decision) {
    const flip = `${before.decision}>${after.decision}`;
    sim.flips.set(flip, (sim.flips.get(flip) ?? 0) + 1);
  }
  const category = stored.facts.payment.category ?? 'unknown';
  addToGroup(sim, sim.byReason, stored.reasonCode, before, after, changed);
  addToGroup(sim, sim.byCategory, category, before, after, changed);
  if (!changed) return;
  sim.changed++;
  sim.changedRequests.push({
    requestId: stored.requestId,
    caseId: stored.caseId,
    reasonCode: stored.reasonCode,
    category,
    evaluatedAt: stored.evaluatedAt,
    before,
    after,
    difference: subtractMoney(after.recommended, before.recommended),
  });
}

function addToGroup(
  sim: Simulation,
  groups: Map<string, Group>,
  key: string,
  before: Outcome,
  after: Outcome,
  changed: boolean,
) {
  let g = groups.get(key);
  if (!g) {
    g = { key, requests: 0, changed: 0, before: money(0, sim.currency), after: money(0, sim.currency) };
    groups.set(key, g);
  }
  g.requests++;
  if (changed) g.changed++;
  g.before = addMoney(g.before, before.recommended);
  g.after = addMoney(g.after, after.recommended);
}

const groupView = (g: Group) => ({
  key: g.key,
  requests: g.requests,
  changed: g.changed,
  before: g.before,
  after: g.after,
  difference: subtractMoney(g.after, g.before),
});

/** The summary: totals, flips, groups (most changed first) and the changed requests (largest difference first). */
export function finishSimulation(sim: Simulation, listLimit: number) {
  const byMagnitude = (a: ChangedRequest, b: ChangedRequest) =>
    Math.abs(b.difference.amountMinor) - Math.abs(a.difference.amountMinor) ||
    (a.requestId < b.requestId ? -1 : 1);
  const groups = (m: Map<string, Group>) =>
    [...m.values()].map(groupView).sort((a, b) => b.changed - a.changed || a.key.localeCompare(b.key));
  return {
    currency: sim.currency,
    requests: sim.requests,
    changed: sim.changed,
    skippedOtherCurrency: sim.skippedOtherCurrency,
    decisions: sim.decisions,
    flips: [...sim.flips.entries()]
      .map(([k, count]) => {
        const [from, to] = k.split('>') as [Decision, Decision];
        return { from, to, count };
      })
      .sort((a, b) => b.count - a.count || `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`)),
    approvals: sim.roles,
    exceptions: sim.exceptions,
    recommended: {
      before: sim.recommended.before,
      after: sim.recommended.after,
      difference: subtractMoney(sim.recommended.after, sim.recommended.before),
    },
    byReason: groups(sim.byReason),
    byCategory: groups(sim.byCategory),
    changedRequests: [...sim.changedRequests].sort(byMagnitude).slice(0, listLimit),
    listedAll: sim.changedRequests.length <= listLimit,
  };
}
export type SimulationSummary = ReturnType<typeof finishSimulation>;
