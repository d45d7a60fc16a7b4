import { authenticator } from 'otplib';
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
import { crossTenant } from '../../db/tenancy/tenant-scope.js';
import type { App } from '../../platform/app.js';

/**
 * Counters that hold under concurrency and codes that work once, on both databases: parallel guesses are
 * counted one by one and stop at the allowance; a TOTP code is never accepted twice (sign-in or sign-off).
 */
describeEachDatabase('attempt counters and single-use codes', (db) => {
  let app: App;
  let org: SeededOrg;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Single Use Securities');
  });
  afterAll(() => app.close());

  const attempt = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const pendingSession = async (email: string) => {
    const first = await attempt(email, TEST_PASSWORD);
    const cookie = `jianhe_session=${first.cookies.find((c) => c.name === 'jianhe_session')!.value}`;
    return { cookie, 'x-csrf-token': first.json().csrfToken as string };
  };

  it('40 parallel wrong passwords lock the account: at most five are even checked', async () => {
    const user = await createMember(db(), org.orgId, {
      email: 'parallel.guess@example.test',
      role: 'viewer',
    });
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => attempt(user.email, 'wrong guess number x')),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
    expect(new Set(statuses)).toEqual(new Set([401, 429]));
    // Locked: even the right password is refused now.
    const right = await attempt(user.email, TEST_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('LOGIN_LOCKED');
    const failures = await crossTenant(db().handle.db, 'test')
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'auth.login.failure')
      .where('actor_user_id', '=', user.id)
      .where('chain', '=', 'platform')
      .execute();
    expect(failures.length).toBeLessThanOrEqual(5);
  });

  it('40 parallel wrong second-factor codes lock it the same way', async () => {
    const user = await createMember(db(), org.orgId, {
      email: 'parallel.codes@example.test',
      role: 'viewer',
    });
    const secret = await enableTotp(db(), user.id);
    const headers = await pendingSession(user.email);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/second-factor',
          headers,
          payload: { code: String(100000 + i) },
        }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers,
      payload: { code: authenticator.generate(secret) },
    });
    expect(right.statusCode).toBe(429);
  });

  it('refuses a TOTP code already used to sign in, at a second sign-in and at sign-off', async () => {
    const approver = org.users.approver;
    const code = await totpNow(approver.totpSecret!);
    const first = await pendingSession(approver.email);
    const used = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers: first,
      payload: { code },
    });
    expect(used.statusCode).toBe(200);
    const second = await pendingSession(approver.email);
    const replay = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers: second,
      payload: { code },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('TOTP_INVALID');

    // At sign-off (the re-confirmation approval asks for): the code that opened the session is spent,
    // a fresh one works once.
    const { auth } = db().services;
    expect(await auth.reconfirmSecondFactor(approver.id, code)).toBe(false);
    const fresh = await totpNow(approver.totpSecret!);
    expect(await auth.reconfirmSecondFactor(approver.id, fresh)).toBe(true);
    expect(await auth.reconfirmSecondFactor(approver.id, fresh)).toBe(false);
  });

  it('a new password ends the person’s other sessions, and revoking one session is audited', async () => {
    const user = await createMember(db(), org.orgId, {
      email: 'password.change@example.test',
      role: 'viewer',
    });
    const keep = await login(app, { email: user.email, totpSecret: null });
    const other = await login(app, { email: user.email, totpSecret: null });
    const third = await login(app, { email: user.email, totpSecret: null });
    const sessions = (
      await app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: keep.headers })
    ).json();
    const thirdHandle = sessions.find((s: { current: boolean }) => !s.current).id as string;
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${thirdHandle}`,
      headers: keep.headers,
    });
    expect(revoke.statusCode).toBe(204);
    const revoked = await crossTenant(db().handle.db, 'test')
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'auth.session.revoke')
      .where('actor_user_id', '=', user.id)
      .execute();
    expect(revoked).toHaveLength(2); // platform chain and the member's organisation
    const change = await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: keep.headers,
      payload: { current: TEST_PASSWORD, next: 'A whole new passphrase 2027' },
    });
    expect(change.statusCode).toBe(204);
    const me = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: `/api/v1/orgs/${org.orgId}`, headers: { cookie: headers.cookie! } });
    expect((await me(keep.headers)).statusCode).toBe(200);
    expect((await me(other.headers)).statusCode).toBe(401);
    expect((await me(third.headers)).statusCode).toBe(401);
  });

  it('signs out only with the session’s CSRF token', async () => {
    const session = await login(app, org.users.viewer);
    const forged = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session.cookie },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF_TOKEN_INVALID');
    const still = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}`,
      headers: session.headers,
    });
    expect(still.statusCode).toBe(200);
    const real = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(real.statusCode).toBe(204);
    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}`,
      headers: session.headers,
    });
    expect(after.statusCode).toBe(401);
  });
});
