import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { sessionResponse } from '../../../../src/modules/staff/staff.schemas';
import i18n, { LANGUAGE_KEY } from '../../i18n';
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
      applyLocale(s.user.locale);
      qc.setQueryData(authKeys.session(), s);
    },
  });
}

/** The staff member's saved language becomes the UI's (and the next visit's) at login. */
function applyLocale(locale: Locale) {
  const lng = locale === 'en' ? 'en' : 'de';
  localStorage.setItem(LANGUAGE_KEY, lng);
  if (i18n.language !== lng) void i18n.changeLanguage(lng);
}

/**
 * Ends the session and shows the login page at once. The session query is set to null rather
 * than cleared: `qc.clear()` would drop the very query the app observes, so the observer kept the
 * old user and the shell stayed until a reload. Every other cached answer (the last customer's
 * data) is removed.
 */
export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    await post('/api/auth/logout').catch(() => {});
    setCsrfToken(null);
    qc.setQueryData(authKeys.session(), null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.all[0] });
  };
}

/** Saves the UI language on the staff member, so the next login starts in it. */
export function useSaveLocale() {
  return useMutation({ mutationFn: (locale: Locale) => patch('/api/auth/me', { locale }) });
}
