import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  emailCodeResponse,
  verificationPanelResponse,
  verifyResponse,
} from '../../../../src/modules/verification/verification.schemas';
import { get, post } from '../../lib/api';
import { refetchWhenPassed } from '../../lib/format';
import type { Response } from '../../lib/jsonify';
import { accountKeys } from '../accounts/accounts.queries';
import { caseKeys } from '../cases/cases.queries';

export type VerificationPanelData = Response<typeof verificationPanelResponse>;
export type VerificationState = VerificationPanelData['state'];
export type VerificationSubject = VerificationPanelData['subjects'][number];
export type Factor = VerificationPanelData['config']['factors'][number];
export type VerifyResult = Response<typeof verifyResponse>;
export type EmailCodeSent = Response<typeof emailCodeResponse>;

export const verificationKeys = {
  all: ['verification'] as const,
  forCase: (caseId: string) => [...verificationKeys.all, 'case', caseId] as const,
};

/** The case's verification panel; a lock clears itself when it ends, a verification shows as expired when it does. */
export const useVerificationPanel = (caseId: string) =>
  useQuery({
    queryKey: verificationKeys.forCase(caseId),
    queryFn: () => get<VerificationPanelData>(`/api/cases/${caseId}/verification`),
    refetchInterval: (q) =>
      refetchWhenPassed(q.state.data?.lock.lockedUntil ?? q.state.data?.state.expiresAt),
  });

/** After any check, override or unlock: the panel, the case, the account and the case's timeline. */
function useRefreshVerification(caseId: string, accountId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: verificationKeys.forCase(caseId) });
    void qc.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
    void qc.invalidateQueries({ queryKey: accountKeys.detail(accountId) });
    void qc.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
  };
}

export interface VerifyInput {
  subject: { type: 'holder' } | { type: 'representative'; representativeId: string };
  answers: Partial<Record<Factor, string>>;
}

export function useVerifyCaller(caseId: string, accountId: string) {
  const refresh = useRefreshVerification(caseId, accountId);
  return useMutation({
    mutationFn: (input: VerifyInput) => post<VerifyResult>(`/api/cases/${caseId}/verification`, input),
    onSettled: refresh,
  });
}

/** Mails a code to the address on file; the same key on a retry sends one code. */
export function useSendEmailCode(caseId: string, accountId: string) {
  const refresh = useRefreshVerification(caseId, accountId);
  return useMutation({
    mutationFn: (idempotencyKey: string) =>
      post<EmailCodeSent>(`/api/cases/${caseId}/verification/email-code`, undefined, {
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: refresh,
  });
}

/** A lead vouches for the caller with a written reason. */
export function useOverrideVerification(caseId: string, accountId: string) {
  const refresh = useRefreshVerification(caseId, accountId);
  return useMutation({
    mutationFn: (reason: string) => post(`/api/cases/${caseId}/verification/override`, { reason }),
    onSuccess: refresh,
  });
}

/** A lead lifts the verification lock early with a written reason; the server refuses agents. */
export function useUnlockVerification(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => post(`/api/accounts/${accountId}/verification/unlock`, { reason }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: accountKeys.detail(accountId) });
      void qc.invalidateQueries({ queryKey: verificationKeys.all });
      void qc.invalidateQueries({ queryKey: caseKeys.timelines() });
    },
  });
}
