import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';
import type { UseCaseDeps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { money } from '../../platform/money';
import {
  grantStoreCredit,
  type PaymentProvider,
  type RefundPaymentInput,
  refundPayment,
  registerPaymentProvider,
  reportRefundOutcome,
  storeCreditBalance,
} from './index';

let t: TestApp;
let accountId: string;
let agentDeps: UseCaseDeps;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-05-04T09:00:00Z' });
  accountId = (await createAccount(t, { firstName: 'Rita', lastName: 'Rueckzahlung' })).id;
  const agent = await t.login('agent');
  agentDeps = { ...t.systemDeps(), actor: { id: agent.user.id, role: 'agent' } };
});
afterAll(() => t.close());

/** A payment of the account that went through, with what was refunded of it before. */
async function addPayment(input: {
  amountMinor: number;
  refundedMinor?: number;
  status?: 'succeeded' | 'failed';
  provider?: string;
}) {
  const id = newId('pay', t.clock.now());
  await t.db
    .insertInto('payments')
    .values({
      id,
      account_id: accountId,
      invoice_id: null,
      order_id: null,
      subscription_id: null,
      amount_minor: input.amountMinor,
      refunded_minor: input.refundedMinor ?? 0,
      method: 'card',
      status: input.status ?? 'succeeded',
      provider: input.provider ?? 'kulanz',
      provider_ref: null,
      paid_at: t.clock.now(),
    })
    .execute();
  return id;
}

let keys = 0;
const refund = (input: Partial<RefundPaymentInput> & { paymentId: string }, deps = agentDeps) =>
  t.db.transaction().execute((trx) =>
    refundPayment(trx, deps, {
      amount: money(1000),
      idempotencyKey: `key-${keys++}-${Math.random()}`,
      reason: 'Kulanz nach Lieferverzug',
      ...input,
    }),
  );

const refundedOf = async (paymentId: string) =>
  Number(
    (
      await t.db
        .selectFrom('payments')
        .select('refunded_minor')
        .where('id', '=', paymentId)
        .executeTakeFirstOrThrow()
    ).refunded_minor,
  );
const ledgerOf = (paymentId: string) =>
  t.db
    .selectFrom('payment_refunds')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('created_at')
    .execute();
const auditsOf = (paymentId: string) =>
  t.db
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_type', '=', 'payment')
    .where('entity_id', '=', paymentId)
    .orderBy('id')
    .execute();

describe('a refund through the built-in provider', () => {
  it('books within the remainder: the ledger row, the refunded amount and one audit event', async () => {
    const paymentId = await addPayment({ amountMinor: 5000 });
    const first = await refund({
      paymentId,
      amount: money(2000),
      idempotencyKey: 'rf-within-1',
      caseId: null,
    });
    expect(first).toMatchObject({
      paymentId,
      status: 'succeeded',
      amount: money(2000),
      remainder: money(3000),
      failureReason: null,
      replayed: false,
    });
    expect(first.providerRef).toBe(first.refundId);
    expect(await refundedOf(paymentId)).toBe(2000);
    const rest = await refund({ paymentId, amount: money(3000) });
    expect(rest.remainder).toEqual(money(0));
    expect(await refundedOf(paymentId)).toBe(5000);

    const ledger = await ledgerOf(paymentId);
    expect(ledger.map((r) => [Number(r.amount_minor), r.status, r.provider, r.requested_by])).toEqual([
      [2000, 'succeeded', 'kulanz', agentDeps.actor.id],
      [3000, 'succeeded', 'kulanz', agentDeps.actor.id],
    ]);
    expect(ledger[0]).toMatchObject({ idempotency_key: 'rf-within-1', reason: 'Kulanz nach Lieferverzug' });
    const audits = await auditsOf(paymentId);
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({
      action: 'payment.refund_booked',
      actor_id: agentDeps.actor.id,
      account_id: accountId,
    });
    expect(audits[0]!.changes).toEqual({
      refundId: first.refundId,
      amountMinor: 2000,
      currency: 'EUR',
      status: 'succeeded',
      provider: 'kulanz',
      reason: 'Kulanz nach Lieferverzug',
      refundedMinor: { from: 0, to: 2000 },
    });
  });

  it('refuses more than the remainder with a clear code and field, and books nothing', async () => {
    const paymentId = await addPayment({ amountMinor: 5000, refundedMinor: 4000 });
    await expect(refund({ paymentId, amount: money(1001) })).rejects.toMatchObject({
      code: 'REFUND_EXCEEDS_REMAINDER',
      details: { field: 'body.amountMinor', remainderMinor: 1000, currency: 'EUR' },
    });
    expect(await refundedOf(paymentId)).toBe(4000);
    expect(await ledgerOf(paymentId)).toEqual([]);
    expect(await auditsOf(paymentId)).toEqual([]);
    // exactly the remainder is fine
    expect((await refund({ paymentId, amount: money(1000) })).remainder).toEqual(money(0));
  });

  it.each([
    ['nothing', money(0), 'MONEY_AMOUNT_INVALID', 'body.amountMinor'],
    ['a negative amount', money(-100), 'MONEY_AMOUNT_INVALID', 'body.amountMinor'],
    ['another currency', money(100, 'USD'), 'MONEY_AMOUNT_INVALID', 'body.amountMinor'],
  ])('refuses %s, naming the field', async (_, amount, code, field) => {
    const paymentId = await addPayment({ amountMinor: 5000 });
    await expect(refund({ paymentId, amount })).rejects.toMatchObject({ code, details: { field } });
    expect(await refundedOf(paymentId)).toBe(0);
    expect(await auditsOf(paymentId)).toEqual([]);
  });

  it('refuses a payment that did not go through, an unknown payment and a provider without an adapter', async () => {
    const failed = await addPayment({ amountMinor: 5000, status: 'failed' });
    await expect(refund({ paymentId: failed })).rejects.toMatchObject({
      code: 'PAYMENT_NOT_REFUNDABLE',
      details: { field: 'body.paymentId' },
    });
    await expect(refund({ paymentId: 'pay_nope' })).rejects.toMatchObject({
      code: 'PAYMENT_NOT_FOUND',
      details: { field: 'body.paymentId', id: 'pay_nope' },
    });
    const elsewhere = await addPayment({ amountMinor: 5000, provider: 'stripe' });
    await expect(refund({ paymentId: elsewhere })).rejects.toMatchObject({
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
      details: { field: 'body.paymentId', provider: 'stripe' },
    });
    expect([...(await ledgerOf(failed)), ...(await ledgerOf(elsewhere))]).toEqual([]);
  });

  it('books nothing, audits nothing, when the transaction it ran in rolls back', async () => {
    const paymentId = await addPayment({ amountMinor: 5000 });
    await expect(
      t.db.transaction().execute(async (trx) => {
        await refundPayment(trx, agentDeps, {
          paymentId,
          amount: money(1000),
          idempotencyKey: 'rf-rolled-back',
          reason: 'x',
        });
        throw new Error('the caller failed after the refund');
      }),
    ).rejects.toThrow(/caller failed/);
    expect(await refundedOf(paymentId)).toBe(0);
    expect(await ledgerOf(paymentId)).toEqual([]);
    expect(await auditsOf(paymentId)).toEqual([]);
    // the key is free again: the retry books
    expect((await refund({ paymentId, idempotencyKey: 'rf-rolled-back' })).replayed).toBe(false);
  });
});

describe('refunds under parallel requests', () => {
  it('books one refund for one idempotency key sent 20 times at once, and answers every call with it', async () => {
    const paymentId = await addPayment({ amountMinor: 5000 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        refund({ paymentId, amount: money(1000), idempotencyKey: 'rf-twenty' }),
      ),
    );
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.refundId)).size).toBe(1);
    expect(answers.every((a) => a.status === 'succeeded' && a.remainder.amountMinor === 4000)).toBe(true);
    expect(await refundedOf(paymentId)).toBe(1000);
    expect(await ledgerOf(paymentId)).toHaveLength(1);
    expect(await auditsOf(paymentId)).toHaveLength(1);
    // the key belongs to that refund: another amount or payment with it is refused
    await expect(
      refund({ paymentId, amount: money(999), idempotencyKey: 'rf-twenty' }),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: { field: 'headers.idempotency-key' },
    });
    const other = await addPayment({ amountMinor: 5000 });
    await expect(refund({ paymentId: other, idempotencyKey: 'rf-twenty' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await refundedOf(other)).toBe(0);
  });

  it('never refunds more than was paid when 20 refunds with different keys arrive at once', async () => {
    const paymentId = await addPayment({ amountMinor: 5000 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => refund({ paymentId, amount: money(300) })),
    );
    const booked = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    // 16 × 3,00 € fit into 50,00 €, the 17th would not
    expect(booked).toHaveLength(16);
    expect(refused).toHaveLength(4);
    expect(refused.every((e) => e.code === 'REFUND_EXCEEDS_REMAINDER')).toBe(true);
    expect(await refundedOf(paymentId)).toBe(4800);
    const ledger = await ledgerOf(paymentId);
    expect(ledger.reduce((sum, r) => sum + Number(r.amount_minor), 0)).toBe(4800);
    expect(await auditsOf(paymentId)).toHaveLength(16);
  });
});

describe('what a provider reports later', () => {
  it('gives a failed refund back to the remainder, once, with its reason', async () => {
    const paymentId = await addPayment({ amountMinor: 5000 });
    const booked = await refund({ paymentId, amount: money(2000) });
    expect(booked.remainder).toEqual(money(3000));
    const report = {
      provider: 'kulanz',
      providerRef: booked.providerRef!,
      outcome: 'failed' as const,
      failureReason: 'Konto aufgelöst',
    };
    const failed = await reportRefundOutcome(t.systemDeps(), report);
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'Konto aufgelöst', changed: true });
    expect(failed.remainder).toEqual(money(5000));
    expect(await refundedOf(paymentId)).toBe(0);
    // told twice: nothing more happens
    const again = await reportRefundOutcome(t.systemDeps(), report);
    expect(again).toMatchObject({ status: 'failed', changed: false, remainder: money(5000) });
    expect(await refundedOf(paymentId)).toBe(0);
    const audits = await auditsOf(paymentId);
    expect(audits.map((a) => a.action)).toEqual(['payment.refund_booked', 'payment.refund_failed']);
    expect(audits[1]).toMatchObject({ actor_role: 'system' });
    expect(audits[1]!.changes).toEqual({
      refundId: booked.refundId,
      status: { from: 'succeeded', to: 'failed' },
      failureReason: 'Konto aufgelöst',
      refundedMinor: { from: 2000, to: 0 },
    });
    // the whole payment is refundable again
    expect((await refund({ paymentId, amount: money(5000) })).remainder).toEqual(money(0));
  });

  it('refuses a report on a refund it does not know, and a failure without a reason', async () => {
    await expect(
      reportRefundOutcome(t.systemDeps(), {
        provider: 'kulanz',
        providerRef: 'rfd_nope',
        outcome: 'settled',
      }),
    ).rejects.toMatchObject({ code: 'REFUND_NOT_FOUND', details: { field: 'body.providerRef' } });
    const paymentId = await addPayment({ amountMinor: 5000 });
    const booked = await refund({ paymentId });
    await expect(
      reportRefundOutcome(t.systemDeps(), {
        provider: 'kulanz',
        providerRef: booked.providerRef!,
        outcome: 'failed',
        failureReason: '  ',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'body.failureReason' } });
    expect(await refundedOf(paymentId)).toBe(1000);
  });
});

describe('another provider behind the same interface', () => {
  // an asynchronous provider, as a bank or card network is: it answers pending, or declines
  const slowBank: PaymentProvider = {
    name: 'slow-bank',
    async refund(request) {
      if (request.reason === 'decline')
        return { status: 'failed', providerRef: null, failureReason: 'Karte gesperrt' };
      return { status: 'pending', providerRef: `sb-${request.idempotencyKey}` };
    },
  };
  let unplug: () => void;
  beforeAll(() => {
    unplug = registerPaymentProvider(slowBank);
  });
  afterAll(() => unplug());

  it('counts a pending refund against the remainder until the provider says settled or failed', async () => {
    const paymentId = await addPayment({ amountMinor: 5000, provider: 'slow-bank' });
    const pending = await refund({ paymentId, amount: money(3000), idempotencyKey: 'sb-1' });
    expect(pending).toMatchObject({ status: 'pending', providerRef: 'sb-sb-1', remainder: money(2000) });
    await expect(refund({ paymentId, amount: money(2500) })).rejects.toMatchObject({
      code: 'REFUND_EXCEEDS_REMAINDER',
    });
    const settled = await reportRefundOutcome(t.systemDeps(), {
      provider: 'slow-bank',
      providerRef: 'sb-sb-1',
      outcome: 'settled',
    });
    expect(settled).toMatchObject({ status: 'succeeded', changed: true, remainder: money(2000) });
    // a failure reported for another provider's reference does not touch this one
    await expect(
      reportRefundOutcome(t.systemDeps(), {
        provider: 'kulanz',
        providerRef: 'sb-sb-1',
        outcome: 'failed',
        failureReason: 'x',
      }),
    ).rejects.toMatchObject({ code: 'REFUND_NOT_FOUND' });

    const second = await refund({ paymentId, amount: money(2000), idempotencyKey: 'sb-2' });
    expect(second.remainder).toEqual(money(0));
    await reportRefundOutcome(t.systemDeps(), {
      provider: 'slow-bank',
      providerRef: 'sb-sb-2',
      outcome: 'failed',
      failureReason: 'IBAN ungültig',
    });
    expect(await refundedOf(paymentId)).toBe(3000);
    expect((await auditsOf(paymentId)).map((a) => a.action)).toEqual([
      'payment.refund_booked',
      'payment.refund_settled',
      'payment.refund_booked',
      'payment.refund_failed',
    ]);
  });

  it('books a refund the provider declines at once as failed, with its reason, and keeps the remainder', async () => {
    const paymentId = await addPayment({ amountMinor: 5000, provider: 'slow-bank' });
    const declined = await refund({ paymentId, amount: money(1000), reason: 'decline' });
    expect(declined).toMatchObject({
      status: 'failed',
      failureReason: 'Karte gesperrt',
      remainder: money(5000),
    });
    expect(await refundedOf(paymentId)).toBe(0);
    expect((await ledgerOf(paymentId)).map((r) => r.status)).toEqual(['failed']);
    expect((await auditsOf(paymentId))[0]!.changes).toMatchObject({
      status: 'failed',
      failureReason: 'Karte gesperrt',
      refundedMinor: { from: 0, to: 0 },
    });
  });
});

describe('store credit', () => {
  it('books a grant in the ledger with its audit event, and the balance counts it', async () => {
    const account = await createAccount(t, { firstName: 'Gustav', lastName: 'Gutschrift' });
    expect(await storeCreditBalance(t.db, account.id, 'EUR')).toEqual(money(0));
    const granted = await t.db
      .transaction()
      .execute((trx) =>
        grantStoreCredit(trx, agentDeps, { accountId: account.id, amount: money(1500), reason: 'Kulanz' }),
      );
    await t.db
      .transaction()
      .execute((trx) =>
        grantStoreCredit(trx, agentDeps, { accountId: account.id, amount: money(250), reason: 'Nachtrag' }),
      );
    expect(granted.balance).toEqual(money(1500));
    expect(await storeCreditBalance(t.db, account.id, 'EUR')).toEqual(money(1750));
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', granted.entryId)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'store_credit.granted',
      account_id: account.id,
      actor_id: agentDeps.actor.id,
    });
    expect(audit.changes).toEqual({
      amountMinor: 1500,
      currency: 'EUR',
      reason: 'Kulanz',
      balanceMinor: { from: 0, to: 1500 },
    });
    const view = await (await t.login('agent')).get(`/api/accounts/${account.id}`);
    expect(view.body.storeCredit.balanceMinor).toBe(1750);
  });

  it.each([
    ['nothing', money(0)],
    ['a negative grant', money(-10)],
    ['another currency than the ledger', money(100, 'CHF')],
  ])('refuses %s, naming the field', async (_, amount) => {
    const account = await createAccount(t, {});
    await t.db
      .transaction()
      .execute((trx) =>
        grantStoreCredit(trx, agentDeps, { accountId: account.id, amount: money(100), reason: 'x' }),
      );
    await expect(
      t.db
        .transaction()
        .execute((trx) => grantStoreCredit(trx, agentDeps, { accountId: account.id, amount, reason: 'x' })),
    ).rejects.toMatchObject({ code: 'MONEY_AMOUNT_INVALID', details: { field: 'body.amountMinor' } });
    expect(await storeCreditBalance(t.db, account.id, 'EUR')).toEqual(money(100));
  });
});
