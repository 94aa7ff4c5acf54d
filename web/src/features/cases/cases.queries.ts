import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  caseResponse,
  caseSummaryResponse,
  createCaseBody,
  timelineResponse,
  updateCaseBody,
} from '../../../../src/modules/cases/cases.schemas';
import { get, patch, post } from '../../lib/api';
import type { Items, Response } from '../../lib/jsonify';
import { surveyKeys } from '../surveys/surveys.queries';

export type CaseDetail = Response<typeof caseResponse>;
export type CaseSummary = Response<typeof caseSummaryResponse>;
export type TimelineEvent = Response<typeof timelineResponse>['items'][number];
export type NewCase = z.input<typeof createCaseBody>;
export type CaseChange = z.input<typeof updateCaseBody>;
export interface CaseFilters {
  whose: 'me' | 'all';
  status: CaseSummary['status'] | 'any';
}

export const caseKeys = {
  all: ['cases'] as const,
  lists: () => [...caseKeys.all, 'list'] as const,
  list: (filters: CaseFilters) => [...caseKeys.lists(), filters] as const,
  detail: (id: string) => [...caseKeys.all, 'detail', id] as const,
  timelines: () => [...caseKeys.all, 'timeline'] as const,
  timeline: (id: string) => [...caseKeys.timelines(), id] as const,
};

export const useCase = (id: string) =>
  useQuery({ queryKey: caseKeys.detail(id), queryFn: () => get<CaseDetail>(`/api/cases/${id}`) });

/** My cases (or everybody's) by status, newest first. */
export function useCases(filters: CaseFilters) {
  const query = new URLSearchParams({ limit: '100' });
  if (filters.whose === 'me') query.set('assignee', 'me');
  if (filters.status !== 'any') query.set('status', filters.status);
  return useQuery({
    queryKey: caseKeys.list(filters),
    queryFn: () => get<Items<CaseSummary>>(`/api/cases?${query.toString()}`),
  });
}

export const useCaseTimeline = (id: string) =>
  useQuery({
    queryKey: caseKeys.timeline(id),
    queryFn: () => get<Items<TimelineEvent>>(`/api/cases/${id}/timeline`),
  });

export const useOpenCase = () =>
  useMutation({ mutationFn: (body: NewCase) => post<CaseDetail>('/api/cases', body) });

/** Changes status, mood, subject or assignee; closing may schedule the follow-up, so that reloads too. */
export function useUpdateCase(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseChange) => patch<CaseDetail>(`/api/cases/${id}`, body),
    onSuccess: (c) => {
      qc.setQueryData(caseKeys.detail(id), c);
      void qc.invalidateQueries({ queryKey: caseKeys.timeline(id) });
      void qc.invalidateQueries({ queryKey: caseKeys.lists() });
      void qc.invalidateQueries({ queryKey: surveyKeys.forCase(id) });
    },
  });
}
