import { createContext, type ReactNode, useContext } from 'react';
import { type SessionUser, useSessionQuery } from './auth.queries';

const SessionContext = createContext<{ user: SessionUser | null; loading: boolean }>({
  user: null,
  loading: true,
});

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
