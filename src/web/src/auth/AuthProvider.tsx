import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ApiSchemas, api } from '../api/client';
import { setCsrfToken } from '../api/csrf';

export type SessionInfo = ApiSchemas['getSession'];

interface AuthState {
  session: SessionInfo | undefined;
  refresh: () => Promise<SessionInfo | undefined>;
  /** The organisation the user works in now: the URL's, else the last chosen, else the first. */
  currentOrgId: string | undefined;
  setCurrentOrgId: (orgId: string) => void;
}

const AuthContext = createContext<AuthState | undefined>(undefined);
const ORG_KEY = 'jianhe.org';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo>();
  const [chosenOrg, setChosenOrg] = useState<string | undefined>(
    () => localStorage.getItem(ORG_KEY) ?? undefined,
  );

  const refresh = useCallback(async () => {
    const { data } = await api.GET('/api/v1/auth/session');
    setCsrfToken(data?.csrfToken ?? null);
    setSession(data);
    return data;
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<AuthState>(() => {
    const memberships = session?.memberships ?? [];
    const currentOrgId = memberships.some((m) => m.orgId === chosenOrg) ? chosenOrg : memberships[0]?.orgId;
    return {
      session,
      refresh,
      currentOrgId,
      setCurrentOrgId: (orgId: string) => {
        localStorage.setItem(ORG_KEY, orgId);
        setChosenOrg(orgId);
      },
    };
  }, [session, refresh, chosenOrg]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
