import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import {
  createMember,
  enableTotp,
  login,
  loginPlatformAdmin,
  type SeededOrg,
  type Session,
  seedOrganization,
  TEST_PASSWORD,
  totpNow,
} from '../../../../test/support/identity.js';
import {
  browse,
  CookieJar,
  type LocalOidcProvider,
  startOidcProvider,
} from '../../../../test/support/oidc.js';
import { crossTenant } from '../../db/tenancy/tenant-scope.js';
import type { App } from '../../platform/app.js';
import { emailDomain, issuerProblem, normaliseDomainRoles } from './sso.rules.js';

describe('SSO rules', () => {
  it('refuses issuer URLs that are malformed (scheme and addresses are the outbound policy’s)', () => {
    expect(issuerProblem('https://login.example.com/tenant')).toBeNull();
    expect(issuerProblem('http://127.0.0.1:4000')).toBeNull();
    expect(issuerProblem('ftp://login.example.com')).toBe('NOT_A_URL');
    expect(issuerProblem('https://login.example.com/?x=1')).toBe('NOT_A_URL');
    expect(issuerProblem('not a url')).toBe('NOT_A_URL');
    expect(issuerProblem('https://user:pw@login.example.com')).toBe('NOT_A_URL');
  });

  it('lower-cases domains and refuses duplicates, malformed domains and unknown roles', () => {
    expect(normaliseDomainRoles([{ domain: ' @Corp.Example ', role: 'viewer' }])).toEqual({
      ok: true,
      value: [{ domain: 'corp.example', role: 'viewer' }],
    });
    expect(normaliseDomainRoles([{ domain: 'no_dots', role: 'viewer' }])).toMatchObject({ ok: false });
    expect(normaliseDomainRoles([{ domain: 'a.example', role: 'owner' }])).toMatchObject({ ok: false });
    expect(
      normaliseDomainRoles([
        { domain: 'a.example', role: 'viewer' },
        { domain: 'A.example', role: 'admin' },
      ]),
    ).toMatchObject({ ok: false, reason: 'DOMAIN_DUPLICATE' });
    expect(emailDomain('Someone@Corp.Example')).toBe('corp.example');
    expect(emailDomain('nodomain@')).toBeNull();
  });
});

describeEachDatabase('OpenID Connect SSO', (db) => {
  let app: App;
  let appUrl: string;
  let idp: LocalOidcProvider;
  let org: SeededOrg;
  let admin: Session;
  let platform: Session;
  const json = { accept: 'application/json', 'accept-language': 'en' };

  beforeAll(async () => {
    app = await createTestApp(db());
    appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    idp = await startOidcProvider(`${appUrl}/api/v1/auth/sso/callback`);
    idp.accounts.set('alice', { email: 'Alice@Corp.Example', emailVerified: true, name: 'Alice Chen' });
    idp.accounts.set('mallory', { email: 'mallory@evil.example', emailVerified: true });
    idp.accounts.set('unverified', { email: 'bob@corp.example', emailVerified: false });
    org = await seedOrganization(db(), 'SSO Test Securities');
    admin = await login(app, org.users.admin);
    platform = await loginPlatformAdmin(app, db(), 'platform.sso@jianhe.example');
  });
  afterAll(async () => {
    await app.close();
    await idp.close();
  });

  const ssoUrl = () => `/api/v1/orgs/${org.orgId}/sso`;
  const startUrl = () => `${appUrl}/api/v1/auth/sso/${org.orgId}/start`;
  const signIn = async (subject: string, headers: Record<string, string> = json) => {
    idp.signInAs(subject);
    const jar = new CookieJar();
    const result = await browse(startUrl(), jar, { appOrigin: appUrl, headers });
    return { ...result, jar };
  };
  const sessionOf = async (jar: CookieJar) =>
    (
      await app.inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: { cookie: `jianhe_session=${jar.get(appUrl, 'jianhe_session')}` },
      })
    ).json();

  it('saves settings with the secret sealed, never returns it, and refuses a stale version with 409', async () => {
    const initial = await app.inject({ method: 'GET', url: ssoUrl(), headers: admin.headers });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toMatchObject({ enabled: false, hasClientSecret: false, version: 0 });

    const insecure = await app.inject({
      method: 'PUT',
      url: ssoUrl(),
      headers: admin.headers,
      payload: {
        enabled: true,
        issuer: 'http://8.8.8.8',
        clientId: 'x',
        clientSecret: 'y',
        domains: [{ domain: 'corp.example', role: 'viewer' }],
        version: 0,
      },
    });
    expect(insecure.statusCode).toBe(400);
    expect(insecure.json()).toMatchObject({
      code: 'SSO_SETTINGS_INVALID',
      details: { reason: 'OUTBOUND_HTTPS_REQUIRED' },
    });

    const saved = await app.inject({
      method: 'PUT',
      url: ssoUrl(),
      headers: admin.headers,
      payload: {
        enabled: true,
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        domains: [{ domain: 'Corp.Example', role: 'assessor' }],
        version: 0,
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      enabled: true,
      hasClientSecret: true,
      domains: [{ domain: 'corp.example', role: 'assessor', claim: 'pending' }],
      version: 1,
    });
    expect(saved.body).not.toContain(idp.clientSecret);
    const read = await app.inject({ method: 'GET', url: ssoUrl(), headers: admin.headers });
    expect(read.body).not.toContain(idp.clientSecret);
    expect(read.json()).not.toHaveProperty('clientSecret');

    const stored = await db()
      .handle.db.selectFrom('org_sso_settings')
      .selectAll()
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(stored.client_secret).toMatch(/^v1\./);
    expect(stored.client_secret).not.toContain(idp.clientSecret);
    const trail = await db()
      .handle.db.selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'org.sso.update')
      .execute();
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail)).not.toContain(idp.clientSecret);

    const stale = await app.inject({
      method: 'PUT',
      url: ssoUrl(),
      headers: admin.headers,
      payload: { enabled: false, issuer: idp.issuer, clientId: 'other', domains: [], version: 0 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
  });

  it('finds the organisation by e-mail domain once a platform administrator approves its claim', async () => {
    const before = await app.inject({
      method: 'GET',
      url: `/api/v1/auth/sso/providers?email=${encodeURIComponent('someone@corp.example')}`,
    });
    expect(before.json()).toEqual({ providers: [] });
    const pending = await app.inject({
      method: 'GET',
      url: '/api/v1/sso-domain-claims?status=pending',
      headers: platform.headers,
    });
    expect(pending.json()).toContainEqual(
      expect.objectContaining({ domain: 'corp.example', orgId: org.orgId }),
    );
    const denied = await app.inject({
      method: 'POST',
      url: '/api/v1/sso-domain-claims/corp.example/decision',
      headers: admin.headers,
      payload: { decision: 'approve' },
    });
    expect(denied.statusCode).toBe(403);
    const approved = await app.inject({
      method: 'POST',
      url: '/api/v1/sso-domain-claims/corp.example/decision',
      headers: platform.headers,
      payload: { decision: 'approve' },
    });
    expect(approved.statusCode).toBe(204);
    const found = await app.inject({
      method: 'GET',
      url: `/api/v1/auth/sso/providers?email=${encodeURIComponent('someone@CORP.example')}`,
    });
    expect(found.json()).toEqual({ providers: [{ orgId: org.orgId, name: 'SSO Test Securities' }] });
    const none = await app.inject({ method: 'GET', url: '/api/v1/auth/sso/providers?email=a@evil.example' });
    expect(none.json()).toEqual({ providers: [] });
  });

  it('signs a new user in through the real provider, creates the account and membership, and opens a session', async () => {
    const { landedAt, jar } = await signIn('alice');
    expect(landedAt).toBe('/');
    const session = await sessionOf(jar);
    expect(session).toMatchObject({
      authenticated: true,
      user: { email: 'alice@corp.example', displayName: 'Alice Chen', totpEnabled: false },
      memberships: [{ orgId: org.orgId, role: 'assessor' }],
    });
    expect(jar.get(appUrl, 'jianhe_sso_state')).toBeUndefined();
    const cookie = `jianhe_session=${jar.get(appUrl, 'jianhe_session')}`;
    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/assessments`,
      headers: { cookie },
    });
    expect(list.statusCode).toBe(200);
    const write = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org.orgId}/assessments`,
      headers: { cookie, 'x-csrf-token': session.csrfToken },
      payload: {
        catalogId: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
        name: 'SSO',
        period: '2026',
      },
    });
    expect(write.statusCode).toBe(201);

    // A second sign-in finds the linked identity: same user, no duplicate membership.
    const again = await signIn('alice');
    expect(again.landedAt).toBe('/');
    expect((await sessionOf(again.jar)).user.id).toBe(session.user.id);
    const success = await db()
      .handle.db.selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'auth.login.success')
      .where('actor_user_id', '=', session.user.id)
      .execute();
    expect(success).toHaveLength(2);
    expect(JSON.parse(success[0]!.after!)).toEqual({ method: 'sso' });
  });

  it('refuses a user whose e-mail domain the organisation does not allow, with a stable code', async () => {
    const { response, landedAt, jar } = await signIn('mallory');
    expect(landedAt).toBeNull();
    expect(response.status).toBe(403);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('SSO_DOMAIN_NOT_ALLOWED');
    expect(body.message).toMatch(/domain/i);
    expect(jar.get(appUrl, 'jianhe_session')).toBeUndefined();
    expect(await db().services.identity.findUserByEmail('mallory@evil.example')).toBeUndefined();
    const failure = await db()
      .handle.db.selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'auth.login.failure')
      .where('chain', '=', org.orgId)
      .execute();
    expect(failure.map((f) => JSON.parse(f.after!))).toContainEqual({
      method: 'sso',
      reason: 'SSO_DOMAIN_NOT_ALLOWED',
      domain: 'evil.example',
    });
    expect(JSON.stringify(failure)).not.toContain('mallory');
  });

  it('sends a browser back to the sign-in page with the code, in Chinese by default', async () => {
    const { landedAt, response } = await signIn('unverified', { accept: 'text/html' });
    expect(response.status).toBe(303);
    expect(landedAt).toBe('/login?ssoError=SSO_EMAIL_UNVERIFIED');
    const { response: api } = await signIn('unverified', { accept: 'application/json' });
    expect(api.status).toBe(403);
    expect(((await api.json()) as { message: string }).message).toContain('電子郵件');
  });

  it('refuses a replayed, unknown, expired or cookie-less state', async () => {
    const { visited, landedAt } = await signIn('alice');
    expect(landedAt).toBe('/');
    const callback = visited.find((u) => u.includes('/api/v1/auth/sso/callback?'))!;
    const state = new URL(callback).searchParams.get('state')!;
    const replay = (url: string, stateCookie?: string) =>
      fetch(url, {
        redirect: 'manual',
        headers: { ...json, ...(stateCookie ? { cookie: `jianhe_sso_state=${stateCookie}` } : {}) },
      });
    const replayed = await replay(callback, state);
    expect(replayed.status).toBe(400);
    expect(((await replayed.json()) as { code: string }).code).toBe('SSO_STATE_INVALID');
    const withoutCookie = await replay(callback);
    expect(((await withoutCookie.json()) as { code: string }).code).toBe('SSO_STATE_INVALID');
    const unknown = await replay(`${appUrl}/api/v1/auth/sso/callback?code=abc&state=made-up`, 'made-up');
    expect(((await unknown.json()) as { code: string }).code).toBe('SSO_STATE_INVALID');

    // A state that outlived its ten minutes is refused even with the matching cookie.
    const start = await fetch(startUrl(), { redirect: 'manual' });
    expect(start.status).toBe(302);
    const fresh = new URL(start.headers.get('location')!).searchParams.get('state')!;
    expect(start.headers.get('location')).toContain('code_challenge_method=S256');
    await crossTenant(db().handle.db, 'test: age every pending state')
      .updateTable('sso_login_state')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    const expired = await replay(`${appUrl}/api/v1/auth/sso/callback?code=abc&state=${fresh}`, fresh);
    expect(((await expired.json()) as { code: string }).code).toBe('SSO_STATE_INVALID');
  });

  it('links an existing account only from its own signed-in session, then keeps the second-factor rule', async () => {
    const approver = await createMember(db(), org.orgId, {
      email: 'approver@corp.example',
      role: 'approver',
    });
    const secret = await enableTotp(db(), approver.id);
    idp.accounts.set('approver', { email: 'approver@corp.example', emailVerified: true });
    // The address has an account: the provider alone cannot sign in as it.
    const refused = await signIn('approver');
    expect(refused.response.status).toBe(409);
    expect(((await refused.response.json()) as { code: string }).code).toBe('SSO_LINK_REQUIRED');
    expect(refused.jar.get(appUrl, 'jianhe_session')).toBeUndefined();

    // Signed in with password and TOTP, the person links the provider from their profile (a CSRF-checked POST).
    const own = await login(app, { email: 'approver@corp.example', totpSecret: secret });
    const forged = await app.inject({
      method: 'POST',
      url: '/api/v1/me/sso-links',
      headers: { cookie: own.cookie },
      payload: { orgId: org.orgId },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF_TOKEN_INVALID');
    // Through the listening server, as a browser would (the redirect URI is built from the request's origin).
    const started = await fetch(`${appUrl}/api/v1/me/sso-links`, {
      method: 'POST',
      headers: { ...own.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ orgId: org.orgId }),
    });
    expect(started.status).toBe(200);
    const jar = new CookieJar();
    jar.store(appUrl, started);
    const { url: authorizationUrl } = (await started.json()) as { url: string };
    idp.signInAs('approver');
    const linked = await browse(authorizationUrl, jar, { appOrigin: appUrl, headers: json });
    expect(linked.landedAt, await linked.response.clone().text()).toBe('/profile?ssoLinked=1');
    const identity = await crossTenant(db().handle.db, 'test')
      .selectFrom('external_identity')
      .selectAll()
      .where('user_id', '=', approver.id)
      .executeTakeFirstOrThrow();
    expect(identity.linked_via).toBe('signed-in-link');

    // Now the provider signs them in, and the enrolled second factor is still asked for.
    const { landedAt, jar: ssoJar } = await signIn('approver');
    expect(landedAt).toBe('/login?secondFactor=1');
    const pending = await sessionOf(ssoJar);
    expect(pending).toMatchObject({ authenticated: false, secondFactorPending: true });
    const cookie = `jianhe_session=${ssoJar.get(appUrl, 'jianhe_session')}`;
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers: { cookie, 'x-csrf-token': pending.csrfToken },
      payload: { code: await totpNow(secret) },
    });
    expect(second.statusCode).toBe(200);
  });

  it('never lets an organisation’s provider speak for accounts it does not own', async () => {
    const other = await seedOrganization(db(), 'SSO Other Futures');
    await createMember(db(), other.orgId, {
      email: 'outsider@corp.example',
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    idp.accounts.set('outsider', { email: 'outsider@corp.example', emailVerified: true });
    const { response } = await signIn('outsider');
    expect(response.status).toBe(409);
    expect(((await response.json()) as { code: string }).code).toBe('SSO_LINK_REQUIRED');
    const outsider = await db().services.identity.findUserByEmail('outsider@corp.example');
    expect(await db().services.identity.membership(org.orgId, outsider!.id)).toBeUndefined();
  });
});
