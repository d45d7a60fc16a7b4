import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import {
  createMember,
  login,
  loginPlatformAdmin,
  type SeededOrg,
  type Session,
  seedOrganization,
} from '../../../../test/support/identity.js';
import {
  browse,
  CookieJar,
  type LocalOidcProvider,
  startOidcProvider,
} from '../../../../test/support/oidc.js';
import { crossTenant } from '../../db/tenancy/tenant-scope.js';
import type { App } from '../../platform/app.js';

/**
 * The cross-tenant takeover the security review reproduced, replayed step by step on both databases:
 * organisation A's admin adds B's user by e-mail, then configures A's own identity provider for B's e-mail
 * domain and signs in as that user. Every step that once worked must now fail, and nothing about the victim
 * may reach A on the way.
 */
describeEachDatabase('the cross-tenant takeover through invitations and SSO', (db) => {
  let app: App;
  let appUrl: string;
  let idp: LocalOidcProvider;
  let a: SeededOrg;
  let b: SeededOrg;
  let attacker: Session;
  let platform: Session;
  let victim: { id: string; email: string };
  let victimOfClaimedDomain: { id: string; email: string };
  const json = { accept: 'application/json' };

  beforeAll(async () => {
    app = await createTestApp(db());
    appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    idp = await startOidcProvider(`${appUrl}/api/v1/auth/sso/callback`);
    a = await seedOrganization(db(), 'Attacker Securities');
    b = await seedOrganization(db(), 'Victim Futures');
    // Victims without a second factor: the case the review found exploitable.
    victim = await createMember(db(), b.orgId, { email: 'victim@other-bank.example', role: 'viewer' });
    victimOfClaimedDomain = await createMember(db(), b.orgId, {
      email: 'cfo@victim-bank.example',
      role: 'viewer',
    });
    attacker = await login(app, a.users.admin);
    platform = await loginPlatformAdmin(app, db(), 'platform.takeover@jianhe.example');
  });
  afterAll(async () => {
    await app.close();
    await idp.close();
  });

  const configure = (orgId: string, session: Session, domain: string, version: number) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${orgId}/sso`,
      headers: session.headers,
      payload: {
        enabled: true,
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        domains: [{ domain, role: 'viewer' }],
        version,
      },
    });
  const ssoAs = async (orgId: string, subject: string) => {
    idp.signInAs(subject);
    const jar = new CookieJar();
    const result = await browse(`${appUrl}/api/v1/auth/sso/${orgId}/start`, jar, {
      appOrigin: appUrl,
      headers: json,
    });
    return { ...result, session: jar.get(appUrl, 'jianhe_session') };
  };
  const raw = () => crossTenant(db().handle.db, 'test: inspect what the attacker obtained');

  it('step 1: adding an existing account only invites it, answering exactly as for an unknown address', async () => {
    const invite = (email: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${a.orgId}/members`,
        headers: attacker.headers,
        payload: { email, role: 'viewer' },
      });
    const existing = await invite(victim.email);
    const unknown = await invite('nobody-at-all@other-bank.example');
    expect(existing.statusCode).toBe(201);
    expect(unknown.statusCode).toBe(201);
    const shape = (body: { invitation: Record<string, unknown>; delivery: string; link: string | null }) => ({
      keys: Object.keys(body.invitation).sort(),
      delivery: body.delivery,
      hasLink: body.link !== null,
    });
    expect(shape(existing.json())).toEqual(shape(unknown.json()));
    // Not a member of A; A's lists show the typed address and nothing about the person.
    const members = (
      await app.inject({ method: 'GET', url: `/api/v1/orgs/${a.orgId}/members`, headers: attacker.headers })
    ).json();
    expect(JSON.stringify(members)).not.toContain(victim.email);
    const invitations = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/orgs/${a.orgId}/invitations`,
        headers: attacker.headers,
      })
    ).json();
    const listed = invitations.find((i: { email: string }) => i.email === victim.email);
    expect(Object.keys(listed).sort()).toEqual(['createdAt', 'email', 'expiresAt', 'id', 'role']);
    expect(await db().services.identity.membership(a.orgId, victim.id)).toBeUndefined();
  });

  it('step 2: the victim’s sign-ins, failed ones included, never reach the inviting organisation’s trail', async () => {
    await login(app, { ...victim, totpSecret: null });
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: victim.email, password: 'wrong password entirely' },
    });
    const onAChain = await raw()
      .selectFrom('audit_log')
      .select('action')
      .where('chain', '=', a.orgId)
      .where('actor_user_id', '=', victim.id)
      .execute();
    expect(onAChain).toEqual([]);
    const onBChain = await raw()
      .selectFrom('audit_log')
      .select('action')
      .where('chain', '=', b.orgId)
      .where('actor_user_id', '=', victim.id)
      .execute();
    expect(onBChain.map((r) => r.action)).toEqual(
      expect.arrayContaining(['auth.login.success', 'auth.login.failure']),
    );
  });

  it('step 3: a domain another organisation holds cannot be claimed', async () => {
    const bAdmin = await login(app, b.users.admin);
    expect((await configure(b.orgId, bAdmin, 'victim-bank.example', 0)).statusCode).toBe(200);
    const claimed = await configure(a.orgId, attacker, 'victim-bank.example', 0);
    expect(claimed.statusCode).toBe(409);
    expect(claimed.json()).toMatchObject({
      code: 'SSO_DOMAIN_CLAIMED',
      details: { domain: 'victim-bank.example' },
    });
    idp.accounts.set('cfo', { email: victimOfClaimedDomain.email, emailVerified: true });
    const attempt = await ssoAs(a.orgId, 'cfo');
    expect(attempt.response.status).toBe(404); // A has no SSO configured at all
    expect(attempt.session).toBeUndefined();
  });

  it('step 4: an unapproved domain claim provisions nobody', async () => {
    const saved = await configure(a.orgId, attacker, 'other-bank.example', 0);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().domains).toEqual([
      { domain: 'other-bank.example', role: 'viewer', claim: 'pending' },
    ]);
    idp.accounts.set('forged-victim', { email: victim.email, emailVerified: true });
    const attempt = await ssoAs(a.orgId, 'forged-victim');
    expect(attempt.response.status).toBe(403);
    expect(((await attempt.response.json()) as { code: string }).code).toBe('SSO_DOMAIN_NOT_ALLOWED');
    expect(attempt.session).toBeUndefined();
  });

  it('step 5: even with the claim approved, the provider is never linked to the existing account by e-mail', async () => {
    const approve = await app.inject({
      method: 'POST',
      url: '/api/v1/sso-domain-claims/other-bank.example/decision',
      headers: platform.headers,
      payload: { decision: 'approve' },
    });
    expect(approve.statusCode).toBe(204);
    const attempt = await ssoAs(a.orgId, 'forged-victim');
    expect(attempt.response.status).toBe(409);
    expect(((await attempt.response.json()) as { code: string }).code).toBe('SSO_LINK_REQUIRED');
    expect(attempt.session).toBeUndefined();
    expect(
      await raw()
        .selectFrom('external_identity')
        .select('subject')
        .where('user_id', '=', victim.id)
        .execute(),
    ).toEqual([]);
    expect(await db().services.identity.membership(a.orgId, victim.id)).toBeUndefined();
  });

  it('step 6: an account A’s provider did create reaches A only, never B and never platform routes', async () => {
    idp.accounts.set('newcomer', { email: 'newcomer@other-bank.example', emailVerified: true });
    const attempt = await ssoAs(a.orgId, 'newcomer');
    expect(attempt.landedAt).toBe('/');
    const cookie = `jianhe_session=${attempt.session}`;
    const own = await app.inject({ method: 'GET', url: `/api/v1/orgs/${a.orgId}`, headers: { cookie } });
    expect(own.statusCode).toBe(200);
    // Even as a member of B (say it invited the same person later), the SSO session is A's only.
    const newcomer = await db().services.identity.findUserByEmail('newcomer@other-bank.example');
    const bAdmin = await login(app, b.users.admin);
    const invited = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/members`,
      headers: bAdmin.headers,
      payload: { email: newcomer!.email, role: 'viewer' },
    });
    const session = (
      await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })
    ).json();
    const accept = await app.inject({
      method: 'POST',
      url: `/api/v1/me/invitations/${invited.json().invitation.id}/accept`,
      headers: { cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(accept.statusCode).toBe(200);
    const reachB = await app.inject({ method: 'GET', url: `/api/v1/orgs/${b.orgId}`, headers: { cookie } });
    expect(reachB.statusCode).toBe(404);
    const sessionView = (
      await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })
    ).json();
    expect(sessionView.memberships.map((m: { orgId: string }) => m.orgId)).toEqual([a.orgId]);
    const mint = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: { cookie, 'x-csrf-token': session.csrfToken },
      payload: {
        orgId: b.orgId,
        name: 'escape',
        permissions: ['org:read'],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(mint.statusCode).toBe(404);
  });
});
