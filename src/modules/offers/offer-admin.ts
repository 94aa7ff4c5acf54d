import type { Trx } from '../../platform/deps';
import { findPlanByCodeOrThrow } from '../billing';
import { REASON_CODES, REASON_LABELS } from './offer-rules';
import type { listOfferRows } from './offers.repository';
import type { OfferBody, OfferResponse } from './offers.schemas';

type OfferRow = Awaited<ReturnType<typeof listOfferRows>>[number];

export function toOfferResponse(row: OfferRow): OfferResponse {
  return {
    id: row.id,
    kind: row.kind,
    title: { de: row.title_de, en: row.title_en },
    terms: row.terms as Record<string, unknown>,
    eligibility: row.eligibility as Record<string, unknown>,
    maxRedemptions: row.max_redemptions,
    redemptions: row.redemptions,
    active: row.is_active,
    position: row.position,
    updatedAt: row.updated_at,
  };
}

export const reasonList = () => REASON_CODES.map((code) => ({ code, ...REASON_LABELS[code] }));

/** The columns an admin's offer body sets; a downgrade's plan must exist. */
export async function offerColumns(trx: Trx, body: OfferBody, now: Date) {
  if (body.terms.kind === 'downgrade')
    await findPlanByCodeOrThrow(trx, body.terms.planCode, 'body.terms.planCode');
  return {
    kind: body.terms.kind,
    title_de: body.title.de,
    title_en: body.title.en,
    terms: JSON.stringify(body.terms),
    eligibility: JSON.stringify(body.eligibility),
    max_redemptions: body.maxRedemptions,
    is_active: body.active,
    updated_at: now,
  };
}
