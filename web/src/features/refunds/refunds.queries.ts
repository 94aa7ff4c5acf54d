import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { z } from 'zod';
import type {
  createRefundRequestBody,
  decideRefundRequestBody,
  evidenceItem,
  refundNoteDraftResponse,
  refundQueueResponse,
  refundReasonsResponse,
  refundRequestResponse,
  refundScriptResponse,
} from '../../../../src/modules/refunds/refunds.schemas';
import { get, post, postBytes } from '../../lib/api';
import { newIdempotencyKey } from '../../lib/idempotency';
import type { Items, Response } from '../../lib/jsonify';
import { accountKeys } from '../accounts/accounts.queries';
import { caseKeys } from '../cases/cases.queries';

export type RefundRequest = Response<typeof refundRequestResponse>;
export type RefundEvaluation = RefundRequest['evaluation'];
export type RefundQueue = Response<typeof refundQueueResponse>;
export type QueueItem = RefundQueue['items'][number];
export type RefundReasons = Response<typeof refundReasonsResponse>;
export type NewRefundRequest = z.input<typeof createRefundRequestBody>;
export type RefundDecision = z.input<typeof decideRefundRequestBody>;
export type AlternativeKind = NonNullable<RefundDecision['alternative']>['kind'];
export type Evidence = Response<typeof evidenceItem>;
export type RefundScript = Response<typeof refundScriptResponse>;
export type RefundNoteDraft = Response<typeof refundNoteDraftResponse>;

export const refundKeys = {
  all: ['refunds'] as const,
  reasons: () => [...refundKeys.all, 'reasons'] as const,
  forCase: (caseId: string) => [...refundKeys.all, 'case', caseId] as const,
  detail: (id: string) => [...refundKeys.all, 'detail', id] as const,
  queues: () => [...refundKeys.all, 'queue'] as const,
  queue: (reason: string | null) => [...refundKeys.queues(), reason ?? 'any'] as const,
  script: (id: string, status: string) => [...refundKeys.all, 'script', id, status] as const,
  noteDraft: (id: string, status: string) => [...refundKeys.all, 'note-draft', id, status] as const,
};

/** Where an evidence file is opened or downloaded (staff only; the session cookie goes along). */
export const evidenceUrl = (requestId: string, evidenceId: string) =>
  `/api/refund-requests/${requestId}/evidence/${evidenceId}`;

/** The reasons of the policy in force, for the intake form. */
export const useRefundReasons = () =>
  useQuery({
    queryKey: refundKeys.reasons(),
    queryFn: () => get<RefundReasons>('/api/refund-reasons'),
    staleTime: 5 * 60_000,
  });

/** While a payout is under way (approved, not executed yet) the worker finishes it: look again. */
const PAYOUT_POLL_MS = 3000;
const paying = (r: RefundRequest) => r.status === 'approved';

export const useCaseRefundRequests = (caseId: string) =>
  useQuery({
    queryKey: refundKeys.forCase(caseId),
    queryFn: () => get<Items<RefundRequest>>(`/api/cases/${caseId}/refund-requests`),
    refetchInterval: (q) => (q.state.data?.items.some(paying) ? PAYOUT_POLL_MS : false),
  });

export const useRefundRequest = (id: string) =>
  useQuery({
    queryKey: refundKeys.detail(id),
    queryFn: () => get<RefundRequest>(`/api/refund-requests/${id}`),
    refetchInterval: (q) => (q.state.data && paying(q.state.data) ? PAYOUT_POLL_MS : false),
  });

/** The exceptions queue, oldest first, page by page (keyset cursor). */
export const useRefundQueue = (reason: string | null) =>
  useInfiniteQuery({
    queryKey: refundKeys.queue(reason),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ status: 'pending_approval', limit: '50' });
      if (reason) q.set('reason', reason);
      if (pageParam) q.set('cursor', pageParam);
      return get<RefundQueue>(`/api/refund-requests?${q}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });

/** After any change to a request: its case's list, the request, the queue, the case and its account (a booking changes what is refundable). */
function useRefreshRefunds() {
  const qc = useQueryClient();
  return (r: { caseId: string; accountId: string; id?: string }) => {
    void qc.invalidateQueries({ queryKey: refundKeys.forCase(r.caseId) });
    void qc.invalidateQueries({ queryKey: refundKeys.queues() });
    if (r.id) void qc.invalidateQueries({ queryKey: refundKeys.detail(r.id) });
    void qc.invalidateQueries({ queryKey: caseKeys.detail(r.caseId) });
    void qc.invalidateQueries({ queryKey: caseKeys.timeline(r.caseId) });
    void qc.invalidateQueries({ queryKey: accountKeys.detail(r.accountId) });
  };
}

/** Records a request; the same key on a retry (or a double click) records it once. */
export function useCreateRefundRequest(caseId: string, accountId: string) {
  const refresh = useRefreshRefunds();
  return useMutation({
    mutationFn: ({ body, key }: { body: NewRefundRequest; key: string }) =>
      post<RefundRequest>(`/api/cases/${caseId}/refund-requests`, body, {
        headers: { 'idempotency-key': key },
      }),
    onSettled: () => refresh({ caseId, accountId }),
  });
}

/**
 * Decides a request under one Idempotency-Key per attempt: a retried or double-sent decision is
 * answered once; after the server answered (or refused), the next attempt gets a new key.
 */
export function useDecideRefundRequest(r: { id: string; caseId: string; accountId: string }) {
  const refresh = useRefreshRefunds();
  const key = useRef(newIdempotencyKey());
  return useMutation({
    mutationFn: (body: RefundDecision) =>
      post<RefundRequest>(`/api/refund-requests/${r.id}/decision`, body, {
        headers: { 'idempotency-key': `decide-${key.current}` },
      }),
    onSettled: () => {
      key.current = newIdempotencyKey();
      refresh(r);
    },
  });
}

export function useEscalateRefundRequest(r: { id: string; caseId: string; accountId: string }) {
  const refresh = useRefreshRefunds();
  return useMutation({
    mutationFn: (note: string) =>
      post<RefundRequest>(`/api/refund-requests/${r.id}/escalate`, note.trim() ? { note } : {}),
    onSettled: () => refresh(r),
  });
}

export function useResubmitRefundRequest(r: { id: string; caseId: string; accountId: string }) {
  const refresh = useRefreshRefunds();
  return useMutation({
    mutationFn: (note: string) => post<RefundRequest>(`/api/refund-requests/${r.id}/resubmit`, { note }),
    onSettled: () => refresh(r),
  });
}

/** Attaches one file to a request; the request, its case's list and the timeline reload. */
export function useAddEvidence(r: { id: string; caseId: string; accountId: string }) {
  const refresh = useRefreshRefunds();
  return useMutation({
    mutationFn: (file: File) =>
      postBytes<Evidence>(
        `/api/refund-requests/${r.id}/evidence?${new URLSearchParams({ name: file.name })}`,
        file,
      ),
    onSettled: () => refresh(r),
  });
}

/** The phone script of a decided request (lines null before the decision), per status it was asked in. */
export const useRefundScript = (r: { id: string; status: string }, enabled: boolean) =>
  useQuery({
    queryKey: refundKeys.script(r.id, r.status),
    queryFn: () => get<RefundScript>(`/api/refund-requests/${r.id}/script`),
    enabled,
  });

/** The account note drafted from what happened to the request, in the agent's language. */
export const useRefundNoteDraft = (r: { id: string; status: string }, enabled: boolean) =>
  useQuery({
    queryKey: refundKeys.noteDraft(r.id, r.status),
    queryFn: () => get<RefundNoteDraft>(`/api/refund-requests/${r.id}/note-draft`),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
