import { useEffect, useState } from 'react';
import { api } from '../../api/client';

export interface AssignableMember {
  value: string;
  label: string;
}

/** The organisation's members as Select options (names only), loaded once per organisation. */
export function useAssignableMembers(orgId: string): AssignableMember[] {
  const [members, setMembers] = useState<AssignableMember[]>([]);
  useEffect(() => {
    void api
      .GET('/api/v1/orgs/{orgId}/assignable-members', { params: { path: { orgId } } })
      .then(({ data }) => setMembers((data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))));
  }, [orgId]);
  return members;
}
