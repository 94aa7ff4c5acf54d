import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  cancellationReasonsResponse,
  cancellationResponse,
  noteDraftResponse,
  offersResponse,
  planResponse,
  reviewResponse,
  startCancellationBody,
} from '../../../../src/modules/cancellations/cancellations.schemas';
import { get, post } from '../../lib/api';
import type { Items, Response } from '../../lib/jsonify';
import { accountKeys } from '../accounts/accounts.queries';
import { caseKeys } from '../cases/cases.queries';
import { messagingKeys } from '../messaging/messaging.queries';

export type Cancellation = Response<typeof cancellationResponse>;
export type CancellationReasons = Response<typeof cancellationReasonsResponse>;
export type CancellationReview = Response<typeof reviewResponse>;
export type CancellationPlan = Response<typeof planResponse>;
export type CancellationOffers = Response<typeof offersResponse>;
export type CancellationNoteDraft = Response<typeof noteDraftResponse>;
export type NewCancellation = z.input<typeof startCancellationBody>;
export type Effective = CancellationPlan['effective'];

export const cancellationKeys = {
  all: ['cancellations'] as const,
  reasons: () => [...cancellationKeys.all, 'reasons'] as const,
  forCase: (caseId: string) => [...cancellationKeys.all, 'case', caseId] as const,
  review: (id: string) => [...cancellationKeys.all, 'review', id] as const,
  preview: (id: string, effective: Effective) => [...cancellationKeys.all, 'preview', id, effective] as const,
  note: (id: string) => [...cancellationKeys.all, 'note', id] as const,
};

export const useCancellationReasons = () =>
  useQuery({
    queryKey: cancellationKeys.reasons(),
    queryFn: () => get<CancellationReasons>('/api/cancellation-reasons'),
    staleTime: 5 * 60_000,
  });

export const useCaseCancellations = (caseId: string) =>
  useQuery({
    queryKey: cancellationKeys.forCase(caseId),
    queryFn: () => get<Items<Cancellation>>(`/api/cases/${caseId}/cancellations`),
  });

export const useCancellationReview = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: cancellationKeys.review(id),
    queryFn: () => get<CancellationReview>(`/api/cancellations/${id}/review`),
    enabled,
  });

export const useCancellationPreview = (id: string, effective: Effective, enabled: boolean) =>
  useQuery({
    queryKey: cancellationKeys.preview(id, effective),
    queryFn: () => get<CancellationPlan>(`/api/cancellations/${id}/preview?effective=${effective}`),
    enabled,
  });

export const useCancellationNoteDraft = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: cancellationKeys.note(id),
    queryFn: () => get<CancellationNoteDraft>(`/api/cancellations/${id}/note-draft`),
    enabled,
  });

/** After any step: the case's cancellations, the case, its timeline and messages, and the account (billing changed). */
function useRefresh(caseId: string, accountId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: cancellationKeys.all });
    void qc.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
    void qc.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
    void qc.invalidateQueries({ queryKey: messagingKeys.all });
    void qc.invalidateQueries({ queryKey: accountKeys.detail(accountId) });
  };
}

/** Records a cancellation; the same key on a retry (or a double click) records it once. */
export function useStartCancellation(caseId: string, accountId: string) {
  const refresh = useRefresh(caseId, accountId);
  return useMutation({
    mutationFn: ({ body, key }: { body: NewCancellation; key: string }) =>
      post<Cancellation>(`/api/cases/${caseId}/cancellations`, body, { headers: { 'idempotency-key': key } }),
    onSettled: refresh,
  });
}

/** One step of a cancellation (review, explain, offers, process, confirm, revoke, withdraw). */
export function useCancellationStep<T = Cancellation>(c: Pick<Cancellation, 'id' | 'caseId' | 'accountId'>) {
  const refresh = useRefresh(c.caseId, c.accountId);
  return useMutation({
    mutationFn: ({ step, body }: { step: string; body?: unknown }) =>
      post<T>(`/api/cancellations/${c.id}/${step}`, body ?? {}),
    onSettled: refresh,
  });
}
