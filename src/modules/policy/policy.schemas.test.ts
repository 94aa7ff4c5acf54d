import { describe, expect, it } from 'vitest';
import { policy, weighing } from '../../../test/policy-facts';
import { wordedIssues } from '../../platform/http/validation-messages';
import { DEFAULT_POLICY } from './default-policy';
import { type PolicyDocument, policyDocument } from './policy.schemas';

const pathsOf = (input: unknown) =>
  (policyDocument.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));

describe('the policy document', () => {
  it('ships German-market defaults that pass their own validation', () => {
    const parsed = policyDocument.safeParse(DEFAULT_POLICY);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(DEFAULT_POLICY.withdrawal.days).toBe(14);
    expect(DEFAULT_POLICY.defects.warrantyMonths).toBe(24);
    expect(DEFAULT_POLICY.approvalLimits.exception).toEqual({ agent: 0, lead: 50_000, admin: null });
  });

  it('takes Europe/Berlin when no time zone is given', () => {
    const { timeZone: _, ...withoutZone } = DEFAULT_POLICY;
    expect(policyDocument.parse(withoutZone).timeZone).toBe('Europe/Berlin');
  });

  const edits: Array<[string, PolicyDocument | Record<string, unknown>, string]> = [
    [
      'a window of zero days',
      policy({ returnWindows: { physical: { days: 0, from: 'delivery' } } }),
      'returnWindows.physical.days',
    ],
    [
      'a window of a day and a half',
      policy({ returnWindows: { physical: { days: 1.5, from: 'delivery' } } }),
      'returnWindows.physical.days',
    ],
    [
      'a window counted from nowhere',
      policy({ returnWindows: { service: { days: 14, from: 'order' as 'purchase' } } }),
      'returnWindows.service.from',
    ],
    [
      'a subscription window counted from delivery',
      policy({ returnWindows: { subscription: { days: 7, from: 'delivery' } } }),
      'returnWindows.subscription.from',
    ],
    [
      'a refundable category without a window',
      policy({ nonRefundableCategories: [] }),
      'returnWindows.digital',
    ],
    [
      'a non-refundable category with a window',
      policy({ nonRefundableCategories: ['digital', 'physical'] }),
      'returnWindows.physical',
    ],
    [
      'a category named twice',
      policy({ nonRefundableCategories: ['digital', 'digital'] }),
      'nonRefundableCategories',
    ],
    [
      'a withdrawal period under the statutory 14 days',
      policy({ withdrawal: { days: 10 } }),
      'withdrawal.days',
    ],
    [
      'a restocking fee over 100 %',
      policy({ restockingFee: { bps: { physical: 10_001 } } }),
      'restockingFee.bps.physical',
    ],
    [
      'a lead limit below the agent limit',
      policy({ approvalLimits: { inPolicy: { agent: 25_000, lead: 10_000 } } }),
      'approvalLimits.inPolicy.lead',
    ],
    [
      'an admin limit below the lead limit',
      policy({ approvalLimits: { exception: { admin: 100 } } }),
      'approvalLimits.exception.admin',
    ],
    [
      'a lead without a limit (only the admin may have none)',
      policy({ approvalLimits: { exception: { lead: null as unknown as number } } }),
      'approvalLimits.exception.lead',
    ],
    [
      'a lead limit below the agent limit for exceptions',
      policy({ approvalLimits: { exception: { agent: 60_000 } } }),
      'approvalLimits.exception.lead',
    ],
    [
      'a negative agent limit',
      policy({ approvalLimits: { exception: { agent: -1 } } }),
      'approvalLimits.exception.agent',
    ],
    [
      'a defect reason the policy does not know',
      policy({ defects: { reasonCodes: ['defect', 'broken'] } }),
      'defects.reasonCodes.1',
    ],
    [
      'a reason code with capitals',
      policy({ reasons: { ...DEFAULT_POLICY.reasons, Broken: { de: 'x', en: 'x', points: 0 } } }),
      'reasons.Broken',
    ],
    [
      'reason points beyond 100',
      policy({ reasons: { ...DEFAULT_POLICY.reasons, price: { de: 'Preis', en: 'Price', points: 150 } } }),
      'reasons.price.points',
    ],
    [
      'partial refunds from a higher score than full ones',
      policy({ scoring: { partialFrom: 50 } }),
      'scoring.partialFrom',
    ],
    ['every weight zero', weighing({}), 'scoring.weights'],
    [
      'a goodwill limit per request above the 12-month amount',
      policy({ goodwill: { maxPerRequestMinor: 60_000 } }),
      'goodwill.maxPerRequestMinor',
    ],
    ['an unknown time zone', policy({ timeZone: 'Mars/Olympus' }), 'timeZone'],
    ['a currency that is no ISO code', policy({ currency: 'euro' }), 'currency'],
    ['a version zero', policy({ version: 0 }), 'version'],
    ['an effective date that is no day', policy({ effectiveFrom: '2026-02-30' }), 'effectiveFrom'],
    ['a burst of one request', policy({ abuse: { burstCount: 1 } }), 'abuse.burstCount'],
  ];

  it.each(edits)('refuses %s, naming the field', (_, input, path) => {
    expect(pathsOf(input)).toEqual([path]);
  });

  it('refuses a policy without reasons, naming the reasons and the defect codes that lost theirs', () => {
    expect(pathsOf({ ...DEFAULT_POLICY, reasons: {} })).toEqual([
      'defects.reasonCodes.0',
      'defects.reasonCodes.1',
      'reasons',
    ]);
  });

  it('refuses fields it does not know', () => {
    const issues =
      policyDocument.safeParse({ ...DEFAULT_POLICY, refundEverything: true }).error?.issues ?? [];
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([['unrecognized_keys', '']]);
  });

  it('words its own checks in German for German callers', () => {
    const bad = policy({ approvalLimits: { inPolicy: { agent: 25_000, lead: 10_000 } } });
    expect(wordedIssues(policyDocument, bad, 'de')).toEqual([
      {
        path: ['approvalLimits', 'inPolicy', 'lead'],
        message: 'Muss mindestens die Grenze der Rolle darunter sein',
      },
    ]);
    expect(wordedIssues(policyDocument, bad, 'en')?.[0]?.message).toBe(
      'must be at least the limit of the role below it',
    );
  });
});
