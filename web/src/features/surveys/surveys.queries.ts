import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { surveyResponse } from '../../../../src/modules/surveys/surveys.schemas';
import { del, get, post } from '../../lib/api';
import type { Items, Response } from '../../lib/jsonify';
import { caseKeys } from '../cases/cases.queries';

export type Survey = Response<typeof surveyResponse>;

export const surveyKeys = {
  all: ['surveys'] as const,
  forCase: (caseId: string) => [...surveyKeys.all, 'case', caseId] as const,
  forAccount: (accountId: string) => [...surveyKeys.all, 'account', accountId] as const,
};

export const useCaseSurveys = (caseId: string) =>
  useQuery({
    queryKey: surveyKeys.forCase(caseId),
    queryFn: () => get<Items<Survey>>(`/api/cases/${caseId}/surveys`),
  });

export const useAccountSurveys = (accountId: string) =>
  useQuery({
    queryKey: surveyKeys.forAccount(accountId),
    queryFn: () => get<Items<Survey>>(`/api/accounts/${accountId}/surveys`),
  });

function useRefreshFollowUp(caseId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: surveyKeys.forCase(caseId) });
    void qc.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
  };
}

export function useScheduleFollowUp(caseId: string) {
  const refresh = useRefreshFollowUp(caseId);
  return useMutation({ mutationFn: () => post(`/api/cases/${caseId}/follow-up`, {}), onSuccess: refresh });
}

export function useCancelFollowUp(caseId: string) {
  const refresh = useRefreshFollowUp(caseId);
  return useMutation({ mutationFn: () => del(`/api/cases/${caseId}/follow-up`), onSuccess: refresh });
}
