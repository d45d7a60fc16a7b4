import { type ApiSchemas, api } from '../../api/client';
import { useApiQuery } from '../../api/query';

export type Remediation = ApiSchemas['listRemediation']['items'][number];
export type RemediationDetail = ApiSchemas['getRemediation'];

export const STATUSES = ['open', 'in_progress', 'awaiting_closure', 'completed', 'risk_accepted'] as const;
export const SOURCES = ['assessment-item', 'register-control', 'check', 'provider-audit', 'manual'] as const;

export const STATUS_COLORS: Record<string, string> = {
  open: 'orange',
  in_progress: 'blue',
  awaiting_closure: 'grape',
  completed: 'teal',
  risk_accepted: 'gray',
};

export const formatTime = (iso: string | null | undefined) =>
  iso ? iso.slice(0, 16).replace('T', ' ') : '—';

/** Members' display names (the owner picker and the names in the history). */
export function useMembers(orgId: string) {
  const query = useApiQuery(['members', orgId, 'assignable'], (signal) =>
    api.GET('/api/v1/orgs/{orgId}/assignable-members', { params: { path: { orgId } }, signal }),
  );
  const members = query.data ?? [];
  const nameOf = (id: string | null | undefined) =>
    (id && members.find((m) => m.userId === id)?.displayName) || '—';
  return { members, nameOf };
}

/** A source link inside the app: the server stores paths relative to the organisation. */
export function sourceHref(orgId: string, link: string): string | null {
  if (!link) return null;
  return link.startsWith('/orgs/') ? link : `/orgs/${orgId}${link}`;
}
