import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import {
  createMember,
  enableTotp,
  login,
  type SeededOrg,
  seedOrganization,
  TEST_PASSWORD,
  totpNow,
} from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describeEachDatabase('authentication', (db) => {
  let app: App;
  let org: SeededOrg;
  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Auth Test Securities');
  });
  afterAll(() => app.close());

  const attempt = (email: string, password: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { email, password } });

  it('sets an HttpOnly, SameSite=Lax session cookie and rotates the id at each login', async () => {
    const first = await attempt(org.users.assessor.email, TEST_PASSWORD);
    expect(first.statusCode).toBe(200);
    const cookie = first.cookies.find((c) => c.name === 'jianhe_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const second = await attempt(org.users.assessor.email, TEST_PASSWORD, {
      cookie: `jianhe_session=${cookie.value}`,
    });
    const rotated = second.cookies.find((c) => c.name === 'jianhe_session')!;
    expect(rotated.value).not.toBe(cookie.value);
    const old = await app.inject({
      method: 'GET',
      url: '/api/v1/me/sessions',
      headers: { cookie: `jianhe_session=${cookie.value}` },
    });
    expect(old.statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const wrong = await attempt(org.users.viewer.email, 'not the right password at all');
    const unknown = await attempt('nobody.here@example.test', 'not the right password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(wrong.statusCode);
    const strip = (body: string) => ({ ...JSON.parse(body), requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('locks after five failures with growing backoff, the same for unknown addresses', async () => {
    for (const email of [org.users.reviewer.email, 'ghost.user@example.test']) {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await attempt(email, `wrong password number ${i}`)).statusCode);
      expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
      const locked = await attempt(email, TEST_PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({
        code: 'LOGIN_LOCKED',
        details: { retryAfterSeconds: expect.any(Number) },
      });
    }
  });

  it('completes a TOTP login with a valid code and refuses a wrong one', async () => {
    const user = org.users.approver;
    const first = await attempt(user.email, TEST_PASSWORD);
    expect(first.json().secondFactorRequired).toBe(true);
    const cookie = `jianhe_session=${first.cookies.find((c) => c.name === 'jianhe_session')!.value}`;
    const headers = { cookie, 'x-csrf-token': first.json().csrfToken };
    const pending = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/assessments`,
      headers,
    });
    expect(pending.statusCode).toBe(401);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers,
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('TOTP_INVALID');
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers,
      payload: { code: await totpNow(user.totpSecret!) },
    });
    expect(right.statusCode).toBe(200);
    // Rotated: the id from before the second factor is dead, the new one works.
    const stale = await app.inject({ method: 'GET', url: `/api/v1/orgs/${org.orgId}/assessments`, headers });
    expect(stale.statusCode).toBe(401);
    const rotated = right.cookies.find((c) => c.name === 'jianhe_session')!.value;
    expect(`jianhe_session=${rotated}`).not.toBe(cookie);
    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/assessments`,
      headers: { cookie: `jianhe_session=${rotated}` },
    });
    expect(after.statusCode).toBe(200);
  });

  it('accepts a recovery code once and refuses it the second time', async () => {
    const user = org.users.auditor;
    const { secret } = await db().services.totp.begin(user.id);
    const codes = await db().services.totp.confirm(user.id, await totpNow(secret));
    expect(codes).toHaveLength(10);
    const redeemFirstCode = async () => {
      const first = await attempt(user.email, TEST_PASSWORD);
      const cookie = `jianhe_session=${first.cookies.find((c) => c.name === 'jianhe_session')!.value}`;
      return app.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor',
        headers: { cookie, 'x-csrf-token': first.json().csrfToken },
        payload: { recoveryCode: codes[0] },
      });
    };
    expect((await redeemFirstCode()).statusCode).toBe(200);
    const reused = await redeemFirstCode();
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe('TOTP_INVALID');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const session = await login(app, org.users.assessor);
    const payload = {
      catalogId: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
      name: 'CSRF',
      period: '2026',
    };
    const url = `/api/v1/orgs/${org.orgId}/assessments`;
    const without = await app.inject({ method: 'POST', url, headers: { cookie: session.cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('CSRF_TOKEN_INVALID');
    const forged = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': 'guess' },
      payload,
    });
    expect(forged.statusCode).toBe(403);
    const withToken = await app.inject({ method: 'POST', url, headers: session.headers, payload });
    expect(withToken.statusCode).toBe(201);
  });

  it('requires 2FA enrolment for admins before they act', async () => {
    const created = await createMember(db(), org.orgId, {
      email: 'second.admin@example.test',
      role: 'admin',
      password: TEST_PASSWORD,
    });
    const session = await login(app, { email: 'second.admin@example.test', totpSecret: null });
    const blocked = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/members`,
      headers: session.headers,
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
    await enableTotp(db(), created.id);
    const allowed = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/members`,
      headers: session.headers,
    });
    expect(allowed.statusCode).toBe(200);
  });

  it('issues API tokens scoped to one organisation and a permission subset, shown once and usable as Bearer', async () => {
    const session = await login(app, org.users.assessor);
    const tooMuch = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: session.headers,
      payload: {
        orgId: org.orgId,
        name: 'ci',
        permissions: ['assessment:approve'],
        expiresAt: inDays(30),
      },
    });
    expect(tooMuch.statusCode).toBe(403);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: session.headers,
      payload: {
        orgId: org.orgId,
        name: 'ci',
        permissions: ['assessment:read'],
        expiresAt: inDays(30),
      },
    });
    expect(created.statusCode).toBe(201);
    const { secret, id } = created.json() as { secret: string; id: string };
    expect(secret).toMatch(/^jh_/);
    const bearer = { authorization: `Bearer ${secret}` };
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/orgs/${org.orgId}/assessments`, headers: bearer }))
        .statusCode,
    ).toBe(200);
    const write = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org.orgId}/assessments`,
      headers: bearer,
      payload: { catalogId: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0', name: 'x', period: '2026' },
    });
    expect(write.statusCode).toBe(403);
    const listed = await app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: session.headers });
    expect(JSON.stringify(listed.json())).not.toContain(secret);
    await app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: session.headers });
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/orgs/${org.orgId}/assessments`, headers: bearer }))
        .statusCode,
    ).toBe(401);
  });

  it('caps an API token’s lifetime at JIANHE_TOKEN_MAX_DAYS (365 by default)', async () => {
    const session = await login(app, org.users.assessor);
    const request = (expiresAt: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: session.headers,
        payload: { orgId: org.orgId, name: 'ci', permissions: ['assessment:read'], expiresAt },
      });
    const count = async () =>
      (await app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: session.headers })).json().length;
    const before = await count();
    for (const expiresAt of [inDays(366), '2099-01-01T00:00:00Z']) {
      const refused = await request(expiresAt);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'TOKEN_LIFETIME_TOO_LONG', details: { maxDays: 365 } });
    }
    expect((await request(inDays(-1))).json().code).toBe('VALIDATION_FAILED');
    expect((await request(inDays(364.9))).statusCode).toBe(201);
    expect(await count()).toBe(before + 1); // only the last one was issued
  });

  it('logs out everywhere', async () => {
    const a = await login(app, org.users.viewer);
    const b = await login(app, org.users.viewer);
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/me/sessions/revoke-all',
      headers: a.headers,
    });
    expect(out.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: b.headers })).statusCode,
    ).toBe(401);
  });
});
