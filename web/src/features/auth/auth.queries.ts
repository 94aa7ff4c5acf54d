import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { sessionResponse } from '../../../../src/modules/staff/staff.schemas';
import { ApiError, get, patch, post, setCsrfToken } from '../../lib/api';
import type { Response } from '../../lib/jsonify';

export type Session = Response<typeof sessionResponse>;
export type SessionUser = Session['user'];
export type Role = SessionUser['role'];
export type Locale = SessionUser['locale'];

export const authKeys = {
  all: ['auth'] as const,
  session: () => [...authKeys.all, 'session'] as const,
};

/** Who is logged in (null when nobody is); also hands the CSRF token to every later change. */
export function useSessionQuery() {
  return useQuery({
    queryKey: authKeys.session(),
    queryFn: async () => {
      try {
        const s = await get<Session>('/api/auth/session');
        setCsrfToken(s.csrfToken);
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) =>
      post<Session>('/api/auth/login', credentials),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      qc.setQueryData(authKeys.session(), s);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    await post('/api/auth/logout').catch(() => {});
    setCsrfToken(null);
    qc.clear();
    qc.setQueryData(authKeys.session(), null);
  };
}

/** Saves the UI language on the staff member, so the next login starts in it. */
export function useSaveLocale() {
  return useMutation({ mutationFn: (locale: Locale) => patch('/api/auth/me', { locale }) });
}
