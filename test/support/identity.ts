import { authenticator } from 'otplib';
import type { Role } from '../../src/server/modules/identity/permissions.js';
import { ROLES } from '../../src/server/modules/identity/permissions.js';
import type { App } from '../../src/server/platform/app.js';
import type { TestDatabase } from './databases.js';

export const TEST_PASSWORD = 'Cloud-guideline passphrase 2026';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  totpSecret: string | null;
}

export interface SeededOrg {
  orgId: string;
  users: Record<Role, TestUser>;
}

/** Enrols TOTP through the real service and returns the secret (so tests can compute codes). */
export async function enableTotp(db: TestDatabase, userId: string): Promise<string> {
  const { secret } = await db.services.auth.beginTotpEnrolment(userId);
  await db.services.auth.confirmTotpEnrolment(userId, authenticator.generate(secret));
  return secret;
}

/** An organisation with one member per role; admins and approvers get TOTP, as the policy requires. */
export async function seedOrganization(db: TestDatabase, name: string): Promise<SeededOrg> {
  const { organizations } = db.services;
  const org = await organizations.create(null, { name, industry: 'securities' });
  const users = {} as Record<Role, TestUser>;
  const tag = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const role of ROLES) {
    const email = `${role}.${tag}@example.test`;
    const user = await organizations.addMember(null, org.id, {
      email,
      name: `${role} ${tag}`,
      role,
      password: TEST_PASSWORD,
    });
    const totpSecret = role === 'admin' || role === 'approver' ? await enableTotp(db, user.id) : null;
    users[role] = { id: user.id, email, role, totpSecret };
  }
  return { orgId: org.id, users };
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Headers for a cookie-authenticated write. */
  headers: Record<string, string>;
}

/** Logs in through the API (password, then TOTP when enrolled) and returns the cookie and CSRF token. */
export async function login(
  app: App,
  user: { email: string; totpSecret: string | null },
  password = TEST_PASSWORD,
): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies.find((c) => c.name === 'jianhe_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `jianhe_session=${setCookie.value}`;
  const { csrfToken, secondFactorRequired } = response.json() as {
    csrfToken: string;
    secondFactorRequired: boolean;
  };
  if (secondFactorRequired) {
    if (!user.totpSecret) throw new Error('second factor required but no secret');
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: { code: authenticator.generate(user.totpSecret) },
    });
    if (second.statusCode !== 204) throw new Error(`second factor failed: ${second.body}`);
  }
  return { cookie, csrf: csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

export const totpNow = (secret: string) => authenticator.generate(secret);
