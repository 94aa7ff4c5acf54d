// The policy section of `npm run bench`: how many refund evaluations the pure policy engine
// makes a second over a varied set of requests, alone and with the facts validated first (what
// replaying a stored decision costs). No database: BENCH_ONLY=policy runs anywhere.
import { DEFAULT_POLICY, evaluate, refundFacts } from '../src/modules/policy';
import { berlin, variedFacts } from '../test/policy-facts';
import { out, percentile, table } from './report';

export interface PolicyBenchOptions {
  /** Distinct requests the runs cycle through. */
  facts: number;
  /** Seconds each row runs for. */
  durationS: number;
}

export interface PolicyBenchRow {
  label: string;
  evaluations: number;
  seconds: number;
  perSecond: number;
  p50Us: number;
  p99Us: number;
}

/** Runs `step` over the sample for `durationS`, then times one pass call by call. */
function measure(
  label: string,
  sample: unknown[],
  step: (input: unknown) => void,
  durationS: number,
): PolicyBenchRow {
  for (const input of sample) step(input); // warm the JIT
  let evaluations = 0;
  const started = performance.now();
  const until = started + durationS * 1000;
  while (performance.now() < until) {
    for (const input of sample) step(input);
    evaluations += sample.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const times = sample.map((input) => {
    const t = performance.now();
    step(input);
    return (performance.now() - t) * 1000;
  });
  times.sort((a, b) => a - b);
  return {
    label,
    evaluations,
    seconds,
    perSecond: Math.round(evaluations / seconds),
    p50Us: percentile(times, 50),
    p99Us: percentile(times, 99),
  };
}

export function runPolicyBench(options: PolicyBenchOptions): {
  facts: number;
  basisMix: Record<string, number>;
  rows: PolicyBenchRow[];
} {
  const now = berlin('2026-06-15 12:00');
  const sample = variedFacts(options.facts, now);
  const stored = sample.map((f) => JSON.parse(JSON.stringify(f)) as unknown);
  const basisMix: Record<string, number> = {};
  for (const f of sample) {
    const { basis } = evaluate(f, DEFAULT_POLICY, now);
    basisMix[basis] = (basisMix[basis] ?? 0) + 1;
  }
  const rows = [
    measure('evaluate (pure)', sample, (f) => evaluate(f as never, DEFAULT_POLICY, now), options.durationS),
    measure(
      'validate stored facts + evaluate',
      stored,
      (f) => evaluate(refundFacts.parse(f), DEFAULT_POLICY, now),
      options.durationS,
    ),
  ];
  out();
  out(
    `Refund policy evaluation (${options.facts.toLocaleString('en')} varied requests, default policy, one core; bases: ${Object.entries(
      basisMix,
    )
      .map(([b, n]) => `${b} ${n}`)
      .join(', ')})`,
  );
  table(
    ['what', 'evaluations', 'time', 'evaluations/s', 'µs p50', 'µs p99'],
    rows.map((r) => [
      r.label,
      r.evaluations.toLocaleString('en'),
      `${r.seconds.toFixed(1)} s`,
      r.perSecond.toLocaleString('en'),
      r.p50Us.toFixed(1),
      r.p99Us.toFixed(1),
    ]),
  );
  return { facts: options.facts, basisMix, rows };
}
