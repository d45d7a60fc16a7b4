import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../auth/AuthProvider';
import { navigationFor } from './navigation';

const session = (industry: string, role: SessionInfo['memberships'][number]['role'] = 'admin'): SessionInfo =>
  ({
    authenticated: true,
    secondFactorPending: false,
    csrfToken: 'csrf',
    setupRequired: false,
    user: { id: 'u', email: 'a@example.test', displayName: 'A', platformAdmin: false, totpEnabled: true },
    memberships: [{ orgId: 'org', name: 'Org', role, require2fa: true, industry }],
  }) as SessionInfo;

const paths = (s: SessionInfo) => navigationFor(s, 'org').map((e) => e.to);

describe('side navigation by the kind of organisation', () => {
  it("offers a firm its registers and the associations' campaigns, not association management", () => {
    const firm = paths(session('securities'));
    expect(firm).toEqual(
      expect.arrayContaining(['/orgs/org/assessments', '/orgs/org/apps', '/orgs/org/campaigns']),
    );
    expect(firm).not.toContain('/orgs/org/association');
  });

  it('offers an association its campaign management and administration, not a firm’s registers', () => {
    const association = paths(session('association'));
    expect(association).toEqual(expect.arrayContaining(['/orgs/org/association', '/orgs/org/members']));
    for (const register of ['assessments', 'devices', 'apps', 'social', 'campaigns'])
      expect(association).not.toContain(`/orgs/org/${register}`);
  });

  it('still follows the role: a viewer of a firm gets no member administration', () => {
    expect(paths(session('securities', 'viewer'))).not.toContain('/orgs/org/members');
  });
});
