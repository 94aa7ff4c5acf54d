import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../platform/normalize';
import { PLANS } from './demo-catalog';
import {
  ACQUISITION_CHANNELS,
  accountNumberOf,
  DEFAULT_DEMO_SEED,
  demoAnswers,
  demoIdentity,
  type GeneratedAccount,
  generateAccount,
  indexOfAccountNumber,
  SUBSCRIPTION_STATES,
} from './generate-demo';
import { Rng } from './prng';

const NOW = new Date('2026-11-02T09:00:00Z');
const TODAY = '2026-11-02';
const STAFF = { agent: 'usr_a', lead: 'usr_l', admin: 'usr_d' };

function generate(count: number, seed = DEFAULT_DEMO_SEED, now = NOW): GeneratedAccount[] {
  return Array.from({ length: count }, (_, i) => generateAccount(i, seed, now, STAFF));
}

describe('the seeded random source', () => {
  it('gives the same numbers for the same seed and different ones for another', () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.uint32()
      )(new Rng(1)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.uint32()
      )(new Rng(1)),
    );
    const c = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.uint32()
      )(new Rng(2)),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(Rng.for(1, 7, 1).uint32()).not.toBe(Rng.for(1, 8, 1).uint32());
  });
});

describe('the demo data generator', () => {
  const accounts = generate(600);

  it('generates identical accounts for the same seed and the same now', () => {
    expect(generate(40)).toEqual(accounts.slice(0, 40));
  });

  it('generates different accounts for a different seed', () => {
    const other = generate(40, 7);
    expect(other.map((a) => a.account.search_name)).not.toEqual(
      accounts.slice(0, 40).map((a) => a.account.search_name),
    );
    expect(other[0]!.account.id).not.toBe(accounts[0]!.account.id);
  });

  it('numbers accounts K1000001, K1000002, ... in generation order', () => {
    expect(accounts.slice(0, 3).map((a) => a.account.account_number)).toEqual([
      'K1000001',
      'K1000002',
      'K1000003',
    ]);
    expect(indexOfAccountNumber('k1000042')).toBe(41);
    expect(accountNumberOf(41)).toBe('K1000042');
    expect(indexOfAccountNumber('1000042')).toBeNull();
    expect(new Set(accounts.map((a) => a.account.id)).size).toBe(accounts.length);
  });

  it('covers every subscription state, acquisition channel and both languages', () => {
    const states = new Set(accounts.flatMap((a) => a.subscriptions.map((s) => s.status)));
    expect([...states].sort()).toEqual([...SUBSCRIPTION_STATES].sort());
    // even a tiny seed shows every state
    const first = new Set(
      generate(SUBSCRIPTION_STATES.length).flatMap((a) => a.subscriptions.map((s) => s.status)),
    );
    expect(first.size).toBe(SUBSCRIPTION_STATES.length);
    expect(new Set(accounts.map((a) => a.account.acquisition_channel))).toEqual(
      new Set(ACQUISITION_CHANNELS),
    );
    const de = accounts.filter((a) => a.account.language === 'de').length / accounts.length;
    expect(de).toBeGreaterThan(0.72);
    expect(de).toBeLessThan(0.88);
    expect(new Set(accounts.flatMap((a) => a.subscriptions.map((s) => s.plan_id)))).toEqual(
      new Set(PLANS.map((p) => p.id)),
    );
    expect(new Set(accounts.flatMap((a) => a.payments.map((p) => p.method)))).toEqual(
      new Set(['card', 'sepa_debit', 'paypal', 'bank_transfer']),
    );
  });

  it('writes names with umlauts and accents, and folds them for the search', () => {
    const names = accounts.map((a) => `${a.account.first_name} ${a.account.last_name}`).join(' ');
    expect(names).toMatch(/[äöüß]/);
    expect(names).toMatch(/[éèëç]/);
    const mueller = accounts.find((a) => a.account.last_name === 'Müller');
    expect(mueller?.account.search_name).toMatch(/ mueller$/);
  });

  it('writes phone numbers in mixed notations that all normalise to E.164', () => {
    const phones = accounts.filter((a) => a.account.phone);
    expect(phones.length).toBeGreaterThan(accounts.length * 0.9);
    for (const a of phones) {
      expect(a.account.phone_e164).toMatch(/^\+[1-9]\d{7,14}$/);
      expect(normalizePhone(a.account.phone!)).toBe(a.account.phone_e164);
    }
    const written = phones.map((a) => a.account.phone!);
    expect(written.some((p) => p.startsWith('+49 '))).toBe(true);
    expect(written.some((p) => p.startsWith('0049 '))).toBe(true);
    expect(written.some((p) => /^0\d+\/\d+$/.test(p))).toBe(true);
    expect(written.some((p) => /^\(0\d+\) /.test(p))).toBe(true);
    expect(written.some((p) => /^0\d+-\d+$/.test(p))).toBe(true);
    expect(written.some((p) => p.startsWith('+44') || p.startsWith('0044'))).toBe(true);
    const emails = accounts.map((a) => a.account.email).filter((e): e is string => e !== null);
    expect(emails.some((e) => e !== e.toLowerCase())).toBe(true);
    for (const a of accounts)
      if (a.account.email) expect(a.account.email_normalized).toBe(a.account.email.toLowerCase());
  });

  it('spreads sign-ups over three years and never dates anything after now', () => {
    const signups = accounts.map((a) => a.account.signup_at.getTime());
    expect(Math.min(...signups)).toBeLessThan(NOW.getTime() - 2.5 * 365 * 86_400_000);
    expect(Math.min(...signups)).toBeGreaterThanOrEqual(NOW.getTime() - 3 * 366 * 86_400_000);
    for (const a of accounts) {
      const instants = [
        a.account.signup_at,
        ...a.payments.map((p) => p.paid_at),
        ...a.invoices.map((i) => i.issued_at),
        ...a.orders.map((o) => o.ordered_at),
        ...a.cases.flatMap((c) => [c.opened_at, c.closed_at]),
        ...a.notes.map((n) => n.created_at),
      ];
      for (const t of instants) expect(t.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('keeps subscription periods consistent with their state', () => {
    for (const s of accounts.flatMap((a) => a.subscriptions)) {
      expect(s.current_period_start < s.current_period_end).toBe(true);
      const live = ['trialing', 'active', 'paused', 'past_due', 'pending_cancellation'].includes(s.status);
      if (live) expect(s.current_period_end >= TODAY).toBe(true);
      else expect(s.current_period_end < TODAY).toBe(true);
      if (['trialing', 'active', 'past_due'].includes(s.status))
        expect(s.next_renewal_on).toBe(s.current_period_end);
      if (s.status === 'paused') expect(s.paused_until! > TODAY).toBe(true);
      if (s.status === 'pending_cancellation') {
        expect(s.cancel_effective_on).toBe(s.current_period_end);
        expect(s.next_renewal_on).toBeNull();
        expect(s.cancelled_at).not.toBeNull();
      }
      if (s.status === 'cancelled') expect(s.cancelled_at!.getTime()).toBeLessThan(NOW.getTime());
      if (s.status === 'expired' || s.status === 'cancelled') expect(s.next_renewal_on).toBeNull();
    }
  });

  it('leaves some invoices open and overdue, and refunds some payments in part', () => {
    const invoices = accounts.flatMap((a) => a.invoices);
    const open = invoices.filter((i) => i.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    expect(open.some((i) => i.due_on < TODAY)).toBe(true);
    expect(open.some((i) => i.due_on >= TODAY)).toBe(true);
    for (const i of invoices) expect(i.paid_minor).toBeLessThanOrEqual(i.amount_minor);
    const pastDue = accounts.flatMap((a) => a.subscriptions.filter((s) => s.status === 'past_due'));
    for (const s of pastDue) {
      const account = accounts.find((a) => a.account.id === s.account_id)!;
      const overdue = account.invoices.filter((i) => i.subscription_id === s.id && i.status === 'open');
      expect(overdue.length).toBe(1);
    }
    const payments = accounts.flatMap((a) => a.payments);
    expect(
      payments.some((p) => (p.refunded_minor ?? 0) > 0 && (p.refunded_minor ?? 0) < p.amount_minor),
    ).toBe(true);
    expect(payments.some((p) => p.status === 'failed')).toBe(true);
    expect(new Set(accounts.flatMap((a) => a.orders.map((o) => o.product_id))).size).toBeGreaterThan(5);
    expect(accounts.some((a) => a.storeCredits.length > 0)).toBe(true);
  });

  it('gives ~5% of accounts representatives with scopes and their own secrets', () => {
    const withReps = accounts.filter((a) => a.representatives.length > 0);
    expect(withReps.length).toBeGreaterThan(accounts.length * 0.02);
    expect(withReps.length).toBeLessThan(accounts.length * 0.1);
    for (const a of withReps) {
      expect(a.secrets).toHaveLength(5 * (1 + a.representatives.length));
      for (const r of a.representatives)
        expect(a.secrets.filter((s) => s.subject_id === r.id)).toHaveLength(5);
    }
    expect(withReps.some((a) => a.representatives.some((r) => r.can_cancel))).toBe(true);
  });

  it('records past contacts with notes and gives the demo agent open commitments, overdue and due soon', () => {
    const cases = accounts.flatMap((a) => a.cases);
    const notes = accounts.flatMap((a) => a.notes);
    expect(cases.length).toBeGreaterThan(accounts.length * 0.4);
    expect(notes.map((n) => n.case_id).sort()).toEqual(cases.map((c) => c.id).sort());
    expect(new Set(cases.map((c) => c.type))).toEqual(new Set(['cancellation', 'refund', 'inquiry']));
    expect(new Set(cases.map((c) => c.channel))).toEqual(new Set(['phone', 'email', 'chat', 'web']));
    expect(new Set(cases.map((c) => c.mood))).toEqual(new Set(['calm', 'upset', 'angry']));
    for (const n of notes) {
      expect(n.contact_reason.length).toBeGreaterThan(3);
      expect(n.actions_taken.length).toBeGreaterThan(3);
      expect(n.contact_reason).not.toMatch(/\{/);
    }
    const open = accounts.flatMap((a) => a.commitments.filter((c) => c.status === 'open'));
    expect(open.length).toBeGreaterThanOrEqual(10);
    expect(open.every((c) => c.owner_id === STAFF.agent)).toBe(true);
    expect(open.some((c) => c.due_on < TODAY)).toBe(true);
    expect(open.some((c) => c.due_on >= TODAY)).toBe(true);
    const audit = accounts.flatMap((a) => a.audit);
    for (const c of open) {
      expect(audit.some((e) => e.entity_id === c.id && e.action === 'commitment.created')).toBe(true);
    }
    expect(audit.every((e) => e.actor_id === STAFF.agent && e.actor_role === 'agent')).toBe(true);
  });

  it('derives the demo answers from the seed alone, without storing them', () => {
    const a = accounts[21]!;
    const answers = demoAnswers(a.account.account_number)!;
    expect(answers.fullName).toBe(`${a.account.first_name} ${a.account.last_name}`);
    expect(answers.answers.postal_code).toBe(a.account.postal_code);
    expect(answers.answers.full_name).toBe(answers.fullName);
    expect(answers.answers.id_last4).toMatch(/^\d{4}$/);
    expect(answers.answers.date_of_birth).toMatch(/^(19[4-9]\d|200[0-6])-\d\d-\d\d$/);
    expect(answers.representatives).toHaveLength(a.representatives.length);
    expect(demoIdentity(21)).toEqual(a.identity);
    expect(demoAnswers('K1000022', 99)!.fullName).not.toBe(answers.fullName);
    expect(demoAnswers('nonsense')).toBeNull();
    // answers do not depend on the time of the seed
    expect(generateAccount(21, DEFAULT_DEMO_SEED, new Date('2027-05-01T00:00:00Z'), STAFF).identity).toEqual(
      a.identity,
    );
  });
});
