import { useQuery } from '@tanstack/react-query';
import type { accountResponse, searchResponse } from '../../../../src/modules/accounts/accounts.schemas';
import { get } from '../../lib/api';
import { refetchWhenPassed } from '../../lib/format';
import type { Response } from '../../lib/jsonify';

export type AccountView = Response<typeof accountResponse>;
export type SearchResult = Response<typeof searchResponse>;
export type AccountHit = SearchResult['items'][number];

export const accountKeys = {
  all: ['accounts'] as const,
  search: (q: string) => [...accountKeys.all, 'search', q] as const,
  details: () => [...accountKeys.all, 'detail'] as const,
  detail: (id: string) => [...accountKeys.details(), id] as const,
};

/** Finds accounts by number, phone, e-mail or name; asks only once there are two characters. */
export const useAccountSearch = (q: string) =>
  useQuery({
    queryKey: accountKeys.search(q),
    queryFn: () => get<SearchResult>(`/api/accounts/search?q=${encodeURIComponent(q)}`),
    enabled: q.trim().length >= 2,
  });

/** Everything an agent sees about an account; reloads itself when the verification lock ends. */
export const useAccount = (id: string) =>
  useQuery({
    queryKey: accountKeys.detail(id),
    queryFn: () => get<AccountView>(`/api/accounts/${id}`),
    refetchInterval: (q) => refetchWhenPassed(q.state.data?.account.verification.lockedUntil),
  });
