import { createContext, useContext, type ReactNode } from 'react';
import type { Permission, SessionView } from '../api/types';

const SessionContext = createContext<SessionView | null>(null);

export function SessionProvider({ session, children }: { session: SessionView; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in session; only screens inside the signed-in shell use it. */
export function useSession(): SessionView {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside the signed-in app');
  return session;
}

export function useCan(permission: Permission): boolean {
  return useSession().permissions.includes(permission);
}

export function useIntegrationsEnabled(): boolean {
  return useSession().workspace.featureFlags.integrations === true;
}
