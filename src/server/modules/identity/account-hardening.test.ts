import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import {
  login,
  type SeededOrg,
  seedOrganization,
  TEST_PASSWORD,
  totpNow,
} from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describeEachDatabase('account hardening and tenant isolation', (db) => {
  let app: App;
  let org: SeededOrg;
  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Hardening Futures');
  });
  afterAll(() => app.close());

  const tokenFor = async (user: SeededOrg['users']['assessor'], permissions: string[]) => {
    const session = await login(app, user);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: session.headers,
      payload: { orgId: org.orgId, name: 'ci', permissions, expiresAt: inDays(30) },
    });
    expect(created.statusCode, created.body).toBe(201);
    return { authorization: `Bearer ${created.json().secret}` };
  };

  it('keeps personal account routes out of reach of API tokens, so a narrow token cannot mint a broad one', async () => {
    const bearer = await tokenFor(org.users.assessor, ['assessment:read']);
    const mint = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: bearer,
      payload: {
        orgId: org.orgId,
        name: 'escalated',
        permissions: ['assessment:write'],
        expiresAt: inDays(30),
      },
    });
    expect(mint.statusCode).toBe(403);
    expect(mint.json().code).toBe('FORBIDDEN');
    for (const [method, url] of [
      ['GET', '/api/v1/me/sessions'],
      ['POST', '/api/v1/me/sessions/revoke-all'],
      ['POST', '/api/v1/me/totp/enrolment'],
    ] as const)
      expect((await app.inject({ method, url, headers: bearer })).statusCode, url).toBe(403);
  });

  it('refuses tokens of an admin who has not enrolled a second factor', async () => {
    const bearer = await tokenFor(org.users.admin, ['members:read']);
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/orgs/${org.orgId}/members`, headers: bearer }))
        .statusCode,
    ).toBe(200);
    await db()
      .handle.db.updateTable('app_user')
      .set({ totp_enabled: 0 })
      .where('id', '=', org.users.admin.id)
      .execute();
    const refused = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/members`,
      headers: bearer,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
  });

  it('does not let re-enrolment switch an enabled second factor off', async () => {
    const session = await login(app, org.users.approver);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/me/totp/enrolment',
      headers: session.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TOTP_ALREADY_ENABLED');
    const user = await db().services.identity.findUser(org.users.approver.id);
    expect(user!.totp_enabled).toBe(1);
  });

  it('locks second-factor guessing after five wrong codes, across fresh logins', async () => {
    const user = org.users.approver;
    const pending = async () => {
      const first = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      const cookie = `jianhe_session=${first.cookies.find((c) => c.name === 'jianhe_session')!.value}`;
      return { cookie, 'x-csrf-token': first.json().csrfToken as string };
    };
    const guess = (headers: Record<string, string>, code: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/second-factor', headers, payload: { code } });
    const headers = await pending();
    for (let i = 0; i < 5; i += 1) expect((await guess(headers, '000000')).statusCode).toBe(401);
    const locked = await guess(await pending(), await totpNow(user.totpSecret!));
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('LOGIN_LOCKED');
  });

  it('refuses an owner or assignee from another organisation', async () => {
    const other = await seedOrganization(db(), 'Hardening Other Securities');
    const session = await login(app, org.users.assessor);
    const base = `/api/v1/orgs/${org.orgId}`;
    const foreignOwner = await app.inject({
      method: 'POST',
      url: `${base}/assessments`,
      headers: session.headers,
      payload: {
        catalogId: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
        name: 'x',
        period: '2026',
        ownerUserId: other.users.assessor.id,
      },
    });
    // Another organisation's user is not one of ours: the access layer answers as for no such member.
    expect(foreignOwner.statusCode).toBe(404);
    expect(foreignOwner.json().code).toBe('USER_NOT_FOUND');
    const created = await app.inject({
      method: 'POST',
      url: `${base}/assessments`,
      headers: session.headers,
      payload: { catalogId: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0', name: 'y', period: '2026' },
    });
    const item = (
      await app.inject({
        method: 'GET',
        url: `${base}/assessments/${created.json().id}`,
        headers: session.headers,
      })
    ).json().items[0];
    const assign = (userId: string) =>
      app.inject({
        method: 'PATCH',
        url: `${base}/assessment-items/${item.id}`,
        headers: session.headers,
        payload: { version: item.version, assigneeUserId: userId },
      });
    const foreignAssignee = await assign(other.users.assessor.id);
    expect(foreignAssignee.statusCode).toBe(404);
    expect(foreignAssignee.json().code).toBe('USER_NOT_FOUND');
    expect((await assign(org.users.reviewer.id)).statusCode).toBe(200);
  });

  it('refuses to re-add an existing member, so a role change cannot skip the last-admin guard', async () => {
    const other = await seedOrganization(db(), 'Hardening Solo Advisory');
    const admin = await login(app, other.users.admin);
    const members = `/api/v1/orgs/${other.orgId}/members`;
    const readd = await app.inject({
      method: 'POST',
      url: members,
      headers: admin.headers,
      payload: { email: other.users.admin.email, role: 'viewer' },
    });
    expect(readd.statusCode).toBe(409);
    expect(readd.json().code).toBe('MEMBER_ALREADY_EXISTS');
    const demote = await app.inject({
      method: 'PATCH',
      url: `${members}/${other.users.admin.id}`,
      headers: admin.headers,
      payload: { role: 'viewer' },
    });
    expect(demote.json().code).toBe('LAST_ADMIN');
    const promote = await app.inject({
      method: 'PATCH',
      url: `${members}/${other.users.viewer.id}`,
      headers: admin.headers,
      payload: { role: 'auditor' },
    });
    expect(promote.statusCode).toBe(204);
  });

  it('shows members’ sign-ins and failed attempts in their organisation’s own audit trail', async () => {
    const other = await seedOrganization(db(), 'Hardening Audit Advisory');
    await login(app, other.users.assessor);
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: other.users.viewer.email, password: 'not the password at all' },
    });
    const auditor = await login(app, other.users.auditor);
    const entries = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/orgs/${other.orgId}/audit?action=auth.login`,
        headers: auditor.headers,
      })
    ).json().items as Array<{ action: string; actorUserId: string }>;
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'auth.login.success', actorUserId: other.users.assessor.id }),
        expect.objectContaining({ action: 'auth.login.failure', actorUserId: other.users.viewer.id }),
      ]),
    );
    const [chain] = await db().services.audit.verify(other.orgId);
    expect(chain!.broken).toBeNull();
  });
});
