import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { ApiError, get, post, setCsrfToken } from './api';
import type { SessionUser } from './types';

interface Session {
  user: SessionUser;
  csrfToken: string;
}

const SessionContext = createContext<{ user: SessionUser | null; loading: boolean }>({
  user: null,
  loading: true,
});

export function useSessionQuery() {
  return useQuery({
    queryKey: ['session'],
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

export function SessionProvider({ children }: { children: ReactNode }) {
  const q = useSessionQuery();
  return (
    <SessionContext.Provider value={{ user: q.data?.user ?? null, loading: q.isLoading }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession() {
  return useContext(SessionContext);
}

export function useLogin() {
  const qc = useQueryClient();
  return async (email: string, password: string) => {
    const s = await post<Session>('/api/auth/login', { email, password });
    setCsrfToken(s.csrfToken);
    qc.setQueryData(['session'], s);
    return s.user;
  };
}

export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    await post('/api/auth/logout').catch(() => {});
    setCsrfToken(null);
    qc.clear();
    qc.setQueryData(['session'], null);
  };
}
