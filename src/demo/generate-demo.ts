import type { Insertable } from 'kysely';
import type { DB } from '../db/schema';
import { normalizeFactor } from '../modules/verification/factor-hash';
import { VERIFICATION_FACTORS, type VerificationFactor } from '../modules/verification/verification-settings';
import { foldName, normalizeEmail, normalizePhone } from '../platform/normalize';
import {
  CHANNELS,
  COMMITMENTS_DE,
  COMMITMENTS_EN,
  DE_CITIES,
  DE_FIRST_FEMALE,
  DE_FIRST_MALE,
  DE_LAST,
  DE_MAIL_DOMAINS,
  DE_MOBILE,
  DE_STREETS,
  type DemoPlan,
  EN_FIRST,
  EN_LAST,
  EN_MAIL_DOMAINS,
  GB_ADDRESSES,
  NOTE_BODIES,
  NOTE_TEMPLATES,
  PLANS,
  PRODUCTS,
  RELATIONSHIPS,
  SECURITY_ANSWERS_DE,
  SECURITY_ANSWERS_EN,
  STORE_CREDIT_REASONS,
  US_ADDRESSES,
} from './demo-catalog';
import { Rng, seededId } from './prng';

export const DEFAULT_DEMO_SEED = 20261122;
export const FIRST_ACCOUNT_NUMBER = 1_000_001;
export const SUBSCRIPTION_STATES = [
  'trialing',
  'active',
  'paused',
  'past_due',
  'pending_cancellation',
  'cancelled',
  'expired',
] as const;
export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];
export const ACQUISITION_CHANNELS = CHANNELS.map(([c]) => c);

/** Who the seeded history is attributed to: the demo staff's ids, looked up after they exist. */
export interface DemoStaff {
  agent: string;
  lead: string;
  admin: string;
}

const DAY = 86_400_000;
const STREAM_IDENTITY = 1;
const STREAM_HISTORY = 2;

export function accountNumberOf(index: number): string {
  return `K${FIRST_ACCOUNT_NUMBER + index}`;
}

export function indexOfAccountNumber(accountNumber: string): number | null {
  const m = /^K(\d{7,})$/i.exec(accountNumber.trim());
  if (!m) return null;
  const index = Number(m[1]) - FIRST_ACCOUNT_NUMBER;
  return index >= 0 ? index : null;
}

// ---- identity: everything a caller says about themselves; independent of "now" ---------------

export interface DemoPerson {
  firstName: string;
  lastName: string;
  /** Clear verification answers; only their keyed hashes are stored. */
  answers: Record<VerificationFactor, string>;
}

export interface DemoRepresentative extends DemoPerson {
  relationship: string;
  phone: string | null;
  email: string | null;
  canCancel: boolean;
  canRequestRefunds: boolean;
  isRevoked: boolean;
}

export interface DemoIdentity extends DemoPerson {
  index: number;
  accountNumber: string;
  language: 'de' | 'en';
  email: string | null;
  phone: string | null;
  street: string;
  postalCode: string;
  city: string;
  country: 'DE' | 'GB' | 'US';
  representatives: DemoRepresentative[];
}

function germanName(rng: Rng): [string, string] {
  const first = rng.chance(0.5) ? rng.pick(DE_FIRST_FEMALE) : rng.pick(DE_FIRST_MALE);
  return [first, rng.pick(DE_LAST)];
}

function asciiLocal(s: string): string {
  return foldName(s).replace(/ /g, '');
}

function groupDigits(s: string): string {
  // "1234567" -> "123 45 67", as Germans read numbers aloud
  const parts: string[] = [];
  let rest = s;
  if (rest.length % 2 === 1) {
    parts.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  while (rest.length > 0) {
    parts.push(rest.slice(0, 2));
    rest = rest.slice(2);
  }
  return parts.join(' ');
}

function germanPhone(rng: Rng, areaCode: string): string {
  let area: string;
  let sub: string;
  if (rng.chance(0.6)) {
    const [prefix, len] = rng.pick(DE_MOBILE);
    area = prefix;
    sub = String(rng.int(1, 9)) + rng.digits(len - 1);
  } else {
    area = areaCode;
    sub = String(rng.int(2, 9)) + rng.digits(10 - area.length - 1);
  }
  switch (rng.int(0, 7)) {
    case 0:
      return `+49 ${area} ${sub}`;
    case 1:
      return `0${area}/${sub}`;
    case 2:
      return `0049 ${area} ${sub}`;
    case 3:
      return `(0${area}) ${groupDigits(sub)}`;
    case 4:
      return `0${area}-${sub}`;
    case 5:
      return `0${area} ${sub}`;
    case 6:
      return `+49${area}${sub}`;
    default:
      return `+49 (0)${area} ${groupDigits(sub)}`;
  }
}

function email(rng: Rng, first: string, last: string, domains: readonly string[], index: number): string {
  const f = asciiLocal(first);
  const l = asciiLocal(last);
  let local: string;
  switch (rng.int(0, 4)) {
    case 0:
      local = `${f}.${l}`;
      break;
    case 1:
      local = `${f[0]}.${l}`;
      break;
    case 2:
      local = `${f}${l}${rng.int(1, 99)}`;
      break;
    case 3:
      local = `${l}.${f}`;
      break;
    default:
      local = `${f}_${l}`;
  }
  // a suffix from the index keeps most addresses unique even at a million accounts
  if (rng.chance(0.7)) local += `.${(index % 9973) + 1}`;
  let address = `${local}@${rng.pick(domains)}`;
  // people type their address the way they like; the lookup must not care
  if (rng.chance(0.08)) address = address.toUpperCase();
  else if (rng.chance(0.12)) address = address.replace(/^./, (c) => c.toUpperCase());
  return address;
}

function dateOfBirth(rng: Rng): string {
  const start = Date.UTC(1940, 0, 1);
  const end = Date.UTC(2006, 5, 30);
  return new Date(start + Math.floor(rng.next() * ((end - start) / DAY)) * DAY).toISOString().slice(0, 10);
}

function answers(rng: Rng, first: string, last: string, postalCode: string, en: boolean) {
  return {
    id_last4: rng.digits(4),
    date_of_birth: dateOfBirth(rng),
    postal_code: postalCode,
    full_name: `${first} ${last}`,
    security_answer: rng.pick(en ? SECURITY_ANSWERS_EN : SECURITY_ANSWERS_DE),
  } satisfies Record<VerificationFactor, string>;
}

/** The identity of demo account `index`: name, contact data and clear verification answers. */
export function demoIdentity(index: number, seed = DEFAULT_DEMO_SEED): DemoIdentity {
  const rng = Rng.for(seed, index, STREAM_IDENTITY);
  const language = rng.chance(0.8) ? 'de' : 'en';
  let first: string;
  let last: string;
  let street: string;
  let postalCode: string;
  let city: string;
  let country: 'DE' | 'GB' | 'US' = 'DE';
  let phone: string | null;
  const en = language === 'en';
  if (en) {
    first = rng.pick(EN_FIRST);
    last = rng.pick(EN_LAST);
  } else [first, last] = germanName(rng);
  const abroad = en
    ? rng.weighted([
        ['DE', 55],
        ['GB', 30],
        ['US', 15],
      ] as const)
    : 'DE';
  if (abroad === 'GB') {
    const [c, pc, st] = rng.pick(GB_ADDRESSES);
    country = 'GB';
    city = c;
    postalCode = pc;
    street = `${rng.int(1, 240)} ${st}`;
    const intl = rng.pick(['+44', '0044', '+44 (0)']);
    phone = rng.chance(0.6)
      ? `${intl} 7${rng.int(4, 9)}${rng.digits(2)} ${rng.digits(6)}`
      : `${intl} 20 ${rng.int(3, 8)}${rng.digits(3)} ${rng.digits(4)}`;
  } else if (abroad === 'US') {
    const [c, zip, st, area] = rng.pick(US_ADDRESSES);
    country = 'US';
    city = c;
    postalCode = zip;
    street = `${rng.int(10, 4999)} ${st}`;
    const exchange = `${rng.int(2, 9)}${rng.digits(2)}`;
    const line = rng.digits(4);
    phone = rng.chance(0.5) ? `+1 (${area}) ${exchange}-${line}` : `001 ${area} ${exchange} ${line}`;
  } else {
    const [c, area, codes] = rng.weighted(DE_CITIES.map((row) => [row, row[3]] as const));
    city = c;
    postalCode = rng.pick(codes);
    const letter = rng.chance(0.08) ? rng.pick(['a', 'b', 'c']) : '';
    street = `${rng.pick(DE_STREETS)} ${rng.int(1, 180)}${letter}`;
    phone = germanPhone(rng, area);
  }
  if (rng.chance(0.04)) phone = null;
  const mail = rng.chance(0.03)
    ? null
    : email(rng, first, last, en ? EN_MAIL_DOMAINS : DE_MAIL_DOMAINS, index);
  const holderAnswers = answers(rng, first, last, postalCode, en);
  const representatives: DemoRepresentative[] = [];
  if (rng.chance(0.05)) {
    const count = rng.chance(0.85) ? 1 : 2;
    for (let r = 0; r < count; r++) {
      const relationship = rng.pick(RELATIONSHIPS);
      const repFirst = en ? rng.pick(EN_FIRST) : germanName(rng)[0];
      const repLast =
        relationship === 'spouse' || rng.chance(0.5) ? last : en ? rng.pick(EN_LAST) : germanName(rng)[1];
      const repPhone = country === 'DE' && rng.chance(0.7) ? germanPhone(rng, '30') : null;
      const repPostal = rng.chance(0.6) ? postalCode : rng.pick(rng.pick(DE_CITIES)[2]);
      representatives.push({
        firstName: repFirst,
        lastName: repLast,
        relationship,
        phone: repPhone,
        email: rng.chance(0.5) ? email(rng, repFirst, repLast, DE_MAIL_DOMAINS, index + 1) : null,
        canCancel: rng.chance(0.7),
        canRequestRefunds: rng.chance(0.5),
        isRevoked: rng.chance(0.1),
        answers: answers(rng, repFirst, repLast, repPostal, en),
      });
      const rep = representatives[representatives.length - 1]!;
      const holderYear = Number(holderAnswers.date_of_birth.slice(0, 4));
      // parents are older and children younger than the holder they act for
      if (rep.relationship === 'parent' && holderYear < 1980) rep.relationship = 'child';
      else if (rep.relationship === 'child' && holderYear > 1970) rep.relationship = 'parent';
      const shift =
        rng.int(20, 35) * (rep.relationship === 'parent' ? -1 : rep.relationship === 'child' ? 1 : 0);
      if (shift !== 0) {
        const year = Math.min(2006, holderYear + shift);
        rep.answers.date_of_birth = `${year}${rep.answers.date_of_birth.slice(4).replace('-02-29', '-02-28')}`;
      }
    }
  }
  return {
    index,
    accountNumber: accountNumberOf(index),
    language,
    firstName: first,
    lastName: last,
    email: mail,
    phone,
    street,
    postalCode,
    city,
    country,
    answers: holderAnswers,
    representatives,
  };
}

export interface DemoAnswers {
  accountNumber: string;
  fullName: string;
  answers: Record<VerificationFactor, string>;
  representatives: Array<{
    fullName: string;
    relationship: string;
    canCancel: boolean;
    canRequestRefunds: boolean;
    isRevoked: boolean;
    answers: Record<VerificationFactor, string>;
  }>;
}

/**
 * The clear verification answers of a demo account, re-derived from the seed (they are never
 * stored), so that someone demonstrating kulanz can play the caller. Null for numbers the
 * generator does not produce.
 */
export function demoAnswers(accountNumber: string, seed = DEFAULT_DEMO_SEED): DemoAnswers | null {
  const index = indexOfAccountNumber(accountNumber);
  if (index === null) return null;
  const id = demoIdentity(index, seed);
  return {
    accountNumber: id.accountNumber,
    fullName: `${id.firstName} ${id.lastName}`,
    answers: id.answers,
    representatives: id.representatives.map((r) => ({
      fullName: `${r.firstName} ${r.lastName}`,
      relationship: r.relationship,
      canCancel: r.canCancel,
      canRequestRefunds: r.canRequestRefunds,
      isRevoked: r.isRevoked,
      answers: r.answers,
    })),
  };
}

// ---- the whole account: identity plus commerce and contact history, relative to "now" --------

/** A row of a table as the seeder inserts it (the table's own type, so the two cannot drift). */
type Row<T extends keyof DB> = Insertable<DB[T]>;

export interface SecretRow {
  subject_id: string;
  account_id: string;
  factor: VerificationFactor;
  /** The normalised clear answer; hashed with the server secret at insert time. */
  normalized: string;
  created_at: Date;
}

export interface GeneratedAccount {
  identity: DemoIdentity;
  account: Row<'accounts'>;
  representatives: Array<Row<'account_representatives'>>;
  secrets: SecretRow[];
  subscriptions: Array<Row<'subscriptions'>>;
  orders: Array<Row<'orders'>>;
  invoices: Array<Row<'invoices'>>;
  payments: Array<Row<'payments'>>;
  storeCredits: Array<Row<'store_credit_entries'>>;
  cases: Array<{
    id: string;
    /** 'C-<n>' from case_number_seq; left empty here and assigned by the seeder in account order. */
    case_number: string;
    account_id: string;
    type: 'cancellation' | 'refund' | 'inquiry';
    channel: 'phone' | 'email' | 'chat' | 'web';
    mood: 'calm' | 'upset' | 'angry';
    status: 'closed';
    subject: string;
    assignee_id: string;
    opened_by: string;
    opened_at: Date;
    updated_at: Date;
    closed_at: Date;
  }>;
  /** Who was verified on a case (the holder, for half the cases and every phone call), verification's own rows. */
  caseVerifications: Array<Row<'case_verifications'>>;
  notes: Array<Row<'notes'>>;
  commitments: Array<Row<'commitments'>>;
  audit: Array<Row<'audit_events'>>;
}

const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

export function addMonthsDay(day: number, months: number): number {
  const d = new Date(day * DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY);
}

/** An instant during office hours (Berlin, roughly) on the given day. */
function atTime(rng: Rng, day: number, nowMs: number): Date {
  const t = day * DAY + rng.int(6 * 60, 18 * 60) * 60_000 + rng.int(0, 59) * 1000;
  return new Date(Math.min(t, nowMs - 60_000));
}

function formatEuro(minor: number, en: boolean): string {
  const s = (minor / 100).toFixed(2);
  return en ? `€${s}` : `${s.replace('.', ',')} €`;
}

/** Accounts whose index falls here carry an open commitment of the demo agent (overdue or due soon). */
export function hasAgentCommitment(index: number): boolean {
  return index % 23 === 5 && index < 23 * 24;
}

/** Generates demo account `index` completely; same seed, index and now give the same rows. */
export function generateAccount(index: number, seed: number, now: Date, staff: DemoStaff): GeneratedAccount {
  const identity = demoIdentity(index, seed);
  const rng = Rng.for(seed, index, STREAM_HISTORY);
  const today = Math.floor(now.getTime() / DAY);
  const nowMs = now.getTime();
  const at = (r: Rng, day: number) => atTime(r, day, nowMs);
  const en = identity.language === 'en';
  // the first accounts show every subscription state, including ended ones: they signed up long ago
  const signupDay = today - (index < SUBSCRIPTION_STATES.length ? rng.int(400, 1000) : rng.int(1, 3 * 365));
  const signupAt = at(rng, signupDay);
  const accountId = seededId('acc', signupAt, rng);
  const out: GeneratedAccount = {
    identity,
    account: {
      id: accountId,
      account_number: identity.accountNumber,
      status: 'active',
      first_name: identity.firstName,
      last_name: identity.lastName,
      search_name: foldName(`${identity.firstName} ${identity.lastName}`),
      email: identity.email,
      email_normalized: identity.email ? normalizeEmail(identity.email) : null,
      phone: identity.phone,
      phone_e164: identity.phone ? normalizePhone(identity.phone) : null,
      street: identity.street,
      postal_code: identity.postalCode,
      city: identity.city,
      country: identity.country,
      language: identity.language,
      acquisition_channel: rng.weighted(CHANNELS),
      signup_at: signupAt,
      created_at: signupAt,
      updated_at: signupAt,
    },
    representatives: [],
    secrets: [],
    subscriptions: [],
    orders: [],
    invoices: [],
    payments: [],
    storeCredits: [],
    cases: [],
    caseVerifications: [],
    notes: [],
    commitments: [],
    audit: [],
  };
  const addSecrets = (subjectId: string, clear: Record<VerificationFactor, string>, createdAt: Date) => {
    for (const factor of VERIFICATION_FACTORS) {
      const normalized = normalizeFactor(factor, clear[factor]);
      if (!normalized) throw new Error(`demo seed: cannot normalise ${factor} of ${identity.accountNumber}`);
      out.secrets.push({
        subject_id: subjectId,
        account_id: accountId,
        factor,
        normalized,
        created_at: createdAt,
      });
    }
  };
  addSecrets(accountId, identity.answers, signupAt);
  for (const rep of identity.representatives) {
    const createdAt = at(rng, rng.int(signupDay, today));
    const id = seededId('rep', createdAt, rng);
    out.representatives.push({
      id,
      account_id: accountId,
      first_name: rep.firstName,
      last_name: rep.lastName,
      search_name: foldName(`${rep.firstName} ${rep.lastName}`),
      relationship: rep.relationship,
      email: rep.email,
      phone: rep.phone,
      phone_e164: rep.phone ? normalizePhone(rep.phone) : null,
      can_cancel: rep.canCancel,
      can_request_refunds: rep.canRequestRefunds,
      created_at: createdAt,
      revoked_at: rep.isRevoked ? new Date(Math.min(nowMs - 60_000, createdAt.getTime() + 30 * DAY)) : null,
    });
    addSecrets(id, rep.answers, createdAt);
  }

  const method = rng.weighted([
    ['card', 40],
    ['sepa_debit', 30],
    ['paypal', 20],
    ['bank_transfer', 10],
  ] as const);
  let invoiceSeq = 0;
  const invoiceNumber = () => `RE${String(index * 32 + invoiceSeq++).padStart(9, '0')}`;
  const providerRef = () => {
    const r = rng.uint32().toString(16).padStart(8, '0') + rng.uint32().toString(16).padStart(8, '0');
    return method === 'card'
      ? `ch_${r}`
      : method === 'paypal'
        ? `PAYID-${r.toUpperCase()}`
        : method === 'sepa_debit'
          ? `SEPA-${r.slice(0, 12).toUpperCase()}`
          : null;
  };
  const addInvoice = (
    amount: number,
    issuedDay: number,
    dueDays: number,
    link: { subscription_id?: string; order_id?: string },
    outcome: 'paid' | 'open' | 'partial' | 'failed' | 'void' | 'refunded' | 'partly_refunded',
  ) => {
    const issuedAt = at(rng, issuedDay);
    const invoiceId = seededId('inv', issuedAt, rng);
    const paid = outcome === 'partial' ? Math.round(amount * rng.int(20, 60)) / 100 : 0;
    const paidMinor = ['paid', 'refunded', 'partly_refunded'].includes(outcome) ? amount : Math.floor(paid);
    out.invoices.push({
      id: invoiceId,
      invoice_number: invoiceNumber(),
      account_id: accountId,
      subscription_id: link.subscription_id ?? null,
      order_id: link.order_id ?? null,
      amount_minor: amount,
      paid_minor: paidMinor,
      status: outcome === 'void' ? 'void' : paidMinor >= amount ? 'paid' : 'open',
      issued_at: issuedAt,
      due_on: isoDay(issuedDay + dueDays),
    });
    const payAt = (d: number) => at(rng, Math.min(today, issuedDay + d));
    if (outcome === 'failed') {
      const paidAt = payAt(1);
      out.payments.push({
        id: seededId('pay', paidAt, rng),
        account_id: accountId,
        invoice_id: invoiceId,
        order_id: link.order_id ?? null,
        subscription_id: link.subscription_id ?? null,
        amount_minor: amount,
        refunded_minor: 0,
        method: method === 'bank_transfer' ? 'sepa_debit' : method,
        status: 'failed',
        provider_ref: providerRef(),
        paid_at: paidAt,
      });
    }
    if (paidMinor > 0) {
      const paidAt = payAt(method === 'bank_transfer' ? rng.int(2, 10) : rng.int(0, 2));
      const refunded =
        outcome === 'refunded'
          ? paidMinor
          : outcome === 'partly_refunded'
            ? Math.max(1, Math.round((paidMinor * rng.int(10, 50)) / 100))
            : 0;
      out.payments.push({
        id: seededId('pay', paidAt, rng),
        account_id: accountId,
        invoice_id: invoiceId,
        order_id: link.order_id ?? null,
        subscription_id: link.subscription_id ?? null,
        amount_minor: paidMinor,
        refunded_minor: refunded,
        method,
        status: 'succeeded',
        provider_ref: providerRef(),
        paid_at: paidAt,
      });
    }
  };

  // subscriptions -------------------------------------------------------------------------------
  const subCount = rng.weighted([
    [0, 6],
    [1, 78],
    [2, 16],
  ] as const);
  const pickedPlans: DemoPlan[] = [];
  for (let s = 0; s < subCount; s++) {
    // the first accounts cover every state, so even a tiny seed shows each one
    let status: SubscriptionState =
      index < SUBSCRIPTION_STATES.length && s === 0
        ? SUBSCRIPTION_STATES[index]!
        : rng.weighted([
            ['active', 52],
            ['trialing', 5],
            ['paused', 4],
            ['past_due', 6],
            ['pending_cancellation', 6],
            ['cancelled', 15],
            ['expired', 12],
          ] as const);
    const tier = rng.weighted([
      ['basic', 45],
      ['plus', 35],
      ['premium', 20],
    ] as const);
    let cycle: 'monthly' | 'annual' = rng.chance(0.7) ? 'monthly' : 'annual';
    if (status === 'cancelled' || status === 'expired') {
      // a subscription can only have ended if the customer has been here long enough
      if (signupDay > today - 40) status = 'active';
      else if (cycle === 'annual' && signupDay > today - 370) cycle = 'monthly';
    }
    const plan = PLANS.find((p) => p.tier === tier && p.cycle === cycle)!;
    pickedPlans.push(plan);
    const step = cycle === 'monthly' ? 1 : 12;
    let startDay: number;
    let periodStart: number;
    let periodEnd: number;
    let periods: number[] = [];
    if (status === 'trialing') {
      startDay = Math.max(signupDay, today - rng.int(0, 13));
      periodStart = startDay;
      periodEnd = startDay + 14;
    } else if (status === 'past_due') {
      // a renewal that failed one to three weeks ago, so its invoice is overdue
      periodStart = Math.max(signupDay, today - rng.int(8, 25));
      startDay = periodStart;
      periods = [periodStart];
      for (let j = 1, k = rng.int(0, 6); j <= k; j++) {
        const d = addMonthsDay(periodStart, -j * step);
        if (d < signupDay) break;
        periods.unshift(d);
        startDay = d;
      }
      periodEnd = addMonthsDay(periodStart, step);
    } else {
      const live = status !== 'cancelled' && status !== 'expired';
      const latestStart = live ? today - 1 : today - (step === 12 ? 370 : 40);
      startDay = Math.min(latestStart, signupDay + rng.int(0, Math.max(0, latestStart - signupDay)));
      startDay = Math.max(startDay, signupDay);
      // the periods from the start until today (live) or until a chosen end in the past
      const endBy = live ? today : startDay + rng.int(31, Math.max(31, today - 1 - startDay));
      let k = 0;
      periods = [startDay];
      while (addMonthsDay(startDay, (k + 1) * step) <= endBy) {
        k++;
        periods.push(addMonthsDay(startDay, k * step));
      }
      if (!live && addMonthsDay(periods[periods.length - 1]!, step) > today - 1 && periods.length > 1)
        periods.pop();
      periodStart = periods[periods.length - 1]!;
      periodEnd = addMonthsDay(periodStart, step);
      if (!live && periodEnd >= today) periodEnd = today - 1;
    }
    const startedAt = at(rng, startDay);
    const subId = seededId('sub', startedAt, rng);
    let cancelledAt: Date | null = null;
    let cancelEffective: string | null = null;
    let nextRenewal: string | null = isoDay(periodEnd);
    let pausedUntil: string | null = null;
    if (status === 'pending_cancellation') {
      cancelledAt = at(rng, Math.max(periodStart, today - rng.int(0, 20)));
      cancelEffective = isoDay(periodEnd);
      nextRenewal = null;
    } else if (status === 'cancelled') {
      cancelledAt = at(rng, Math.max(periodStart, periodEnd - rng.int(1, 25)));
      cancelEffective = isoDay(periodEnd);
      nextRenewal = null;
    } else if (status === 'expired') {
      nextRenewal = null;
    } else if (status === 'paused') {
      pausedUntil = isoDay(today + rng.int(7, 90));
      nextRenewal = pausedUntil;
    }
    out.subscriptions.push({
      id: subId,
      account_id: accountId,
      plan_id: plan.id,
      status,
      price_minor: plan.priceMinor,
      cycle,
      started_at: startedAt,
      current_period_start: isoDay(periodStart),
      current_period_end: isoDay(periodEnd),
      next_renewal_on: nextRenewal,
      cancel_effective_on: cancelEffective,
      cancelled_at: cancelledAt,
      paused_until: pausedUntil,
      created_at: startedAt,
    });
    // the most recent invoices only: older history adds volume and nothing to the demo
    const recent = periods.slice(-(cycle === 'monthly' ? 3 : 2));
    for (const [i, day] of recent.entries()) {
      const isCurrent = i === recent.length - 1;
      let outcome: 'paid' | 'open' | 'partial' | 'failed' | 'partly_refunded' = 'paid';
      if (status === 'past_due' && isCurrent) outcome = rng.chance(0.2) ? 'partial' : 'failed';
      else if (isCurrent && method === 'bank_transfer' && today - day < 14 && rng.chance(0.6))
        outcome = 'open';
      else if (isCurrent && (status === 'pending_cancellation' || status === 'cancelled') && rng.chance(0.15))
        outcome = 'partly_refunded';
      else if (rng.chance(0.02)) outcome = 'partly_refunded';
      addInvoice(plan.priceMinor, day, status === 'past_due' ? 7 : 14, { subscription_id: subId }, outcome);
    }
  }

  // one-off orders ------------------------------------------------------------------------------
  const orderCount = rng.weighted([
    [0, 50],
    [1, 30],
    [2, 15],
    [3, 5],
  ] as const);
  const orderNumbers: string[] = [];
  for (let o = 0; o < orderCount; o++) {
    const product = rng.pick(PRODUCTS);
    const day = rng.int(signupDay, today);
    const orderedAt = at(rng, day);
    const quantity = product.category === 'physical' && rng.chance(0.2) ? rng.int(2, 3) : 1;
    const age = today - day;
    let status: 'placed' | 'shipped' | 'delivered' | 'cancelled' | 'returned' = 'delivered';
    if (product.category === 'physical') {
      if (age < 2) status = 'placed';
      else if (age < 5) status = 'shipped';
      else
        status = rng.weighted([
          ['delivered', 92],
          ['returned', 5],
          ['cancelled', 3],
        ] as const);
    } else if (rng.chance(0.03)) status = 'cancelled';
    const orderId = seededId('ord', orderedAt, rng);
    const orderNumber = `B${String(index * 4 + o).padStart(9, '0')}`;
    orderNumbers.push(orderNumber);
    out.orders.push({
      id: orderId,
      order_number: orderNumber,
      account_id: accountId,
      product_id: product.id,
      quantity,
      total_minor: product.priceMinor * quantity,
      status,
      ordered_at: orderedAt,
      delivered_at:
        status === 'delivered' || status === 'returned'
          ? new Date(orderedAt.getTime() + (product.category === 'physical' ? rng.int(1, 4) * DAY : 60_000))
          : null,
    });
    const outcome =
      status === 'cancelled'
        ? 'void'
        : status === 'returned'
          ? 'refunded'
          : method === 'bank_transfer' && age < 14
            ? 'open'
            : rng.chance(0.015)
              ? 'open' // an old unpaid order: overdue
              : rng.chance(0.03)
                ? 'partly_refunded'
                : 'paid';
    addInvoice(product.priceMinor * quantity, day, 14, { order_id: orderId }, outcome);
  }

  // account status follows what happened
  const ended =
    out.subscriptions.length > 0 &&
    out.subscriptions.every((s) => s.status === 'cancelled' || s.status === 'expired');
  if (ended && rng.chance(0.25)) out.account.status = 'closed';
  else if (out.subscriptions.some((s) => s.status === 'past_due') && rng.chance(0.25))
    out.account.status = 'suspended';
  else if (rng.chance(0.005)) out.account.status = 'suspended';

  // past contacts: closed cases with a note each ---------------------------------------------
  const caseCount = rng.weighted([
    [0, 55],
    [1, 28],
    [2, 12],
    [3, 5],
  ] as const);
  const lang = en ? 'en' : 'de';
  const fill = (text: string) =>
    text
      .replace('{plan}', en ? (pickedPlans[0]?.nameEn ?? 'Plus') : (pickedPlans[0]?.nameDe ?? 'Plus'))
      .replace('{amount}', formatEuro(pickedPlans[0]?.priceMinor ?? 1499, en))
      .replace('{order}', orderNumbers[0] ?? `B${String(index * 4).padStart(9, '0')}`)
      .replace('{date}', out.subscriptions[0]?.current_period_end ?? isoDay(today + 20));
  const addCase = (openedDay: number, agentOnly: boolean) => {
    const type = rng.weighted([
      ['inquiry', 50],
      ['cancellation', 30],
      ['refund', 20],
    ] as const);
    const channel = rng.weighted([
      ['phone', 50],
      ['email', 25],
      ['chat', 15],
      ['web', 10],
    ] as const);
    const mood = rng.weighted([
      ['calm', 60],
      ['upset', 30],
      ['angry', 10],
    ] as const);
    const who = agentOnly || rng.chance(0.75) ? staff.agent : staff.lead;
    const openedAt = at(rng, openedDay);
    const closedAt = new Date(
      Math.max(
        openedAt.getTime() + 60_000,
        Math.min(
          nowMs - 30_000,
          openedAt.getTime() + rng.int(4, 40) * 60_000 + (rng.chance(0.3) ? rng.int(1, 5) * DAY : 0),
        ),
      ),
    );
    const caseId = seededId('case', openedAt, rng);
    const template = rng.pick(NOTE_TEMPLATES[type]);
    const verified = channel === 'phone' || rng.chance(0.5);
    out.cases.push({
      id: caseId,
      case_number: '',
      account_id: accountId,
      type,
      channel,
      mood,
      status: 'closed',
      subject: fill(template[lang][0]),
      assignee_id: who,
      opened_by: who,
      opened_at: openedAt,
      updated_at: closedAt,
      closed_at: closedAt,
    });
    if (verified)
      out.caseVerifications.push({
        case_id: caseId,
        account_id: accountId,
        subject_type: 'holder',
        representative_id: null,
        can_cancel: true,
        can_request_refunds: true,
        verified_at: new Date(openedAt.getTime() + 60_000),
        expires_at: new Date(openedAt.getTime() + 31 * 60_000),
      });
    const noteAt = new Date(openedAt.getTime() + rng.int(3, 25) * 60_000);
    const noteId = seededId('note', noteAt, rng);
    out.notes.push({
      id: noteId,
      account_id: accountId,
      case_id: caseId,
      author_id: who,
      contact_reason: fill(template[lang][0]),
      actions_taken: fill(template[lang][1]),
      body: rng.pick(NOTE_BODIES[mood][lang]),
      created_at: noteAt,
    });
    return { caseId, noteId, noteAt, who, type };
  };
  for (let c = 0; c < caseCount; c++) {
    const opened = rng.int(signupDay, today - 1);
    const { caseId, noteId, noteAt, who, type } = addCase(opened, false);
    if (type === 'refund' && rng.chance(0.3)) {
      const amount = rng.pick([500, 1000, 1499, 2000]);
      out.storeCredits.push({
        id: seededId('scr', noteAt, rng),
        account_id: accountId,
        amount_minor: amount,
        reason: rng.pick(STORE_CREDIT_REASONS),
        case_id: caseId,
        created_by: who,
        created_at: noteAt,
      });
    }
    if (rng.chance(0.1)) {
      const due = Math.floor(noteAt.getTime() / DAY) + rng.int(1, 7);
      const doneAt = new Date(Math.min(now.getTime() - 3_600_000, noteAt.getTime() + rng.int(1, 6) * DAY));
      out.commitments.push({
        id: seededId('cmt', noteAt, rng),
        note_id: noteId,
        account_id: accountId,
        case_id: caseId,
        description: rng.pick(en ? COMMITMENTS_EN : COMMITMENTS_DE),
        owner_id: who,
        due_on: isoDay(due),
        status: 'done',
        done_at: doneAt < noteAt ? noteAt : doneAt,
        done_by: who,
        created_at: noteAt,
      });
    }
  }
  if (rng.chance(0.02)) {
    // loyalty credit without a case, and sometimes partly used
    const createdAt = at(rng, rng.int(signupDay, today));
    out.storeCredits.push({
      id: seededId('scr', createdAt, rng),
      account_id: accountId,
      amount_minor: 1000,
      reason: STORE_CREDIT_REASONS[3],
      case_id: null,
      created_by: staff.lead,
      created_at: createdAt,
    });
    if (rng.chance(0.4)) {
      const usedAt = new Date(Math.min(now.getTime() - 60_000, createdAt.getTime() + 20 * DAY));
      out.storeCredits.push({
        id: seededId('scr', usedAt, rng),
        account_id: accountId,
        amount_minor: -rng.int(100, 1000),
        reason: 'Mit Rechnung verrechnet',
        case_id: null,
        created_by: null,
        created_at: usedAt,
      });
    }
  }

  // the demo agent's open commitments: some overdue, some due in the next days ----------------
  if (hasAgentCommitment(index)) {
    const k = Math.floor(index / 23);
    const opened = today - rng.int(2, 9);
    const { caseId, noteId, noteAt } = addCase(opened, true);
    const due = k % 2 === 0 ? today - rng.int(1, 5) : today + rng.int(0, 6);
    const commitmentId = seededId('cmt', noteAt, rng);
    const description = rng.pick(en ? COMMITMENTS_EN : COMMITMENTS_DE);
    out.commitments.push({
      id: commitmentId,
      note_id: noteId,
      account_id: accountId,
      case_id: caseId,
      description,
      owner_id: staff.agent,
      due_on: isoDay(due),
      status: 'open',
      done_at: null,
      done_by: null,
      created_at: noteAt,
    });
    const c = out.cases[out.cases.length - 1]!;
    const audit = (when: Date, action: string, entityType: string, entityId: string, changes: object) =>
      out.audit.push({
        at: when,
        actor_id: staff.agent,
        actor_role: 'agent',
        action,
        entity_type: entityType,
        entity_id: entityId,
        account_id: accountId,
        case_id: caseId,
        changes: JSON.stringify(changes),
      });
    audit(c.opened_at, 'case.opened', 'case', caseId, { type: c.type, channel: c.channel, mood: c.mood });
    audit(noteAt, 'note.created', 'note', noteId, {
      contactReason: out.notes[out.notes.length - 1]!.contact_reason,
    });
    audit(noteAt, 'commitment.created', 'commitment', commitmentId, { description, dueOn: isoDay(due) });
    audit(c.closed_at, 'case.closed', 'case', caseId, { status: 'closed' });
  }
  return out;
}
