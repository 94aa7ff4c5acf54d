import { describe, expect, it } from 'vitest';
import { berlin, policy, variedFacts } from '../../../test/policy-facts';
import { compareMoney } from '../../platform/money';
import { DEFAULT_POLICY } from './default-policy';
import { evaluate, evaluateOutcome } from './evaluate';
import { evaluationResult, refundFacts } from './evaluation.schemas';
import { policyDocument } from './policy.schemas';

const NOW = berlin('2026-06-15 12:00');
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value));
/** A second policy that charges fees on goodwill and counts pro rata by days, so both paths are replayed. */
const VARIANT = policy({
  version: 2,
  restockingFee: { bps: { service: 500 }, appliesTo: ['return_window', 'goodwill'] },
  proRata: { intervals: ['annual', 'monthly'], method: 'unused_days' },
});
const SAMPLE = variedFacts(400, NOW);

describe('an evaluation replayed from what a decision stores', () => {
  it.each([
    ['the default policy', DEFAULT_POLICY],
    ['a variant', VARIANT],
  ])('gives the same result from the stored facts, %s and the time, all through JSON', (_, rules) => {
    for (const input of SAMPLE) {
      const first = evaluate(input, rules, NOW);
      const stored = roundTrip({ facts: input, policy: rules, now: NOW.toISOString() });
      const replayed = evaluate(
        refundFacts.parse(stored.facts),
        policyDocument.parse(stored.policy),
        new Date(stored.now),
      );
      // the strings, not only the values: no -0, no undefined field, no key order that differs
      expect(JSON.stringify(replayed)).toBe(JSON.stringify(first));
      expect(roundTrip(first)).toEqual(first);
    }
  });

  it('gives the simulator the same outcome without the sentences, and words the next evaluation again', () => {
    const unworded = (e: ReturnType<typeof evaluate>) =>
      JSON.parse(JSON.stringify(e), (key, value) => (key === 'de' || key === 'en' ? '' : value));
    for (const input of SAMPLE) {
      const full = evaluate(input, VARIANT, NOW);
      const outcome = evaluateOutcome(input, VARIANT, NOW);
      expect(outcome).toEqual(unworded(full));
      expect(JSON.stringify(outcome).includes('"de":""')).toBe(true);
    }
    // the switch is off again afterwards, also after an evaluation that threw
    expect(() =>
      evaluateOutcome(
        { ...SAMPLE[0]!, payment: { ...SAMPLE[0]!.payment, paid: { amountMinor: 1, currency: 'USD' } } },
        VARIANT,
        NOW,
      ),
    ).toThrow(RangeError);
    expect(evaluate(SAMPLE[0]!, VARIANT, NOW).findings.every((f) => f.de.length > 0)).toBe(true);
  });

  it('answers in the shape of the result schema, which a stored result is validated with', () => {
    for (const input of SAMPLE.slice(0, 100)) {
      const result = evaluate(input, DEFAULT_POLICY, NOW);
      expect(evaluationResult.parse(roundTrip(result))).toEqual(result);
    }
  });

  it('uses facts the facts schema accepts (the replay above validates them)', () => {
    expect(SAMPLE.filter((f) => !refundFacts.safeParse(f).success)).toEqual([]);
  });

  it('covers every basis and every decision with the varied set', () => {
    const results = SAMPLE.map((f) => evaluate(f, DEFAULT_POLICY, NOW));
    expect(new Set(results.map((r) => r.basis))).toEqual(
      new Set(['withdrawal', 'guarantee', 'return_window', 'defect', 'pro_rata', 'goodwill']),
    );
    expect(new Set(results.map((r) => r.decision))).toEqual(
      new Set(['approve', 'approve_partial', 'deny', 'escalate']),
    );
  });

  it('never allows more than is left of the payment, nor recommends more than it allows', () => {
    for (const rules of [DEFAULT_POLICY, VARIANT])
      for (const input of SAMPLE) {
        const r = evaluate(input, rules, NOW);
        expect(compareMoney(r.maxRefundable, r.remainder)).toBeLessThanOrEqual(0);
        expect(compareMoney(r.recommended, r.maxRefundable)).toBeLessThanOrEqual(0);
        expect(r.recommended.amountMinor).toBeGreaterThanOrEqual(0);
        expect(r.restockingFee.amountMinor).toBeGreaterThanOrEqual(0);
        if (r.decision === 'deny') expect(r.recommended.amountMinor).toBe(0);
        if (r.decision === 'approve' || r.decision === 'approve_partial')
          expect(r.recommended.amountMinor).toBeGreaterThan(0);
        expect(r.inPolicy).toBe(r.exception === null);
      }
  });
});
