import type { SessionInfo } from '../auth/AuthProvider';

/** Side navigation entries; `labelKey` points into the locale files. */
export interface NavEntry {
  to: string;
  labelKey: string;
}

type Role = SessionInfo['memberships'][number]['role'];

/** What the navigation offers depends on who is signed in and their role in the current organisation. */
export function navigationFor(session: SessionInfo | undefined, orgId: string | undefined): NavEntry[] {
  const entries: NavEntry[] = [
    { to: '/', labelKey: 'nav.home' },
    { to: '/catalog', labelKey: 'nav.catalog' },
  ];
  const membership = session?.memberships.find((m) => m.orgId === orgId);
  const role: Role | undefined = membership?.role;
  if (session?.authenticated && orgId && role) {
    if (membership?.industry === 'association')
      // An association runs campaigns over its member firms; it keeps no registers of its own.
      entries.push({ to: `/orgs/${orgId}/association`, labelKey: 'nav.association' });
    else
      entries.push(
        { to: `/orgs/${orgId}/assessments`, labelKey: 'nav.assessments' },
        { to: `/orgs/${orgId}/remediation`, labelKey: 'nav.remediation' },
        { to: `/orgs/${orgId}/providers`, labelKey: 'nav.providers' },
        { to: `/orgs/${orgId}/devices`, labelKey: 'nav.devices' },
        { to: `/orgs/${orgId}/apps`, labelKey: 'nav.apps' },
        { to: `/orgs/${orgId}/social`, labelKey: 'nav.social' },
        { to: `/orgs/${orgId}/checks/certificates`, labelKey: 'nav.checkCertificates' },
        { to: `/orgs/${orgId}/campaigns`, labelKey: 'nav.campaigns' },
      );
    if (role === 'admin' || role === 'auditor')
      entries.push({ to: `/orgs/${orgId}/members`, labelKey: 'orgAdmin.members' });
    if (role === 'admin') entries.push({ to: `/orgs/${orgId}/settings`, labelKey: 'orgAdmin.settings' });
    if (role === 'admin' || role === 'auditor')
      entries.push({ to: `/orgs/${orgId}/audit`, labelKey: 'audit.title' });
  }
  if (session?.user?.platformAdmin)
    entries.push({ to: '/platform/organizations', labelKey: 'platform.title' });
  if (session?.authenticated) {
    if (orgId && role) entries.push({ to: `/orgs/${orgId}/notifications`, labelKey: 'nav.notifications' });
    entries.push({ to: '/me/invitations', labelKey: 'nav.invitations' });
    entries.push({ to: '/profile', labelKey: 'profile.title' });
  }
  entries.push({ to: '/system', labelKey: 'nav.system' });
  return entries;
}
