import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  holdoutBody,
  offerBody,
  offerListResponse,
  offerResponse,
  offerStatsResponse,
} from '../../../../src/modules/offers/offers.schemas';
import { get, post, put } from '../../lib/api';
import type { Response } from '../../lib/jsonify';

export type OfferList = Response<typeof offerListResponse>;
export type Offer = Response<typeof offerResponse>;
export type OfferBody = z.input<typeof offerBody>;
export type OfferStats = Response<typeof offerStatsResponse>;

export const offerKeys = {
  all: ['offers'] as const,
  admin: () => [...offerKeys.all, 'admin'] as const,
  stats: () => [...offerKeys.all, 'stats'] as const,
};

export const useOffersAdmin = () =>
  useQuery({ queryKey: offerKeys.admin(), queryFn: () => get<OfferList>('/api/admin/offers') });

export const useOfferStats = () =>
  useQuery({ queryKey: offerKeys.stats(), queryFn: () => get<OfferStats>('/api/offers/stats') });

/** Saves a new offer (no id) or replaces one; the list is loaded again. */
export function useSaveOffer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: OfferBody }) =>
      input.id
        ? put<Offer>(`/api/admin/offers/${input.id}`, input.body)
        : post<Offer>('/api/admin/offers', input.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: offerKeys.all }),
  });
}

export function useReorderOffers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => post<OfferList>('/api/admin/offers/reorder', { ids }),
    onSuccess: (list) => qc.setQueryData(offerKeys.admin(), list),
  });
}

export function useSaveHoldout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof holdoutBody>) => put<OfferList>('/api/admin/offers/holdout', body),
    onSuccess: (list) => qc.setQueryData(offerKeys.admin(), list),
  });
}
