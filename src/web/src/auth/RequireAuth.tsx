import { Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { type SessionInfo, useAuth } from './AuthProvider';

/** Admins and approvers always need a second factor, and everyone in an organisation that requires it. */
export function mustEnrolSecondFactor(session: SessionInfo | undefined): boolean {
  if (!session?.user || session.user.totpEnabled) return false;
  return session.memberships.some((m) => m.require2fa || m.role === 'admin' || m.role === 'approver');
}

export const ENROLMENT_PATH = '/profile';

/**
 * Pages behind login: anonymous visitors go to /login and come back afterwards. A member who must enrol a
 * second factor is taken to enrolment first (the server would refuse their organisation's pages anyway).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) return <Loader m="xl" />;
  if (!session.authenticated)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (mustEnrolSecondFactor(session) && location.pathname !== ENROLMENT_PATH)
    return <Navigate to={`${ENROLMENT_PATH}?enrol=1`} replace />;
  return <>{children}</>;
}
