import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  policyAdminResponse,
  policyDocument,
  publishPolicyBody,
} from '../../../../src/modules/policy/policy.schemas';
import { del, get, post, put } from '../../lib/api';
import type { Response } from '../../lib/jsonify';

export type PolicyAdmin = Response<typeof policyAdminResponse>;
export type PolicyDocument = z.input<typeof policyDocument>;
export type PolicyDraft = NonNullable<PolicyAdmin['draft']>;
export type PolicyChange = PolicyDraft['changes'][number];

export const policyKeys = {
  all: ['policy'] as const,
  admin: () => [...policyKeys.all, 'admin'] as const,
};

export const usePolicyAdmin = () =>
  useQuery({ queryKey: policyKeys.admin(), queryFn: () => get<PolicyAdmin>('/api/admin/policy') });

/** Every change answers with the whole editor view, which replaces the loaded one. */
function useChange<I>(call: (input: I) => Promise<PolicyAdmin>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (view) => qc.setQueryData(policyKeys.admin(), view),
  });
}

/** Saves the whole document as the draft, saying which version was edited and which draft it replaces. */
export const useSavePolicyDraft = () =>
  useChange((input: { document: PolicyDocument; basedOn: number; draftUpdatedAt?: string }) => {
    const query = new URLSearchParams({ basedOn: String(input.basedOn) });
    if (input.draftUpdatedAt) query.set('draftUpdatedAt', input.draftUpdatedAt);
    return put<PolicyAdmin>(`/api/admin/policy/draft?${query}`, input.document);
  });

export const useDiscardPolicyDraft = () => useChange(() => del<PolicyAdmin>('/api/admin/policy/draft'));

export const usePublishPolicy = () =>
  useChange((body: z.input<typeof publishPolicyBody>) =>
    post<PolicyAdmin>('/api/admin/policy/publish', body),
  );
