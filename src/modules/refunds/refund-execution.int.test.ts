import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPaidOrder, countAuditEvents, createAccountWithCase, markVerified } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { insightEventsDrift } from '../../db/migrations/0026-insight-events';
import { DAY } from '../../platform/clock';
import { type PaymentProvider, type ProviderRefundRequest, registerPaymentProvider } from '../billing';
import { runDueRefundExecutions, runRefundExecution } from '.';
import { MAX_EXECUTION_ATTEMPTS } from './execute-refund';

// Exactly-once execution: the decision commits a pending execution with its idempotency key, the
// worker pays it out under the execution's lock, and the provider is called with that key, so a
// crash between the provider's answer and our commit, a replayed request, a double click or two
// workers never pay twice.

/**
 * A faithful fake of a card provider's refund API (the part Stripe documents): a refund is created
 * once per idempotency key and a repeated key answers the first refund; it refuses more than was
 * charged. `crashAfterSuccess` simulates our process dying after the provider has refunded and
 * before our transaction commits; `unreachable` a network that fails before the provider is reached.
 */
class FakeCardProvider implements PaymentProvider {
  readonly name = 'fakecard';
  readonly calls: ProviderRefundRequest[] = [];
  readonly refunds = new Map<string, { ref: string; amountMinor: number; paymentId: string }>();
  crashAfterSuccess = 0;
  unreachable = 0;

  async refund(request: ProviderRefundRequest) {
    if (this.unreachable > 0) {
      this.unreachable--;
      throw new Error('connect ETIMEDOUT fakecard');
    }
    this.calls.push(request);
    let refund = this.refunds.get(request.idempotencyKey);
    if (!refund) {
      const refunded = [...this.refunds.values()]
        .filter((r) => r.paymentId === request.payment.id)
        .reduce((sum, r) => sum + r.amountMinor, 0);
      if (refunded + request.amount.amountMinor > request.payment.amount.amountMinor)
        return { status: 'failed' as const, providerRef: null, failureReason: 'amount_too_large' };
      refund = {
        ref: `re_${this.refunds.size + 1}`,
        amountMinor: request.amount.amountMinor,
        paymentId: request.payment.id,
      };
      this.refunds.set(request.idempotencyKey, refund);
    }
    if (this.crashAfterSuccess > 0) {
      this.crashAfterSuccess--;
      throw new Error('simulated crash after the provider refunded');
    }
    return { status: 'succeeded' as const, providerRef: refund.ref };
  }

  refundsOf(paymentId: string) {
    return [...this.refunds.values()].filter((r) => r.paymentId === paymentId);
  }
  callsOf(paymentId: string) {
    return this.calls.filter((c) => c.payment.id === paymentId);
  }
}

/** The accounts this file's requests are on, for the check of the dashboard's table at the end. */
const accountsHere: string[] = [];
let t: TestApp;
let agent: TestClient;
let unplug: () => void;
const card = new FakeCardProvider();

beforeAll(async () => {
  ({ t, agent } = await startDesk({ now: '2026-05-04T09:00:00Z' }));
  unplug = registerPaymentProvider(card);
});
afterAll(async () => {
  unplug();
  await t.close();
});

/** A verified case with a card payment made 3 days ago (inside the withdrawal period): in policy. */
async function inPolicyRequest(totalMinor = 8000, requestedMinor = totalMinor) {
  const { account, kase } = await createAccountWithCase(t);
  accountsHere.push(account.id);
  await markVerified(t, kase.id);
  const { paymentId } = await addPaidOrder(t, account.id, {
    totalMinor,
    orderedAt: new Date(t.clock.now().getTime() - 3 * DAY),
    provider: card.name,
  });
  const res = await agent.post(`/api/cases/${kase.id}/refund-requests`, {
    paymentId,
    reasonCode: 'not_satisfied',
    customerWords: 'Gefällt mir nicht.',
    mood: 'calm',
    requestedMinor,
    currency: 'EUR',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.evaluation.inPolicy).toBe(true);
  return { id: res.body.id as string, caseId: kase.id, accountId: account.id, paymentId };
}

const approve = (id: string, headers?: Record<string, string>, body: Record<string, unknown> = {}) =>
  agent.post(
    `/api/refund-requests/${id}/decision`,
    { action: 'approve', note: 'Widerruf', ...body },
    headers,
  );

const ledgerOf = (paymentId: string) =>
  t.db.selectFrom('payment_refunds').selectAll().where('payment_id', '=', paymentId).execute();
const executionsOf = (requestId: string) =>
  t.db.selectFrom('refund_executions').selectAll().where('request_id', '=', requestId).execute();
const messagesOf = (caseId: string) =>
  t.db.selectFrom('outbox_messages').select('kind').where('case_id', '=', caseId).execute();
const paymentOf = (paymentId: string) =>
  t.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow();

/** The machine's restart: the clock moves past the stale time and the start-up sweep runs. */
async function restartSweep() {
  t.clock.advance(3 * 60_000);
  return runDueRefundExecutions(t.systemDeps());
}

describe('a crash between the provider and our commit', () => {
  it('pays once: the restart calls the provider again with the same key and books its first refund', async () => {
    const r = await inPolicyRequest(8000);
    card.crashAfterSuccess = 1;
    const decided = await approve(r.id);
    // the decision committed; the payout crashed after the provider refunded
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.status).toBe('approved');
    expect(decided.body.executions).toMatchObject([
      { status: 'pending', attempts: 1, lastError: expect.stringContaining('simulated crash') },
    ]);
    expect(card.refundsOf(r.paymentId)).toHaveLength(1);
    expect(await ledgerOf(r.paymentId)).toEqual([]);
    expect(await messagesOf(r.caseId)).toEqual([]);

    const swept = await restartSweep();
    expect(swept.succeeded).toBeGreaterThanOrEqual(1);
    const after = await agent.get(`/api/refund-requests/${r.id}`);
    expect(after.body.status).toBe('executed');
    // the provider refunded once, was asked twice, both times with the request's one key
    expect(card.refundsOf(r.paymentId)).toHaveLength(1);
    const keys = card.callsOf(r.paymentId).map((c) => c.idempotencyKey);
    expect(keys).toEqual([`refund-request:${r.id}`, `refund-request:${r.id}`]);
    const ledger = await ledgerOf(r.paymentId);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ status: 'succeeded', provider_ref: 're_1', amount_minor: 8000 });
    expect(Number((await paymentOf(r.paymentId)).refunded_minor)).toBe(8000);
    expect(after.body.execution).toMatchObject({ method: 'original_payment', ref: ledger[0]!.id });
    expect(await messagesOf(r.caseId)).toEqual([{ kind: 'refund_approved' }]);
    // a second restart finds nothing to do
    await restartSweep();
    expect(card.callsOf(r.paymentId)).toHaveLength(2);
  });

  it('twenty workers at once after the crash: one pays, the others find it done', async () => {
    const r = await inPolicyRequest(5000);
    card.crashAfterSuccess = 1;
    await approve(r.id);
    const [execution] = await executionsOf(r.id);
    const runs = await Promise.all(
      Array.from({ length: 20 }, () => runRefundExecution(t.systemDeps(), { executionId: execution!.id })),
    );
    expect(runs.filter((run) => run.ran)).toHaveLength(1);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    expect(card.refundsOf(r.paymentId)).toHaveLength(1);
    expect(card.callsOf(r.paymentId)).toHaveLength(2);
    expect(await ledgerOf(r.paymentId)).toHaveLength(1);
  });
});

describe('retried and repeated decisions', () => {
  it('the same Idempotency-Key replayed, also 20 times at once, decides and pays once', async () => {
    const r = await inPolicyRequest(6000);
    const key = { 'idempotency-key': `decide-${r.id}` };
    const first = await approve(r.id, key);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const replays = await Promise.all(Array.from({ length: 20 }, () => approve(r.id, key)));
    expect(replays.map((x) => x.status)).toEqual(Array(20).fill(200));
    expect(replays.every((x) => x.body.status === 'executed')).toBe(true);
    expect(await executionsOf(r.id)).toHaveLength(1);
    expect(card.refundsOf(r.paymentId)).toHaveLength(1);
    expect(await ledgerOf(r.paymentId)).toHaveLength(1);
    expect(await messagesOf(r.caseId)).toEqual([{ kind: 'refund_approved' }]);
  });

  it('the key used again for another decision is a conflict naming the header, and changes nothing', async () => {
    const r = await inPolicyRequest(4000);
    const key = { 'idempotency-key': `decide-other-${r.id}` };
    await approve(r.id, key);
    const audits = await countAuditEvents(t);
    const other = await approve(r.id, key, { note: 'anders' });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'headers.idempotency-key' });
    expect(await countAuditEvents(t)).toBe(audits);
  });

  it('twenty approvals at once without a key (a double click, two tabs): one wins, the rest are told', async () => {
    const r = await inPolicyRequest(7000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => approve(r.id)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const losers = answers.filter((a) => a.status !== 200);
    expect(losers.map((a) => a.status)).toEqual(Array(19).fill(409));
    expect(new Set(losers.map((a) => a.body.code))).toEqual(new Set(['REFUND_ALREADY_DECIDED']));
    expect(await executionsOf(r.id)).toHaveLength(1);
    expect(card.refundsOf(r.paymentId)).toHaveLength(1);
  });
});

describe('a payout waiting for the worker', () => {
  it('counts against the payment: a second approval over the remainder is refused at decision time', async () => {
    const r1 = await inPolicyRequest(10_000, 6000);
    card.unreachable = 1;
    const first = await approve(r1.id);
    expect(first.body.status).toBe('approved'); // pending: the provider was not reached
    const r2 = await agent.post(`/api/cases/${r1.caseId}/refund-requests`, {
      paymentId: r1.paymentId,
      reasonCode: 'not_satisfied',
      customerWords: 'Auch den Rest bitte.',
      mood: 'calm',
      requestedMinor: 4001,
      currency: 'EUR',
    });
    expect(r2.status, JSON.stringify(r2.body)).toBe(201);
    // 4,001 fit the remainder billing has booked (10,000) but not what is left after the 6,000 promised
    const over = await approve(r2.body.id);
    expect(over.status, JSON.stringify(over.body)).toBe(409);
    expect(over.body).toMatchObject({ code: 'REFUND_EXCEEDS_REMAINDER', field: 'body.amountMinor' });
    const rest = await approve(r2.body.id, undefined, { action: 'approve_partial', amountMinor: 4000 });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    await restartSweep();
    expect(
      card
        .refundsOf(r1.paymentId)
        .map((x) => x.amountMinor)
        .sort(),
    ).toEqual([4000, 6000]);
  });

  it('a provider that stays unreachable fails the request after the last attempt; the case reopens', async () => {
    const r = await inPolicyRequest(3000);
    card.unreachable = MAX_EXECUTION_ATTEMPTS;
    const decided = await approve(r.id);
    expect(decided.body.status).toBe('approved');
    for (let i = 1; i < MAX_EXECUTION_ATTEMPTS; i++) await restartSweep();
    const after = await agent.get(`/api/refund-requests/${r.id}`);
    expect(after.body.status).toBe('failed');
    expect(after.body.executions).toMatchObject([
      {
        status: 'failed',
        attempts: MAX_EXECUTION_ATTEMPTS,
        failureReason: expect.stringContaining('could not be reached'),
      },
    ]);
    expect(card.refundsOf(r.paymentId)).toEqual([]);
    const kase = await agent.get(`/api/cases/${r.caseId}`);
    expect(kase.body.status).toBe('open');
    expect(await messagesOf(r.caseId)).toEqual([{ kind: 'refund_failed' }]);
  });
});

describe('the fallback after a failed refund', () => {
  async function failedRequest() {
    const r = await inPolicyRequest(2500);
    card.unreachable = MAX_EXECUTION_ATTEMPTS;
    await approve(r.id);
    for (let i = 1; i < MAX_EXECUTION_ATTEMPTS; i++) await restartSweep();
    expect((await agent.get(`/api/refund-requests/${r.id}`)).body.status).toBe('failed');
    return r;
  }

  it('a bank transfer needs a valid IBAN: a wrong one is refused naming the field and changes nothing', async () => {
    const r = await failedRequest();
    const audits = await countAuditEvents(t);
    const missing = await approve(r.id, undefined, { method: 'bank_transfer' });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('body.payout');
    const wrong = await approve(r.id, undefined, {
      method: 'bank_transfer',
      payout: { holder: 'Erika Mustermann', iban: 'DE89 3704 0044 0532 0130 01' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('body.payout.iban');
    expect(await countAuditEvents(t)).toBe(audits);
    expect(await executionsOf(r.id)).toHaveLength(1);
  });

  it('a bank transfer books against the payment (pending until finance settles it) with the IBAN masked', async () => {
    const r = await failedRequest();
    const res = await approve(r.id, undefined, {
      method: 'bank_transfer',
      payout: { holder: 'Erika Mustermann', iban: 'de89 3704 0044 0532 0130 00' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('executed');
    expect(res.body.executions.map((e: { method: string; status: string }) => [e.method, e.status])).toEqual([
      ['original_payment', 'failed'],
      ['bank_transfer', 'succeeded'],
    ]);
    expect(res.body.executions[1].payoutIban).toBe('DE89 **** **** **** **30 00');
    expect(JSON.stringify(res.body)).not.toContain('370400440532');
    const ledger = await ledgerOf(r.paymentId);
    expect(ledger).toMatchObject([{ provider: 'bank_transfer', status: 'pending', amount_minor: 2500 }]);
    expect(Number((await paymentOf(r.paymentId)).refunded_minor)).toBe(2500);
    expect(res.body.script.join(' ')).toContain('Überweisung');
    const keys = (await executionsOf(r.id)).map((e) => e.idempotency_key).sort();
    expect(keys).toEqual([`refund-request:${r.id}`, `refund-request:${r.id}:2`]);
  });

  it('twenty fallbacks at once after a failure: one store credit, the rest told it is paid out already', async () => {
    const r = await failedRequest();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => approve(r.id, undefined, { method: 'store_credit' })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused.map((a) => a.status)).toEqual(Array(19).fill(409));
    expect(new Set(refused.map((a) => a.body.code))).toEqual(new Set(['REFUND_ALREADY_DECIDED']));
    const executions = await executionsOf(r.id);
    expect(executions.map((e) => [e.method, e.status]).sort()).toEqual([
      ['original_payment', 'failed'],
      ['store_credit', 'succeeded'],
    ]);
    const credits = await t.db
      .selectFrom('store_credit_entries')
      .selectAll()
      .where('account_id', '=', r.accountId)
      .execute();
    expect(credits).toHaveLength(1);
    expect(Number(credits[0]!.amount_minor)).toBe(2500);
  });

  it('a bank transfer is only the fallback: the first approval goes to the payment or as credit', async () => {
    const r = await inPolicyRequest(1500);
    const res = await approve(r.id, undefined, {
      method: 'bank_transfer',
      payout: { holder: 'Erika Mustermann', iban: 'DE89370400440532013000' },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'REFUND_STATUS_CONFLICT', field: 'body.method' });
  });
});

describe('the job queue', () => {
  it('the decision sends a job that a worker of the queue executes (when the inline payout did not)', async () => {
    const r = await inPolicyRequest(1200);
    card.crashAfterSuccess = 1;
    await approve(r.id);
    const [execution] = await executionsOf(r.id);
    expect(execution!.status).toBe('pending');
    await t.jobs.work(
      'refund.execute',
      async (job) => {
        await runRefundExecution(t.systemDeps(), { executionId: String(job.data.executionId) });
      },
      1,
    );
    let status = 'approved';
    for (let i = 0; i < 60 && status !== 'executed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await agent.get(`/api/refund-requests/${r.id}`)).body.status;
    }
    expect(status).toBe('executed');
    expect(card.refundsOf(r.paymentId)).toHaveLength(1);
    expect(await ledgerOf(r.paymentId)).toHaveLength(1);
  });
});

describe('the dashboard’s table', () => {
  it('followed every change this file made to its requests, surveys and offers (as a projection from scratch)', async () => {
    expect(accountsHere.length).toBeGreaterThan(0);
    const events = await t.db
      .selectFrom('insight_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', 'in', accountsHere)
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBeGreaterThan(0);
    expect(await insightEventsDrift(t.db, accountsHere)).toEqual([]);
  });
});
