import { describe, expect, it } from 'vitest';
import { berlin, eur, FIRST_SUBSCRIPTION_PAYMENT, facts } from '../../../test/policy-facts';
import { newId } from '../../platform/ids';
import { DEFAULT_POLICY } from '../policy';
import {
  cancellationReference,
  dataExportUntil,
  effectiveOnFor,
  lastBillingOn,
  refundFor,
  serviceUntil,
  todayOf,
} from './rules';
import { formatDay } from './wording';

// The effective-date and refund rules of a cancellation, table-driven with frozen instants.

const POLICY = { version: 1, document: DEFAULT_POLICY };

describe('the effective date', () => {
  it.each([
    // period, today, period_end → effective, service until
    [{ start: '2026-01-31', end: '2026-02-28' }, '2026-02-10', '2026-02-28', '2026-02-27'],
    [{ start: '2028-01-31', end: '2028-02-29' }, '2028-02-10', '2028-02-29', '2028-02-28'],
    [{ start: '2028-02-29', end: '2029-02-28' }, '2028-06-01', '2029-02-28', '2029-02-27'],
    [{ start: '2026-03-01', end: '2027-03-01' }, '2026-05-04', '2027-03-01', '2027-02-28'],
    [{ start: '2027-03-01', end: '2028-03-01' }, '2027-05-04', '2028-03-01', '2028-02-29'],
    [{ start: '2026-12-01', end: '2027-01-01' }, '2026-12-31', '2027-01-01', '2026-12-31'],
  ])(
    'at period end of %j on %s is %s, the service running through %s',
    (period, today, effectiveOn, until) => {
      expect(effectiveOnFor('period_end', period, today)).toBe(effectiveOn);
      expect(serviceUntil('period_end', period, today)).toBe(until);
      expect(lastBillingOn(period)).toBe(period.start);
    },
  );

  it('is today when immediate, and today when the period is already over but not renewed', () => {
    const period = { start: '2026-03-01', end: '2026-04-01' };
    expect(effectiveOnFor('immediate', period, '2026-03-15')).toBe('2026-03-15');
    expect(serviceUntil('immediate', period, '2026-03-15')).toBe('2026-03-15');
    expect(effectiveOnFor('period_end', period, '2026-04-03')).toBe('2026-04-03');
  });

  it.each([
    // instant in UTC → the company's calendar day
    ['2026-06-30T21:59:59Z', '2026-06-30'],
    ['2026-06-30T22:00:00Z', '2026-07-01'], // CEST: 00:00 in Berlin
    ['2026-12-31T22:59:59Z', '2026-12-31'],
    ['2026-12-31T23:00:00Z', '2027-01-01'], // CET: 00:00 in Berlin
    ['2026-03-29T00:30:00Z', '2026-03-29'], // the night the clocks go forward
    ['2026-10-24T22:30:00Z', '2026-10-25'], // the night the clocks go back, 00:30 CEST
    ['2026-10-25T22:30:00Z', '2026-10-25'], // 23:30 CET, the same long day
  ])('of an immediate cancellation at %s is %s in Berlin', (at, day) => {
    const today = todayOf(new Date(at), 'Europe/Berlin');
    expect(today).toBe(day);
    expect(effectiveOnFor('immediate', { start: '2026-01-01', end: '2027-01-01' }, today)).toBe(day);
  });

  it('leaves 30 days to export the data, across month ends and leap days', () => {
    expect(dataExportUntil('2027-03-01')).toBe('2027-03-31');
    expect(dataExportUntil('2028-02-01')).toBe('2028-03-02');
    expect(dataExportUntil('2027-02-01')).toBe('2027-03-03');
    expect(dataExportUntil('2026-12-15')).toBe('2027-01-14');
  });

  it('is written the way a German and an English customer read it', () => {
    expect(formatDay('2027-03-01', 'de')).toBe('01.03.2027');
    expect(formatDay('2027-03-01', 'en')).toBe('1 March 2027');
  });
});

/** An annual plan of 120 € signed up for on `signedUp` (Berlin wall clock), its current period paid then or by a renewal. */
function annual(input: { signedUp: string; period: { start: string; end: string }; renewed: boolean }) {
  return facts(
    {
      payment: { paid: eur(12_000), purchasedAt: berlin(`${input.period.start} 09:00`).toISOString() },
      subscription: {
        signedUpAt: berlin(input.signedUp).toISOString(),
        isFirstPayment: !input.renewed,
        interval: 'annual',
        period: input.period,
        lastRenewedAt: input.renewed ? berlin(`${input.period.start} 09:00`).toISOString() : null,
      },
      requested: null,
    },
    FIRST_SUBSCRIPTION_PAYMENT,
  );
}

describe('the refund on cancelling', () => {
  it('is none at period end, whatever the policy would give', () => {
    const f = annual({
      signedUp: '2026-05-01 10:00',
      period: { start: '2026-05-01', end: '2027-05-01' },
      renewed: false,
    });
    expect(refundFor('period_end', f, POLICY, berlin('2026-05-04 10:00'))).toMatchObject({
      amount: eur(0),
      basis: null,
      policyVersion: null,
    });
  });

  it('gives a first annual payment back in full inside the guarantee or withdrawal period', () => {
    const f = annual({
      signedUp: '2026-04-20 10:00',
      period: { start: '2026-04-20', end: '2027-04-20' },
      renewed: false,
    });
    const refund = refundFor('immediate', f, POLICY, berlin('2026-05-10 10:00'));
    expect(refund.amount).toEqual(eur(12_000));
    expect(refund.basis).toBe('guarantee');
    expect(refund.policyVersion).toBe(1);
  });

  it.each([
    // period, cancelled on (Berlin), whole months unused of 12
    [{ start: '2026-03-01', end: '2027-03-01' }, '2026-05-04 10:00', 9],
    [{ start: '2026-03-01', end: '2027-03-01' }, '2027-02-28 23:30', 0],
    [{ start: '2027-02-28', end: '2028-02-28' }, '2027-08-28 12:00', 6],
    // 29 March 2028 + 11 months is 28 February 2029 (no 29th), the period's end: 11 whole months
    [{ start: '2028-02-29', end: '2029-02-28' }, '2028-03-29 12:00', 11],
    [{ start: '2026-01-31', end: '2027-01-31' }, '2026-02-28 12:00', 11],
  ])(
    'refunds a renewed annual plan of %j cancelled on %s for %i unused whole months',
    (period, at, months) => {
      const f = annual({ signedUp: '2024-01-10 10:00', period, renewed: true });
      const refund = refundFor('immediate', f, POLICY, berlin(at));
      expect(refund.amount).toEqual(eur(Math.round((12_000 * months) / 12)));
      expect(refund.basis).toBe(months > 0 ? 'pro_rata' : null);
    },
  );

  it('gives a renewal payment back in full within the return window on the renewal day (before pro rata)', () => {
    const f = annual({
      signedUp: '2024-01-10 10:00',
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    // 00:30 on 1 March in Berlin is still 28 February in UTC: the day counts in Berlin
    expect(refundFor('immediate', f, POLICY, berlin('2026-03-01 00:30'))).toMatchObject({
      amount: eur(12_000),
      basis: 'return_window',
    });
    expect(refundFor('immediate', f, POLICY, berlin('2026-03-20 12:00'))).toMatchObject({
      amount: eur(11_000),
      basis: 'pro_rata',
    });
  });

  it('counts the day in Berlin, not in UTC: 23:30 UTC on the last day of a month is the next day', () => {
    const f = annual({
      signedUp: '2024-01-10 10:00',
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    // 30 April 23:30 UTC is 1 May 01:30 in Berlin: 10 whole months to 1 March, not 10 from 30 April
    expect(refundFor('immediate', f, POLICY, new Date('2026-04-30T23:30:00Z')).amount).toEqual(eur(10_000));
    expect(refundFor('immediate', f, POLICY, new Date('2026-04-30T21:30:00Z')).amount).toEqual(eur(10_000));
    expect(refundFor('immediate', f, POLICY, new Date('2026-05-01T22:30:00Z')).amount).toEqual(eur(9_000));
  });

  it('names the role whose approval limit covers the refund', () => {
    const f = annual({
      signedUp: '2026-04-20 10:00',
      period: { start: '2026-04-20', end: '2027-04-20' },
      renewed: false,
    });
    const strict = {
      version: 2,
      document: {
        ...DEFAULT_POLICY,
        version: 2,
        approvalLimits: {
          ...DEFAULT_POLICY.approvalLimits,
          inPolicy: { agent: 10_000, lead: 100_000, admin: null },
        },
      },
    };
    expect(refundFor('immediate', f, POLICY, berlin('2026-05-10 10:00')).roleNeeded).toBe('agent');
    expect(refundFor('immediate', f, strict, berlin('2026-05-10 10:00')).roleNeeded).toBe('lead');
    expect(refundFor('period_end', f, strict, berlin('2026-05-10 10:00')).roleNeeded).toBe('agent');
  });

  it('gives nothing for a renewed monthly plan (the policy pro-rates annual plans only), nor without a payment', () => {
    const monthly = facts(
      {
        subscription: { isFirstPayment: false, signedUpAt: berlin('2025-01-01 10:00').toISOString() },
        payment: { purchasedAt: berlin('2026-04-01 09:00').toISOString() },
        requested: null,
      },
      FIRST_SUBSCRIPTION_PAYMENT,
    );
    expect(refundFor('immediate', monthly, POLICY, berlin('2026-04-20 10:00'))).toMatchObject({
      amount: eur(0),
      basis: null,
    });
    expect(refundFor('immediate', null, POLICY, berlin('2026-04-20 10:00'))).toMatchObject({
      amount: eur(0),
      basis: null,
    });
  });
});

describe('the cancellation reference', () => {
  it('is KND- and twelve characters of the request id’s random part, distinct over many requests', () => {
    const now = new Date('2026-05-04T09:00:00Z');
    const ids = Array.from({ length: 20_000 }, () => newId('cnc', now));
    const references = ids.map(cancellationReference);
    expect(references.every((r) => /^KND-[0-9A-Z]{12}$/.test(r))).toBe(true);
    expect(references[0]).toBe(`KND-${ids[0]!.slice(-12).toUpperCase()}`);
    // the same millisecond for all: only the random part tells them apart
    expect(new Set(references).size).toBe(references.length);
  });
});
