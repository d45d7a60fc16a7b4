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
  const { secret } = await db.services.totp.begin(userId);
  await db.services.totp.confirm(userId, await totpNow(secret));
  return secret;
}

/**
 * A new account that is a member of `orgId`, made as the operator CLI makes one (the only way besides an
 * accepted invitation or SSO provisioning): tests that need members use this, never a shortcut.
 */
export async function createMember(
  db: TestDatabase,
  orgId: string,
  input: { email: string; role: Role; name?: string; password?: string },
): Promise<{ id: string; email: string }> {
  const { user } = await db.services.users.create(
    null,
    {
      email: input.email,
      name: input.name ?? input.email.split('@')[0]!,
      password: input.password ?? TEST_PASSWORD,
      via: 'cli',
    },
    { membership: { orgId, role: input.role } },
  );
  return { id: user.id, email: user.email };
}

/** An organisation with one member per role; admins and approvers get TOTP, as the policy requires. */
export async function seedOrganization(db: TestDatabase, name: string): Promise<SeededOrg> {
  const org = await db.services.organizations.create(null, { name, industry: 'securities' });
  const users = {} as Record<Role, TestUser>;
  const tag = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const role of ROLES) {
    const email = `${role}.${tag}@example.test`;
    const user = await createMember(db, org.id, { email, name: `${role} ${tag}`, role });
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
  let cookie = `jianhe_session=${setCookie.value}`;
  const first = response.json() as { csrfToken: string; secondFactorRequired: boolean };
  let csrfToken = first.csrfToken;
  if (first.secondFactorRequired) {
    if (!user.totpSecret) throw new Error('second factor required but no secret');
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: { code: await totpNow(user.totpSecret) },
    });
    if (second.statusCode !== 200) throw new Error(`second factor failed: ${second.body}`);
    // The session is rotated once the second factor completes.
    const rotated = second.cookies.find((c) => c.name === 'jianhe_session');
    if (!rotated) throw new Error('no rotated session cookie');
    cookie = `jianhe_session=${rotated.value}`;
    csrfToken = (second.json() as { csrfToken: string }).csrfToken;
  }
  return { cookie, csrf: csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

const STEP_MS = 30_000;
const usedSteps = new Map<string, number>();

/**
 * A valid TOTP code that has not been used yet. The server accepts each time step once (replay is refused),
 * within one step of drift: this hands out steps now−1, now, now+1 in turn, and waits for the clock when a
 * test needs more codes than that for one person within 30 seconds.
 */
export async function totpNow(secret: string): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / STEP_MS);
    const step = Math.max(now - 1, (usedSteps.get(secret) ?? Number.NEGATIVE_INFINITY) + 1);
    if (step <= now + 1) {
      usedSteps.set(secret, step);
      return authenticator.clone({ epoch: step * STEP_MS }).generate(secret);
    }
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * STEP_MS - Date.now() + 50));
  }
}

/** The code a person's app shows right now (which may already have been used). */
export const totpCurrent = (secret: string) => authenticator.generate(secret);

/** A platform administrator (made as `jianhe user create --platform-admin` makes one), signed in. */
export async function loginPlatformAdmin(app: App, db: TestDatabase, email: string): Promise<Session> {
  await db.services.users.create(null, {
    email,
    name: 'Platform admin',
    password: TEST_PASSWORD,
    platformAdmin: true,
    via: 'cli',
  });
  return login(app, { email, totpSecret: null });
}
