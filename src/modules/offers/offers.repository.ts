import { sql } from 'kysely';
import type { Executor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { moneyFromColumn } from '../../platform/money';
import type { OfferDefinition, OfferEligibility, OfferTerms, RedemptionHistoryEntry } from './offer-rules';
import { OfferErrors } from './offers.errors';
import type { OfferEvent, OfferKind, RetentionOffersTable, SaveWatchStatus } from './offers.table';

// ---- offer definitions ---------------------------------------------------------------------------

const offers = (db: Executor) => db.selectFrom('retention_offers').selectAll();
type OfferRow = Awaited<ReturnType<ReturnType<typeof offers>['executeTakeFirstOrThrow']>>;

/** A stored row as the rules see it. */
export function toDefinition(row: OfferRow): OfferDefinition {
  const eligibility = row.eligibility as unknown as OfferEligibility & {
    minLifetimeValue?: { amountMinor: number; currency: string } | null;
  };
  return {
    id: row.id,
    kind: row.kind,
    title: { de: row.title_de, en: row.title_en },
    terms: row.terms as unknown as OfferTerms,
    eligibility: {
      ...eligibility,
      minLifetimeValue: eligibility.minLifetimeValue
        ? moneyFromColumn(eligibility.minLifetimeValue.amountMinor, eligibility.minLifetimeValue.currency)
        : null,
    },
    maxRedemptions: row.max_redemptions,
    redemptions: row.redemptions,
    active: row.is_active,
    position: row.position,
  };
}

export async function listOfferRows(db: Executor) {
  return offers(db).orderBy('position').orderBy('id').execute();
}

export async function findOfferOrThrow(db: Executor, id: string, field = 'params.id') {
  const row = await offers(db).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(OfferErrors.OFFER_NOT_FOUND, 'Offer', id, field);
  return row;
}

export async function lockOfferOrThrow(trx: Executor, id: string, field = 'params.id') {
  const row = await offers(trx).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound(OfferErrors.OFFER_NOT_FOUND, 'Offer', id, field);
  return row;
}

export async function nextOfferPosition(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('retention_offers')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  return (row?.max == null ? 0 : Number(row.max)) + 10;
}

type OfferValues = Omit<
  RetentionOffersTable,
  'redemptions' | 'id' | 'created_by' | 'created_at' | 'position' | 'terms' | 'eligibility' | 'is_active'
> & { terms: string; eligibility: string; is_active: boolean };

export async function insertOffer(
  trx: Executor,
  row: OfferValues & { id: string; position: number; created_by: string | null; created_at: Date },
) {
  await trx.insertInto('retention_offers').values(row).execute();
}

export async function updateOfferRow(trx: Executor, id: string, set: OfferValues) {
  await trx.updateTable('retention_offers').set(set).where('id', '=', id).execute();
}

export async function setOfferPosition(trx: Executor, id: string, position: number, at: Date) {
  await trx.updateTable('retention_offers').set({ position, updated_at: at }).where('id', '=', id).execute();
}

/** Locks every offer row (in id order, so concurrent reorders cannot deadlock) and returns their ids. */
export async function lockAllOfferIds(trx: Executor): Promise<string[]> {
  const rows = await trx.selectFrom('retention_offers').select('id').orderBy('id').forUpdate().execute();
  return rows.map((r) => r.id);
}

/**
 * Takes one redemption of the offer in one statement: the row lock the UPDATE takes makes a
 * concurrent taker wait and re-read the count, so with one redemption left exactly one wins.
 * Returns false when none is left (or the offer is inactive).
 */
export async function takeRedemption(trx: Executor, id: string): Promise<boolean> {
  const row = await trx
    .updateTable('retention_offers')
    .set((eb) => ({ redemptions: eb('redemptions', '+', 1) }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('max_redemptions', 'is', null), eb('redemptions', '<', eb.ref('max_redemptions'))]),
    )
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

// ---- settings ------------------------------------------------------------------------------------

export async function findOfferSettings(db: Executor) {
  return db.selectFrom('offer_settings').select(['holdout_percent', 'salt']).executeTakeFirstOrThrow();
}

export async function updateOfferSettings(
  trx: Executor,
  set: { holdout_percent: number; salt: string; updated_by: string | null; updated_at: Date },
) {
  await trx.updateTable('offer_settings').set(set).execute();
}

// ---- events --------------------------------------------------------------------------------------

export interface OfferEventValues {
  case_id: string;
  account_id: string;
  subscription_id: string | null;
  offer_id: string | null;
  event: OfferEvent;
  terms: Record<string, unknown>;
  holdout: boolean;
  actor_id: string | null;
  at: Date;
}

export async function insertOfferEvents(trx: Executor, rows: OfferEventValues[]) {
  if (rows.length === 0) return;
  await trx
    .insertInto('offer_events')
    .values(rows.map((r) => ({ ...r, terms: JSON.stringify(r.terms) })))
    .execute();
}

export function listCaseOfferEvents(db: Executor, caseId: string) {
  return db
    .selectFrom('offer_events')
    .select(['offer_id', 'event', 'terms', 'holdout', 'at', 'account_id', 'subscription_id'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

/** Every acceptance by this account (any case), for "not redeemed in the last N months". */
export async function accountRedemptions(db: Executor, accountId: string): Promise<RedemptionHistoryEntry[]> {
  const rows = await db
    .selectFrom('offer_events')
    .select(['offer_id', 'at'])
    .where('account_id', '=', accountId)
    .where('event', '=', 'accepted')
    .execute();
  return rows.map((r) => ({ offerId: r.offer_id!, at: r.at }));
}

// ---- the save watchlist ---------------------------------------------------------------------------

export async function insertSaveWatch(
  trx: Executor,
  row: {
    id: string;
    case_id: string;
    account_id: string;
    subscription_id: string;
    offer_id: string | null;
    kind: OfferKind | null;
    holdout: boolean;
    check_at: Date;
    created_at: Date;
  },
) {
  const result = await trx
    .insertInto('offer_save_watches')
    .values({ ...row, status: 'pending' })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function lockSaveWatch(trx: Executor, id: string) {
  return trx.selectFrom('offer_save_watches').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideSaveWatch(trx: Executor, id: string, status: SaveWatchStatus, at: Date) {
  await trx.updateTable('offer_save_watches').set({ status, decided_at: at }).where('id', '=', id).execute();
}

export async function postponeSaveWatch(trx: Executor, id: string, checkAt: Date) {
  await trx.updateTable('offer_save_watches').set({ check_at: checkAt }).where('id', '=', id).execute();
}

// ---- stats ---------------------------------------------------------------------------------------

const count = (filter: ReturnType<typeof sql<boolean>>) =>
  sql<number>`count(*) filter (where ${filter})::int`;
const cases = (filter: ReturnType<typeof sql<boolean>>) =>
  sql<number>`count(distinct case_id) filter (where ${filter})::int`;

/** Per offer: cases shown / accepted / declined, and its saves by status. */
export async function offerEventCounts(db: Executor) {
  const events = await db
    .selectFrom('offer_events')
    .select((eb) => [
      'offer_id',
      cases(sql<boolean>`${eb.ref('event')} = 'shown'`).as('shown'),
      cases(sql<boolean>`${eb.ref('event')} = 'accepted'`).as('accepted'),
      cases(sql<boolean>`${eb.ref('event')} = 'declined'`).as('declined'),
    ])
    .where('offer_id', 'is not', null)
    .groupBy('offer_id')
    .execute();
  const saves = await db
    .selectFrom('offer_save_watches')
    .select((eb) => [
      'offer_id',
      'holdout',
      count(sql<boolean>`${eb.ref('status')} = 'confirmed'`).as('confirmed'),
      count(sql<boolean>`${eb.ref('status')} = 'pending'`).as('pending'),
      count(sql<boolean>`${eb.ref('status')} = 'lost'`).as('lost'),
    ])
    .groupBy(['offer_id', 'holdout'])
    .execute();
  const totals = await db
    .selectFrom('offer_events')
    .select((eb) => [
      sql<number>`count(distinct ${eb.ref('case_id')}) filter (where ${eb.ref('event')} = 'shown')::int`.as(
        'offered',
      ),
      sql<number>`count(distinct ${eb.ref('case_id')}) filter (where ${eb.ref('event')} = 'holdout')::int`.as(
        'heldOut',
      ),
    ])
    .executeTakeFirstOrThrow();
  return { events, saves, totals };
}
