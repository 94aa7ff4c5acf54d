import type { Trx } from '../../platform/deps';
import { CommonErrors, DomainError } from '../../platform/errors';
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

/** The columns an admin's offer body sets; a downgrade's plan must exist and a minimum value be in a real currency. */
export async function offerColumns(trx: Trx, body: OfferBody, now: Date) {
  if (body.terms.kind === 'downgrade') await findPlanByCodeOrThrow(trx, body.terms.planCode, 'body.terms.planCode');
  const value = body.eligibility.minLifetimeValue;
  if (value && !/^[A-Z]{3}$/.test(value.currency))
    throw new DomainError(CommonErrors.VALIDATION_FAILED, 'The currency must be three capital letters (EUR)', {
      field: 'body.eligibility.minLifetimeValue.currency',
    });
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
