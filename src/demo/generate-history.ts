import { cancellationReference } from '../modules/cancellations';
import { type Evaluation, evaluate, type PolicyDocument, refundFacts } from '../modules/policy';
import { DEMO_OFFERS, PLANS, PRODUCTS } from './demo-catalog';
import { addMonthsDay, type GeneratedAccount } from './generate-demo';
import { Rng, seededId } from './prng';

// Two years of desk history for one demo account, written as the real use cases would have
// written it: refund requests with the facts and the evaluation of the policy (so the simulator
// can replay them), their decisions, executions and the money booked against the payment;
// cancellation requests with their steps and the retention offers shown, accepted or declined
// (and the holdout group that saw none); follow-up surveys on a share of the closed cases.
//
// The story the dashboard tells: more refund requests after Christmas (January) and in the summer
// sales (July); customers who came through social ads ('social') ask for money back clearly
// more often; the headphones had a bad batch (a six-week spike of 'defect' requests ~7 months
// ago); new customers cancel more (the first months carry most cancellation attempts); a few
// customers ask again and again (the repeat requesters).

const DAY = 86_400_000;
const STREAM_REFUNDS = 3;
const STREAM_CANCELLATIONS = 4;

/** The channel whose customers refund clearly more (social ads: Facebook, Instagram). */
export const HIGH_REFUND_CHANNEL = 'social';
/** The product and reason of the spike, and its window in days before "now" [from, to). */
export const SPIKE = { productId: 'prod_headphones', reasonCode: 'defect', fromDaysAgo: 230, toDaysAgo: 188 };
/** Accounts whose index falls here ask for refunds again and again (the repeat requesters). */
export const isRepeatRequester = (index: number) => index % 97 === 7;

export interface HistoryStaff {
  /** The demo agent first, then the other agents. */
  agents: string[];
  /** The demo lead first. */
  leads: string[];
  admin: string;
}

export interface HistoryPolicy {
  version: number;
  document: PolicyDocument;
}

type Rec = Record<string, unknown>;

export interface GeneratedHistory {
  cases: Rec[];
  caseVerifications: Rec[];
  notes: Rec[];
  orders: Rec[];
  invoices: Rec[];
  payments: Rec[];
  paymentRefunds: Rec[];
  storeCredits: Rec[];
  refundRequests: Rec[];
  refundEvents: Rec[];
  refundExecutions: Rec[];
  cancellations: Rec[];
  cancellationEvents: Rec[];
  offerEvents: Rec[];
  saveWatches: Rec[];
  surveys: Rec[];
  audit: Rec[];
}

export const emptyHistory = (): GeneratedHistory => ({
  cases: [],
  caseVerifications: [],
  notes: [],
  orders: [],
  invoices: [],
  payments: [],
  paymentRefunds: [],
  storeCredits: [],
  refundRequests: [],
  refundEvents: [],
  refundExecutions: [],
  cancellations: [],
  cancellationEvents: [],
  offerEvents: [],
  saveWatches: [],
  surveys: [],
  audit: [],
});

// ---- time: working hours in Berlin --------------------------------------------------------------

/** Berlin's offset from UTC on a day, in hours (summer time from the last Sunday of March to the last of October). */
function berlinOffset(day: number): number {
  const d = new Date(day * DAY);
  const y = d.getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month + 1, 0));
    return Math.floor(last.getTime() / DAY) - last.getUTCDay();
  };
  return day >= lastSunday(2) && day < lastSunday(9) ? 2 : 1;
}

const weekday = (day: number) => new Date(day * DAY).getUTCDay();

/** The next working day (Monday to Friday) from `day` on. */
function workingDay(day: number): number {
  let d = day;
  while (weekday(d) === 0 || weekday(d) === 6) d++;
  return d;
}

/** An instant between 08:00 and 17:30 Berlin time on `day`. */
function officeTime(rng: Rng, day: number): Date {
  const minutes = rng.int(8 * 60, 17 * 60 + 30) - berlinOffset(day) * 60;
  return new Date(day * DAY + minutes * 60_000 + rng.int(0, 59) * 1000);
}

const later = (at: Date, minMinutes: number, maxMinutes: number, rng: Rng) =>
  new Date(at.getTime() + rng.int(minMinutes * 60, maxMinutes * 60) * 1000);

/** Exceptions asked for in these last days are still open with a chance of 0.6 (see addRefundRequest). */
const OPEN_EXCEPTIONS_DAYS = 8;

/** A decision some working days after `at`, in office hours (same day when `days` is 0 and it fits). */
function laterWorking(rng: Rng, at: Date, days: number): Date {
  if (days === 0) {
    const t = later(at, 10, 180, rng);
    const day = Math.floor(at.getTime() / DAY);
    const close = day * DAY + (17 * 60 + 45 - berlinOffset(day) * 60) * 60_000;
    if (t.getTime() < close) return t;
  }
  const day = workingDay(Math.floor(at.getTime() / DAY) + Math.max(1, days));
  return officeTime(rng, day);
}

/** How much more often people ask for money back on a day: after Christmas, in January and in the summer sales. */
export function seasonalWeight(day: number): number {
  const d = new Date(day * DAY);
  const month = d.getUTCMonth();
  const date = d.getUTCDate();
  let w = 1;
  if (month === 0) w = 2.1;
  else if (month === 11 && date >= 27) w = 1.9;
  else if (month === 6) w = 1.7;
  else if (month === 7 && date <= 15) w = 1.3;
  else if (month === 1) w = 1.2;
  const wd = weekday(day);
  return w * (wd === 0 ? 0.25 : wd === 6 ? 0.45 : 1);
}

function seasonalDay(rng: Rng, lo: number, hi: number): number {
  for (let i = 0; i < 40; i++) {
    const day = rng.int(lo, hi);
    if (rng.next() * 2.1 < seasonalWeight(day)) return day;
  }
  return rng.int(lo, hi);
}

function poisson(rng: Rng, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit && k < 20) {
    k++;
    p *= rng.next();
  }
  return k;
}

const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const dayOf = (at: Date) => Math.floor(at.getTime() / DAY);
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

// ---- wording --------------------------------------------------------------------------------------

const REFUND_WORDS: Record<string, { de: string; en: string }> = {
  not_satisfied: {
    de: 'Bringt mir nichts, ich möchte mein Geld zurück.',
    en: 'It is of no use to me, I want my money back.',
  },
  poor_support: {
    de: 'Der Support hat mir dreimal nicht geholfen.',
    en: 'Support did not help me three times in a row.',
  },
  trial_only: { de: 'Wollte es nur ausprobieren.', en: 'I only wanted to try it.' },
  defect: { de: 'Das Gerät ist nach wenigen Tagen kaputt gegangen.', en: 'It broke after a few days.' },
  not_as_described: {
    de: 'Sieht ganz anders aus als auf der Website.',
    en: 'Looks nothing like on the website.',
  },
  not_delivered: { de: 'Das Paket ist nie angekommen.', en: 'The parcel never arrived.' },
  duplicate_charge: { de: 'Mir wurde zweimal abgebucht.', en: 'I was charged twice.' },
  changed_mind: { de: 'Ich habe es mir anders überlegt.', en: 'I changed my mind.' },
  price: { de: 'Ist mir inzwischen zu teuer.', en: 'It is too expensive for me now.' },
  other: { de: 'Möchte den Betrag bitte erstattet haben.', en: 'I would like the amount refunded, please.' },
};

const CANCEL_WORDS: Record<string, { de: string; en: string }> = {
  too_expensive: { de: 'Das ist mir zu teuer geworden.', en: 'It has become too expensive for me.' },
  not_using: { de: 'Ich nutze es kaum noch.', en: 'I hardly use it any more.' },
  missing_features: { de: 'Mir fehlt die Kalender-Funktion.', en: 'I am missing the calendar feature.' },
  technical_problems: { de: 'Die App stürzt ständig ab.', en: 'The app keeps crashing.' },
  poor_support: {
    de: 'Ich warte seit Wochen auf eine Antwort.',
    en: 'I have been waiting for an answer for weeks.',
  },
  competitor: { de: 'Ich wechsle zu einem anderen Anbieter.', en: 'I am moving to another provider.' },
  trial_only: { de: 'Wollte es nur testen.', en: 'I only wanted to test it.' },
  temporary: { de: 'Brauche es über den Sommer nicht.', en: 'I do not need it over the summer.' },
  life_change: { de: 'Ich ziehe ins Ausland.', en: 'I am moving abroad.' },
  other: { de: 'Einfach so.', en: 'No particular reason.' },
};

const COMPETITORS = ['Lumio', 'Nordbox', 'Tarifa', 'Plano'];

const SURVEY_COMMENTS: Record<'good' | 'bad' | 'mid', { de: string[]; en: string[] }> = {
  good: {
    de: ['Schnell und freundlich, danke!', 'Sehr kulant, gerne wieder.', 'Alles unkompliziert.'],
    en: ['Quick and friendly, thanks!', 'Very fair, thank you.', 'Easy and painless.'],
  },
  mid: {
    de: ['Hat gedauert, aber ok.', 'Ging so.', ''],
    en: ['Took a while, but fine.', 'It was okay.', ''],
  },
  bad: {
    de: ['Unverschämt, das Geld steht mir zu.', 'Nie wieder.', 'Niemand hat mir zugehört.'],
    en: ['Outrageous, I am owed that money.', 'Never again.', 'Nobody listened to me.'],
  },
};

// ---- the account's context ----------------------------------------------------------------------

interface Ctx {
  g: GeneratedAccount;
  index: number;
  rng: Rng;
  now: Date;
  today: number;
  staff: HistoryStaff;
  policy: HistoryPolicy;
  out: GeneratedHistory;
  lang: 'de' | 'en';
  accountId: string;
  signupDay: number;
  /** Money back so far (refunds and store credit granted), for the facts' history. */
  moneyBack: Array<{ at: Date; amountMinor: number; basis: string }>;
  requestTimes: Date[];
  seq: number;
}

function audit(
  ctx: Ctx,
  at: Date,
  actor: string | null,
  action: string,
  entity: [type: string, id: string],
  caseId: string | null,
  changes: object,
) {
  ctx.out.audit.push({
    at,
    actor_id: actor,
    actor_role: actor === null ? 'system' : roleOf(ctx.staff, actor),
    action,
    entity_type: entity[0],
    entity_id: entity[1],
    account_id: ctx.accountId,
    case_id: caseId,
    changes: JSON.stringify(changes),
  });
}

function roleOf(staff: HistoryStaff, id: string): string {
  if (id === staff.admin) return 'admin';
  return staff.leads.includes(id) ? 'lead' : 'agent';
}

function pickAgent(ctx: Ctx): string {
  // the demo agent takes about half of the calls, the others share the rest
  const { agents } = ctx.staff;
  return ctx.rng.chance(0.5) || agents.length === 1 ? agents[0]! : ctx.rng.pick(agents.slice(1));
}

function openCase(
  ctx: Ctx,
  type: 'refund' | 'cancellation',
  at: Date,
  who: string,
  subject: string,
  mood: 'calm' | 'upset' | 'angry',
) {
  const { rng } = ctx;
  const id = seededId('case', at, rng);
  const channel = rng.weighted([
    ['phone', 60],
    ['email', 20],
    ['chat', 15],
    ['web', 5],
  ] as const);
  const row: Rec = {
    id,
    case_number: '',
    account_id: ctx.accountId,
    type,
    channel,
    mood,
    status: 'closed',
    subject,
    assignee_id: who,
    opened_by: who,
    opened_at: at,
    updated_at: at,
    closed_at: at,
  };
  ctx.out.cases.push(row);
  ctx.out.caseVerifications.push({
    case_id: id,
    account_id: ctx.accountId,
    subject_type: 'holder',
    representative_id: null,
    can_cancel: true,
    can_request_refunds: true,
    verified_at: new Date(at.getTime() + 60_000),
    expires_at: new Date(at.getTime() + 31 * 60_000),
  });
  return row;
}

function closeCase(
  ctx: Ctx,
  kase: Rec,
  at: Date,
  noteBy: string,
  reason: string,
  actions: string,
  body: string,
) {
  const closedAt = new Date(Math.min(at.getTime(), ctx.now.getTime() - 60_000));
  kase.updated_at = closedAt;
  kase.closed_at = closedAt;
  const noteAt = new Date(
    Math.max((kase.opened_at as Date).getTime() + 60_000, closedAt.getTime() - 120_000),
  );
  ctx.out.notes.push({
    id: seededId('note', noteAt, ctx.rng),
    account_id: ctx.accountId,
    case_id: kase.id,
    author_id: noteBy,
    contact_reason: reason,
    actions_taken: actions,
    body,
    created_at: noteAt,
  });
}

/** A follow-up survey on a share of the closed cases: most answered, the rest expired unanswered. */
function maybeSurvey(ctx: Ctx, kase: Rec, mood: 'good' | 'mid' | 'bad') {
  const { rng } = ctx;
  if (!rng.chance(0.4)) return;
  const closedAt = kase.closed_at as Date;
  const sentAt = new Date(closedAt.getTime() + DAY);
  const expiresAt = new Date(sentAt.getTime() + 14 * DAY);
  if (expiresAt.getTime() > ctx.now.getTime()) return; // still open surveys need a live link: not seeded
  const answered = rng.chance(0.62);
  const weights: Record<typeof mood, Array<[number, number]>> = {
    good: [
      [5, 52],
      [4, 30],
      [3, 11],
      [2, 4],
      [1, 3],
    ],
    mid: [
      [5, 15],
      [4, 35],
      [3, 30],
      [2, 12],
      [1, 8],
    ],
    bad: [
      [5, 4],
      [4, 8],
      [3, 20],
      [2, 32],
      [1, 36],
    ],
  };
  const rating = rng.weighted(weights[mood]);
  const tone = rating >= 4 ? 'good' : rating === 3 ? 'mid' : 'bad';
  const comment = rng.chance(0.5) ? rng.pick(SURVEY_COMMENTS[tone][ctx.lang]) : '';
  const answeredAt = new Date(sentAt.getTime() + rng.int(10, 72 * 60) * 60_000);
  const id = seededId('srv', closedAt, rng);
  ctx.out.surveys.push({
    id,
    case_id: kase.id,
    account_id: ctx.accountId,
    state: answered ? 'answered' : 'expired',
    due_at: sentAt,
    job_id: null,
    token_hash: null,
    message_id: null,
    sent_at: sentAt,
    expires_at: expiresAt,
    rating: answered ? rating : null,
    comment: answered && comment ? comment : null,
    answered_at: answered ? answeredAt : null,
    created_by: kase.assignee_id,
    created_at: closedAt,
    cancelled_at: null,
  });
  if (answered)
    ctx.out.audit.push({
      at: answeredAt,
      actor_id: null,
      actor_role: 'customer',
      action: 'survey.answered',
      entity_type: 'survey',
      entity_id: id,
      account_id: ctx.accountId,
      case_id: kase.id,
      changes: JSON.stringify({ rating, comment: comment.slice(0, 500) }),
    });
}

// ---- refund requests ------------------------------------------------------------------------------

interface Target {
  payment: Rec;
  category: 'subscription' | 'digital' | 'physical' | 'service';
  purchasedAt: Date;
  deliveredAt: Date | null;
  subscription: Rec | null;
  period: { start: number; end: number } | null;
  isFirstPayment: boolean;
  productId: string | null;
}

/** A new one-off order (with its paid invoice and payment) shortly before the request day. */
function historicOrder(ctx: Ctx, requestDay: number, productId: string | null): Target | null {
  const { rng } = ctx;
  const product =
    PRODUCTS.find((p) => p.id === productId) ??
    rng.weighted(
      PRODUCTS.map((p) => [p, p.category === 'physical' ? 3 : p.category === 'service' ? 1.5 : 1] as const),
    );
  const orderDay = requestDay - rng.int(product.category === 'physical' ? 5 : 1, 28);
  if (orderDay < ctx.signupDay) return null;
  const orderedAt = officeTime(rng, orderDay);
  const deliveredAt =
    product.category === 'physical'
      ? new Date(orderedAt.getTime() + rng.int(1, 4) * DAY)
      : new Date(orderedAt.getTime() + 60_000);
  if (dayOf(deliveredAt) > requestDay) return null;
  const n = ctx.seq++;
  const orderId = seededId('ord', orderedAt, rng);
  ctx.out.orders.push({
    id: orderId,
    order_number: `BH${String(ctx.index * 64 + n).padStart(9, '0')}`,
    account_id: ctx.accountId,
    product_id: product.id,
    quantity: 1,
    total_minor: product.priceMinor,
    status: 'delivered',
    ordered_at: orderedAt,
    delivered_at: deliveredAt,
  });
  const payment = paidInvoice(ctx, product.priceMinor, orderedAt, { order_id: orderId }, n);
  return {
    payment,
    category: product.category,
    purchasedAt: orderedAt,
    deliveredAt,
    subscription: null,
    period: null,
    isFirstPayment: false,
    productId: product.id,
  };
}

function paidInvoice(
  ctx: Ctx,
  amount: number,
  at: Date,
  link: { order_id?: string; subscription_id?: string },
  n: number,
) {
  const { rng } = ctx;
  const invoiceId = seededId('inv', at, rng);
  ctx.out.invoices.push({
    id: invoiceId,
    invoice_number: `RH${String(ctx.index * 64 + n).padStart(9, '0')}`,
    account_id: ctx.accountId,
    subscription_id: link.subscription_id ?? null,
    order_id: link.order_id ?? null,
    amount_minor: amount,
    paid_minor: amount,
    status: 'paid',
    issued_at: at,
    due_on: isoDay(dayOf(at) + 14),
  });
  const paidAt = new Date(at.getTime() + rng.int(1, 30) * 60_000);
  const method = rng.weighted([
    ['card', 45],
    ['sepa_debit', 30],
    ['paypal', 25],
  ] as const);
  const payment: Rec = {
    id: seededId('pay', paidAt, rng),
    account_id: ctx.accountId,
    invoice_id: invoiceId,
    order_id: link.order_id ?? null,
    subscription_id: link.subscription_id ?? null,
    amount_minor: amount,
    refunded_minor: 0,
    method,
    status: 'succeeded',
    provider_ref: `ch_${rng.uint32().toString(16).padStart(8, '0')}${rng.uint32().toString(16).padStart(8, '0')}`,
    paid_at: paidAt,
  };
  ctx.out.payments.push(payment);
  return payment;
}

const subEndDay = (s: Rec, today: number) =>
  s.status === 'cancelled' || s.status === 'pending_cancellation'
    ? Math.min(today, Math.floor(Date.parse(String(s.cancel_effective_on)) / DAY))
    : s.status === 'expired'
      ? Math.floor(Date.parse(String(s.current_period_end)) / DAY)
      : today;

/** The subscription payment of the period the request day falls in: the seeded one, or an older one written now. */
function subscriptionPayment(ctx: Ctx, requestDay: number): Target | null {
  const { g, rng } = ctx;
  const running = g.subscriptions.filter((s) => {
    const start = dayOf(s.started_at as Date);
    return s.status !== 'trialing' && start < requestDay && subEndDay(s as Rec, ctx.today) >= requestDay;
  });
  if (running.length === 0) return null;
  const s = rng.pick(running) as Rec;
  const plan = PLANS.find((p) => p.id === s.plan_id)!;
  const step = plan.cycle === 'monthly' ? 1 : 12;
  const startDay = dayOf(s.started_at as Date);
  let k = 0;
  while (addMonthsDay(startDay, (k + 1) * step) <= requestDay) k++;
  const periodStart = addMonthsDay(startDay, k * step);
  const period = { start: periodStart, end: addMonthsDay(startDay, (k + 1) * step) };
  const seeded = [...g.payments, ...ctx.out.payments].filter(
    (p) => p.subscription_id === s.id && p.status === 'succeeded',
  ) as Rec[];
  const earliest = Math.min(...seeded.map((p) => dayOf(p.paid_at as Date)), Number.POSITIVE_INFINITY);
  let payment = seeded.find((p) => {
    const d = dayOf(p.paid_at as Date);
    return d >= periodStart && d < period.end && d <= requestDay;
  });
  if (!payment) {
    // the seed keeps only the last invoices of a subscription; an older period gets its own now
    if (periodStart >= earliest) return null;
    const issuedAt = officeTime(rng, periodStart);
    payment = paidInvoice(ctx, plan.priceMinor, issuedAt, { subscription_id: s.id as string }, ctx.seq++);
  }
  if (Number(payment.amount_minor) - Number(payment.refunded_minor) <= 0) return null;
  return {
    payment,
    category: 'subscription',
    purchasedAt: payment.paid_at as Date,
    deliveredAt: null,
    subscription: s,
    period,
    isFirstPayment: periodStart === startDay,
    productId: null,
  };
}

const ORDER_REASONS: Record<string, Array<[string, number]>> = {
  physical: [
    ['defect', 22],
    ['not_as_described', 18],
    ['not_delivered', 10],
    ['changed_mind', 32],
    ['price', 8],
    ['other', 10],
  ],
  digital: [
    ['not_satisfied', 40],
    ['changed_mind', 30],
    ['duplicate_charge', 10],
    ['other', 20],
  ],
  service: [
    ['not_satisfied', 40],
    ['poor_support', 30],
    ['changed_mind', 20],
    ['other', 10],
  ],
  subscription: [
    ['not_satisfied', 30],
    ['trial_only', 10],
    ['poor_support', 15],
    ['duplicate_charge', 5],
    ['price', 15],
    ['changed_mind', 15],
    ['other', 10],
  ],
};

interface Planned {
  day: number;
  spike: boolean;
  repeat: boolean;
}

function planRefunds(ctx: Ctx): Planned[] {
  const { rng, today, index, g } = ctx;
  const lo = Math.max(ctx.signupDay + 3, today - 730);
  const hi = today - 1;
  const planned: Planned[] = [];
  if (hi <= lo) return planned;
  const channel = String(g.account.acquisition_channel);
  const factor =
    channel === HIGH_REFUND_CHANNEL ? 2.7 : channel === 'affiliate' ? 1.3 : channel === 'referral' ? 0.6 : 1;
  const years = (hi - lo) / 365;
  const count = poisson(rng, 0.5 * factor * years);
  for (let i = 0; i < count; i++)
    planned.push({ day: seasonalDay(rng, lo, hi), spike: false, repeat: false });
  // the headphones' bad batch: many of the buyers in those six weeks call with a defect
  const spikeFrom = today - SPIKE.fromDaysAgo;
  const spikeTo = today - SPIKE.toDaysAgo;
  if (index % 8 === 3 && ctx.signupDay < spikeFrom - 30 && rng.chance(0.55))
    planned.push({ day: rng.int(spikeFrom, spikeTo - 1), spike: true, repeat: false });
  // the repeat requesters: three to five more requests within the last eleven months
  if (isRepeatRequester(index) && ctx.signupDay < today - 340) {
    const extra = rng.int(3, 5);
    for (let i = 0; i < extra; i++)
      planned.push({ day: rng.int(today - 330, today - 2), spike: false, repeat: true });
  }
  return planned.sort((a, b) => a.day - b.day);
}

function buildFacts(ctx: Ctx, t: Target, reasonCode: string, requestedMinor: number, at: Date) {
  const since = at.getTime() - 366 * DAY;
  const s = t.subscription;
  const allPayments = [...ctx.g.payments, ...ctx.out.payments] as Rec[];
  let lifetime = 0;
  for (const p of allPayments)
    if (p.status === 'succeeded' && (p.paid_at as Date).getTime() <= at.getTime())
      lifetime += Number(p.amount_minor) - Number(p.refunded_minor);
  const cancelledAt = s?.cancelled_at as Date | null | undefined;
  return refundFacts.parse({
    payment: {
      paid: eur(Number(t.payment.amount_minor)),
      alreadyRefunded: eur(Number(t.payment.refunded_minor)),
      category: t.category,
      purchasedAt: t.purchasedAt.toISOString(),
      deliveredAt: t.deliveredAt?.toISOString() ?? null,
      isDistanceContract: true,
      digitalDeliveryStartedWithConsent: t.category === 'digital' && t.deliveredAt !== null,
    },
    subscription: s && {
      signedUpAt: (s.started_at as Date).toISOString(),
      isFirstPayment: t.isFirstPayment,
      interval: s.cycle,
      period: { start: isoDay(t.period!.start), end: isoDay(t.period!.end) },
      cancelEffectiveOn: cancelledAt && cancelledAt.getTime() < at.getTime() ? s.cancel_effective_on : null,
      lastRenewedAt: t.isFirstPayment ? null : (t.payment.paid_at as Date).toISOString(),
    },
    reasonCode,
    customer: {
      customerSince: (ctx.g.account.signup_at as Date).toISOString(),
      lifetimeValue: eur(Math.max(0, lifetime)),
      verification: 'verified',
    },
    history: {
      refunds: ctx.moneyBack
        .filter((m) => m.at.getTime() > since && m.at.getTime() < at.getTime())
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .map((m) => ({ at: m.at.toISOString(), amount: eur(m.amountMinor), basis: m.basis })),
      requests: ctx.requestTimes
        .filter((r) => r.getTime() > since && r.getTime() < at.getTime())
        .sort((a, b) => b.getTime() - a.getTime())
        .map((r) => ({ at: r.toISOString() })),
      complaints: [],
    },
    requested: eur(requestedMinor),
  });
}

function refundEvent(
  ctx: Ctx,
  requestId: string,
  at: Date,
  actor: string,
  action: string,
  from: string | null,
  to: string,
  note: string | null,
) {
  ctx.out.refundEvents.push({
    request_id: requestId,
    at,
    actor_id: actor,
    action,
    from_status: from,
    to_status: to,
    note,
  });
}

/** Who decides: the agent when the evaluation lets an agent, else a lead (or the admin for the largest). */
function decider(ctx: Ctx, evaluation: Evaluation, agent: string): string {
  const role = evaluation.approval.recommended;
  if (role === 'agent') return agent;
  if (role === 'admin') return ctx.staff.admin;
  return ctx.rng.chance(0.8)
    ? ctx.staff.leads[0]!
    : ctx.rng.chance(0.5)
      ? ctx.staff.admin
      : ctx.rng.pick(ctx.staff.leads);
}

function addRefundRequest(ctx: Ctx, plan: Planned) {
  const { rng } = ctx;
  let t: Target | null = null;
  if (plan.spike) t = historicOrder(ctx, plan.day, SPIKE.productId);
  else if (rng.chance(0.55)) t = subscriptionPayment(ctx, plan.day);
  t ??= historicOrder(ctx, plan.day, null);
  if (!t) return;
  const reasonCode = plan.spike
    ? SPIKE.reasonCode
    : plan.repeat
      ? rng.pick(['changed_mind', 'not_satisfied', 'other', 'not_delivered'])
      : rng.weighted(ORDER_REASONS[t.category]!);
  if (!Object.hasOwn(ctx.policy.document.reasons, reasonCode)) return;
  const remainder = Number(t.payment.amount_minor) - Number(t.payment.refunded_minor);
  const requestedMinor = rng.chance(0.85)
    ? remainder
    : Math.max(1, Math.round((remainder * rng.int(30, 80)) / 100));
  const agent = pickAgent(ctx);
  const at = officeTime(rng, workingDay(plan.day));
  if (at.getTime() >= ctx.now.getTime() - 30 * 60_000 || at.getTime() < t.purchasedAt.getTime()) return;
  const facts = buildFacts(ctx, t, reasonCode, requestedMinor, at);
  const evaluation = evaluate(facts, ctx.policy.document, at);
  const mood =
    reasonCode === 'defect' || reasonCode === 'not_delivered'
      ? rng.pick(['upset', 'angry'] as const)
      : rng.weighted([
          ['calm', 60],
          ['upset', 30],
          ['angry', 10],
        ] as const);
  const words = REFUND_WORDS[reasonCode]![ctx.lang];
  const reasonLabel = ctx.policy.document.reasons[reasonCode]![ctx.lang];
  const kase = openCase(
    ctx,
    'refund',
    at,
    agent,
    ctx.lang === 'de' ? `Erstattung: ${reasonLabel}` : `Refund: ${reasonLabel}`,
    mood,
  );
  const caseId = kase.id as string;
  const createdAt = new Date(at.getTime() + rng.int(3, 12) * 60_000);
  const id = seededId('rfr', createdAt, rng);
  const escalated = evaluation.decision === 'escalate';
  const request: Rec = {
    id,
    case_id: caseId,
    account_id: ctx.accountId,
    payment_id: t.payment.id,
    order_id: t.payment.order_id ?? null,
    reason_code: reasonCode,
    customer_words: words,
    mood,
    requested_minor: requestedMinor,
    currency: 'EUR',
    status: escalated ? 'pending_approval' : 'evaluated',
    status_since: createdAt,
    policy_version: ctx.policy.version,
    facts: JSON.stringify(facts),
    evaluation: JSON.stringify(evaluation),
    evaluated_at: createdAt,
    decided_minor: null,
    decided_by: null,
    decided_at: null,
    decision_note: null,
    alternative: null,
    execution_method: null,
    execution_ref: null,
    failure_reason: null,
    idempotency_key: null,
    request_fingerprint: null,
    created_by: agent,
    created_at: createdAt,
    updated_at: createdAt,
  };
  ctx.out.refundRequests.push(request);
  ctx.requestTimes.push(createdAt);
  refundEvent(ctx, id, createdAt, agent, 'evaluated', null, 'evaluated', null);
  if (escalated) refundEvent(ctx, id, createdAt, agent, 'escalated', 'evaluated', 'pending_approval', null);
  audit(ctx, createdAt, agent, 'refund_request.created', ['refund_request', id], caseId, {
    status: { from: null, to: request.status },
    paymentId: t.payment.id,
    reasonCode,
    requestedMinor,
    currency: 'EUR',
    policyVersion: ctx.policy.version,
    basis: evaluation.basis,
    recommendation: evaluation.decision,
    recommendedMinor: evaluation.recommended.amountMinor,
  });

  // the decision: an agent right away within the agent's limits, else a lead or the admin later
  const who = decider(ctx, evaluation, agent);
  const decidedAt =
    who === agent
      ? later(createdAt, 2, 9, rng)
      : laterWorking(
          rng,
          createdAt,
          rng.weighted([
            [0, 50],
            [1, 35],
            [2, 10],
            [4, 5],
          ] as const),
        );
  // beyond the agent's limits: the agent sends it to the exceptions queue while still on the call,
  // as the desk does (POST /api/refund-requests/:id/escalate), and a lead decides it from there
  const queued = escalated || who !== agent;
  if (queued && !escalated) {
    const escalatedAt = later(createdAt, 1, 4, rng);
    request.status = 'pending_approval';
    request.status_since = escalatedAt;
    request.updated_at = escalatedAt;
    refundEvent(ctx, id, escalatedAt, agent, 'escalated', 'evaluated', 'pending_approval', null);
    audit(ctx, escalatedAt, agent, 'refund_request.escalated', ['refund_request', id], caseId, {
      status: { from: 'evaluated', to: 'pending_approval' },
    });
  }
  // still waiting: an exception in the queue, the case waiting for the lead; the leads are behind
  // on the last week's exceptions, so a lead's first look at the queue finds some, a few overdue
  const recentException = queued && createdAt.getTime() > ctx.now.getTime() - OPEN_EXCEPTIONS_DAYS * DAY;
  if (decidedAt.getTime() > ctx.now.getTime() - 10 * 60_000 || (recentException && rng.chance(0.6))) {
    kase.status = 'pending';
    kase.closed_at = null;
    kase.updated_at = createdAt;
    return;
  }
  const signals = evaluation.abuseSignals.length;
  let approve: boolean;
  let amount = evaluation.recommended.amountMinor;
  if (escalated) {
    // exceptions: the lead approves most, the admin is stricter; abuse signals weigh heavily
    const p = (who === ctx.staff.admin ? 0.5 : 0.68) - signals * 0.25;
    approve = rng.chance(Math.max(0.05, p));
    if (amount <= 0)
      amount = Math.min(requestedMinor, Number(evaluation.maxRefundable.amountMinor) || requestedMinor);
  } else approve = evaluation.decision !== 'deny';
  amount = Math.min(amount, remainder);
  if (amount <= 0) approve = false;
  const decidedStatus = approve ? 'approved' : 'denied';
  const note = approve
    ? ctx.lang === 'de'
      ? 'Erstattung wie besprochen.'
      : 'Refund as agreed.'
    : ctx.lang === 'de'
      ? 'Nicht erstattungsfähig, Alternative angeboten.'
      : 'Not refundable, offered an alternative.';
  request.decided_by = who;
  request.decided_at = decidedAt;
  request.decision_note = note;
  request.status_since = decidedAt;
  request.updated_at = decidedAt;
  if (!approve) {
    const alternative = { kind: rng.pick(['store_credit', 'discount', 'exchange'] as const) };
    request.status = 'denied';
    request.alternative = JSON.stringify(alternative);
    refundEvent(
      ctx,
      id,
      decidedAt,
      who,
      'denied',
      String(queued ? 'pending_approval' : 'evaluated'),
      'denied',
      note,
    );
    audit(ctx, decidedAt, who, 'refund_request.denied', ['refund_request', id], caseId, {
      status: { from: queued ? 'pending_approval' : 'evaluated', to: 'denied' },
      alternative,
    });
    closeCase(ctx, kase, later(decidedAt, 2, 15, rng), who, words, note, note);
    maybeSurvey(ctx, kase, 'bad');
    return;
  }
  const method = rng.chance(0.88) ? 'original_payment' : 'store_credit';
  const executionId = seededId('rex', decidedAt, rng);
  request.decided_minor = amount;
  refundEvent(
    ctx,
    id,
    decidedAt,
    who,
    'approved',
    queued ? 'pending_approval' : 'evaluated',
    decidedStatus,
    note,
  );
  audit(ctx, decidedAt, who, 'refund_request.approved', ['refund_request', id], caseId, {
    status: { from: queued ? 'pending_approval' : 'evaluated', to: 'approved' },
    amountMinor: amount,
    currency: 'EUR',
    method,
    executionId,
    basis: evaluation.basis,
  });
  // the worker moves the money a moment later, as the system
  const executedAt = new Date(decidedAt.getTime() + rng.int(5, 90) * 1000);
  const key = `refund-request:${id}`;
  const reason = `Refund request ${id} (${reasonCode})`;
  let ref: string;
  if (method === 'store_credit') {
    ref = seededId('scr', executedAt, rng);
    ctx.out.storeCredits.push({
      id: ref,
      account_id: ctx.accountId,
      amount_minor: amount,
      reason,
      case_id: caseId,
      created_by: null,
      created_at: executedAt,
    });
    audit(ctx, executedAt, null, 'store_credit.granted', ['store_credit_entry', ref], caseId, {
      amountMinor: amount,
      currency: 'EUR',
      reason,
    });
  } else {
    ref = seededId('rfd', executedAt, rng);
    const before = Number(t.payment.refunded_minor);
    t.payment.refunded_minor = before + amount;
    ctx.out.paymentRefunds.push({
      id: ref,
      payment_id: t.payment.id,
      account_id: ctx.accountId,
      idempotency_key: key,
      amount_minor: amount,
      currency: 'EUR',
      status: 'succeeded',
      reason,
      failure_reason: null,
      provider: 'kulanz',
      provider_ref: ref,
      case_id: caseId,
      requested_by: null,
      created_at: executedAt,
      updated_at: executedAt,
      settled_at: executedAt,
      failed_at: null,
    });
    audit(ctx, executedAt, null, 'payment.refund_booked', ['payment', String(t.payment.id)], caseId, {
      refundId: ref,
      amountMinor: amount,
      currency: 'EUR',
      status: 'succeeded',
      provider: 'kulanz',
      reason,
      refundedMinor: { from: before, to: before + amount },
    });
  }
  ctx.moneyBack.push({ at: executedAt, amountMinor: amount, basis: evaluation.basis });
  ctx.out.refundExecutions.push({
    id: executionId,
    request_id: id,
    method,
    amount_minor: amount,
    currency: 'EUR',
    idempotency_key: key,
    status: 'succeeded',
    attempts: 1,
    last_error: null,
    result_ref: ref,
    failure_reason: null,
    payout_holder: null,
    payout_iban: null,
    created_by: who,
    created_at: decidedAt,
    updated_at: executedAt,
    finished_at: executedAt,
  });
  request.status = 'executed';
  request.status_since = executedAt;
  request.updated_at = executedAt;
  request.execution_method = method;
  request.execution_ref = ref;
  refundEvent(ctx, id, executedAt, who, 'executed', 'approved', 'executed', null);
  audit(ctx, executedAt, who, 'refund_request.executed', ['refund_request', id], caseId, {
    status: { from: 'approved', to: 'executed' },
    executionId,
    amountMinor: amount,
    currency: 'EUR',
    method,
    executionRef: ref,
    idempotencyKey: key,
  });
  closeCase(ctx, kase, later(executedAt, 1, 10, rng), who, words, note, note);
  maybeSurvey(ctx, kase, amount < requestedMinor ? 'mid' : 'good');
}

// ---- cancellations and retention offers -------------------------------------------------------------

type Offer = (typeof DEMO_OFFERS)[number];

function eligibleOffers(planCode: string, reason: string, tenureDays: number): Offer[] {
  return DEMO_OFFERS.filter((o) => {
    const e = o.eligibility as {
      plans: readonly string[];
      reasons: readonly string[];
      minTenureDays?: number;
    };
    if (e.plans.length > 0 && !e.plans.includes(planCode)) return false;
    if (e.reasons.length > 0 && !e.reasons.includes(reason)) return false;
    return !(e.minTenureDays && tenureDays < e.minTenureDays);
  });
}

function cancellationReason(rng: Rng, tenureDays: number): string {
  if (tenureDays < 45)
    return rng.weighted([
      ['trial_only', 35],
      ['not_using', 25],
      ['too_expensive', 20],
      ['technical_problems', 10],
      ['other', 10],
    ] as const);
  return rng.weighted([
    ['too_expensive', 26],
    ['not_using', 18],
    ['missing_features', 10],
    ['technical_problems', 8],
    ['poor_support', 6],
    ['competitor', 10],
    ['temporary', 8],
    ['life_change', 8],
    ['other', 6],
  ] as const);
}

interface CancelPlan {
  sub: Rec;
  at: Date;
  /** cancelled / scheduled (the subscription's own state), or an attempt on a live one. */
  ending: 'cancelled' | 'scheduled' | null;
}

function planCancellations(ctx: Ctx): CancelPlan[] {
  const { rng, today } = ctx;
  const plans: CancelPlan[] = [];
  for (const s of ctx.g.subscriptions as Rec[]) {
    const cancelledAt = s.cancelled_at as Date | null;
    if ((s.status === 'cancelled' || s.status === 'pending_cancellation') && cancelledAt) {
      if (dayOf(cancelledAt) < today - 730) continue;
      const day = workingDay(dayOf(cancelledAt));
      const at = officeTime(rng, day);
      if (at.getTime() >= ctx.now.getTime() - 3 * 3_600_000) continue;
      plans.push({ sub: s, at, ending: s.status === 'cancelled' ? 'cancelled' : 'scheduled' });
    } else if (s.status === 'active' || s.status === 'paused' || s.status === 'past_due') {
      // customers who called to cancel and stayed: most within their first months
      if (!rng.chance(0.5)) continue;
      const start = dayOf(s.started_at as Date);
      const day = workingDay(start + 3 + Math.round(-Math.log(1 - rng.next()) * 75));
      if (day >= today - 1 || day < today - 730) continue;
      plans.push({ sub: s, at: officeTime(rng, day), ending: null });
    }
  }
  return plans;
}

function addCancellation(ctx: Ctx, plan: CancelPlan) {
  const { rng } = ctx;
  const s = plan.sub;
  const agent = pickAgent(ctx);
  const planRow = PLANS.find((p) => p.id === s.plan_id)!;
  const tenureDays = Math.max(0, dayOf(plan.at) - ctx.signupDay);
  const reason = cancellationReason(rng, tenureDays);
  const words = CANCEL_WORDS[reason]![ctx.lang];
  const mood = rng.weighted([
    ['calm', 65],
    ['upset', 28],
    ['angry', 7],
  ] as const);
  const planName = ctx.lang === 'de' ? planRow.nameDe : planRow.nameEn;
  const kase = openCase(
    ctx,
    'cancellation',
    plan.at,
    agent,
    ctx.lang === 'de' ? `Kündigung ${planName}` : `Cancel ${planName}`,
    mood,
  );
  const caseId = kase.id as string;
  const id = seededId('can', plan.at, rng);
  let t = new Date(plan.at.getTime() + rng.int(1, 3) * 60_000);
  const step = (name: string, status: string, changes: object) => {
    ctx.out.cancellationEvents.push({
      request_id: id,
      at: t,
      actor_id: agent,
      step: name,
      status,
      detail: JSON.stringify(changes),
    });
    audit(ctx, t, agent, `cancellation.${name}`, ['cancellation', id], caseId, changes);
  };
  const next = () => {
    t = new Date(t.getTime() + rng.int(40, 240) * 1000);
    return t;
  };
  const request: Rec = {
    id,
    reference: cancellationReference(id),
    case_id: caseId,
    account_id: ctx.accountId,
    subscription_id: s.id,
    status: 'in_progress',
    reason_code: reason,
    reason_version: 1,
    customer_words: words,
    competitor: reason === 'competitor' ? rng.pick(COMPETITORS) : null,
    reviewed_at: null,
    open_balance_minor: null,
    balance_discussed: null,
    explained_at: null,
    explained_effective: null,
    offers_at: null,
    offers_outcome: null,
    offers_shown: null,
    accepted_offer_id: null,
    processed_at: null,
    processed_by: null,
    effective: null,
    effective_on: null,
    last_billing_on: null,
    refund_minor: null,
    currency: null,
    refund_basis: null,
    refund_payment_id: null,
    refund_ref: null,
    refund_status: null,
    policy_version: null,
    end_job_id: null,
    confirmed_at: null,
    confirmation_message_id: null,
    closed_at: null,
    idempotency_key: null,
    request_fingerprint: null,
    created_by: agent,
    created_at: t,
    updated_at: t,
  };
  ctx.out.cancellations.push(request);
  step('started', 'in_progress', { subscriptionId: s.id, reasonCode: reason, reasonVersion: 1 });
  request.reviewed_at = next();
  request.open_balance_minor = 0;
  request.balance_discussed = false;
  step('reviewed', 'in_progress', { openBalanceMinor: 0, balanceDiscussed: false });
  request.explained_at = next();
  request.explained_effective = 'period_end';
  step('explained', 'in_progress', { effective: 'period_end' });

  // offers: about a tenth of the customers are the holdout group and see none. Whether the
  // subscription stayed is fixed by the accounts already (plan.ending), so the story that offers
  // work is told by who lands in the holdout: mostly customers who then left (about one in six of
  // the holdout stays, against about half of those offered something) — the lift the dashboard shows
  const offersAt = next();
  const holdout = rng.chance(plan.ending === null ? 0.03 : 0.18);
  const offers = holdout ? [] : eligibleOffers(planRow.code, reason, tenureDays);
  const base = {
    case_id: caseId,
    account_id: ctx.accountId,
    subscription_id: s.id,
    actor_id: agent,
    at: offersAt,
  };
  const shown = offers.map((o) => ({
    offerId: o.id,
    kind: o.terms.kind,
    title: o.title,
    why: [],
    terms:
      o.terms.kind === 'pause'
        ? { ...o.terms, resumeOn: isoDay(addMonthsDay(dayOf(offersAt), o.terms.months)) }
        : { ...o.terms },
  }));
  if (holdout)
    ctx.out.offerEvents.push({ ...base, offer_id: null, event: 'holdout', terms: '{}', holdout: true });
  for (const o of shown)
    ctx.out.offerEvents.push({
      ...base,
      offer_id: o.offerId,
      event: 'shown',
      terms: JSON.stringify(o.terms),
      holdout: false,
    });
  audit(ctx, offersAt, agent, 'offers.presented', ['case', caseId], caseId, {
    holdout,
    offers: shown.map((o) => o.offerId),
    reasonCode: reason,
  });
  request.offers_shown = JSON.stringify(shown);
  const ends = holdout || shown.length === 0;
  const firstOutcome = holdout ? 'holdout' : ends ? 'none' : null;
  request.offers_at = ends ? offersAt : null;
  request.offers_outcome = firstOutcome;
  step('offers_shown', 'in_progress', {
    holdout,
    offerIds: shown.map((o) => o.offerId),
    outcome: firstOutcome,
  });
  const watch = (offer: (typeof shown)[number] | null, status: 'confirmed' | 'lost', at: Date) => {
    const checkAt = new Date(at.getTime() + 30 * DAY);
    const due = checkAt.getTime() <= ctx.now.getTime();
    ctx.out.saveWatches.push({
      id: seededId('osw', at, rng),
      case_id: caseId,
      account_id: ctx.accountId,
      subscription_id: s.id,
      offer_id: offer?.offerId ?? null,
      kind: offer?.kind ?? null,
      holdout: offer === null,
      status: due ? status : 'pending',
      check_at: checkAt,
      created_at: at,
      decided_at: due ? checkAt : null,
    });
  };
  if (holdout) watch(null, plan.ending ? 'lost' : 'confirmed', offersAt);

  // a live subscription stayed: an accepted offer, or the customer changed their mind
  const accept = plan.ending === null && shown.length > 0 && rng.chance(0.75);
  if (!ends) {
    const offer = accept ? rng.pick(shown) : shown[0]!;
    const answerAt = next();
    const event = accept ? 'accepted' : 'declined';
    ctx.out.offerEvents.push({
      ...base,
      at: answerAt,
      offer_id: offer.offerId,
      event,
      terms: JSON.stringify(offer.terms),
      holdout: false,
    });
    audit(ctx, answerAt, agent, `offer.${event}`, ['retention_offer', offer.offerId], caseId, {
      subscriptionId: s.id,
      terms: offer.terms,
    });
    request.offers_at = answerAt;
    request.offers_outcome = accept ? 'retained' : 'declined';
    if (accept) {
      request.accepted_offer_id = offer.offerId;
      request.status = 'retained';
      request.closed_at = answerAt;
      step('retained', 'retained', { offerId: offer.offerId });
      watch(offer, 'confirmed', answerAt);
    } else step('offer_declined', 'in_progress', { offerId: offer.offerId });
  }
  if (plan.ending === null && request.status === 'in_progress') {
    request.status = 'withdrawn';
    request.closed_at = next();
    step('withdrawn', 'withdrawn', {});
  } else if (plan.ending !== null) {
    const effectiveOn = String(s.cancel_effective_on);
    request.processed_at = next();
    request.processed_by = agent;
    request.effective = 'period_end';
    request.effective_on = effectiveOn;
    request.last_billing_on = effectiveOn;
    request.refund_minor = 0;
    request.currency = 'EUR';
    request.policy_version = ctx.policy.version;
    request.status = 'scheduled';
    step('processed', 'scheduled', {
      effective: 'period_end',
      effectiveOn,
      refundMinor: 0,
      currency: 'EUR',
      refundBasis: null,
      refundRef: null,
    });
    request.confirmed_at = next();
    step('confirmed', 'scheduled', { effectiveOn });
    if (plan.ending === 'cancelled') {
      request.status = 'cancelled';
      request.closed_at = new Date(Math.min(ctx.now.getTime() - 60_000, Date.parse(effectiveOn) + 3_600_000));
    }
  }
  request.updated_at = request.closed_at ?? t;
  const outcomeText =
    request.status === 'retained'
      ? ctx.lang === 'de'
        ? 'Angebot angenommen, Kunde bleibt.'
        : 'Offer accepted, customer stays.'
      : request.status === 'withdrawn'
        ? ctx.lang === 'de'
          ? 'Kunde hat es sich anders überlegt.'
          : 'Customer changed their mind.'
        : ctx.lang === 'de'
          ? `Gekündigt zum ${request.effective_on}.`
          : `Cancelled as of ${request.effective_on}.`;
  closeCase(
    ctx,
    kase,
    new Date(t.getTime() + rng.int(1, 5) * 60_000),
    agent,
    words,
    outcomeText,
    outcomeText,
  );
  maybeSurvey(ctx, kase, request.status === 'retained' ? 'good' : mood === 'angry' ? 'bad' : 'mid');
}

/**
 * The desk history of demo account `g` (generated by generateAccount): refund requests with their
 * decisions and money, cancellations with their offers, surveys. Same seed, index, now, staff and
 * policy give the same rows. Mutates `g.payments` (refunded_minor) where a seeded payment is refunded.
 */
export function generateHistory(
  g: GeneratedAccount,
  index: number,
  seed: number,
  now: Date,
  staff: HistoryStaff,
  policy: HistoryPolicy,
): GeneratedHistory {
  const out = emptyHistory();
  const base = {
    g,
    index,
    now,
    today: Math.floor(now.getTime() / DAY),
    staff,
    policy,
    out,
    lang: g.identity.language,
    accountId: String(g.account.id),
    signupDay: dayOf(g.account.signup_at as Date),
    requestTimes: [] as Date[],
    seq: 0,
    moneyBack: g.storeCredits
      .filter((c) => Number(c.amount_minor) > 0)
      .map((c) => ({ at: c.created_at as Date, amountMinor: Number(c.amount_minor), basis: 'goodwill' })),
  };
  const refunds: Ctx = { ...base, rng: Rng.for(seed, index, STREAM_REFUNDS) };
  for (const plan of planRefunds(refunds)) addRefundRequest(refunds, plan);
  const cancels: Ctx = { ...refunds, rng: Rng.for(seed, index, STREAM_CANCELLATIONS) };
  for (const plan of planCancellations(cancels)) addCancellation(cancels, plan);
  return out;
}
