import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import {
  createMember,
  login,
  type SeededOrg,
  type Session,
  seedOrganization,
  TEST_PASSWORD,
} from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';
import { createServices } from '../services.js';

/** Invitations end to end through the API: accepting signed in, creating an account, single use, refusals. */
describeEachDatabase('invitations', (db) => {
  let app: App;
  let org: SeededOrg;
  let admin: Session;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Invitations Securities');
    admin = await login(app, org.users.admin);
  });
  afterAll(() => app.close());

  const invite = async (email: string, role = 'assessor') => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org.orgId}/members`,
      headers: admin.headers,
      payload: { email, role },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json() as { invitation: { id: string }; delivery: string; link: string };
    return { ...body, token: new URL(body.link).pathname.split('/').at(-1)! };
  };
  const isMember = async (userId: string) =>
    (await db().services.identity.membership(org.orgId, userId)) !== undefined;

  it('lets the invited address accept while signed in, once, and nobody else', async () => {
    const person = await createMember(db(), (await seedOrganization(db(), 'Invitations Elsewhere')).orgId, {
      email: 'invited.person@example.test',
      role: 'viewer',
    });
    const { token, invitation } = await invite(person.email);
    const view = await app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(view.json()).toMatchObject({
      organizationName: 'Invitations Securities',
      role: 'assessor',
      email: person.email,
    });

    const stranger = await login(app, org.users.viewer);
    const wrong = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      headers: stranger.headers,
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('INVITATION_FOR_ANOTHER_ADDRESS');

    const own = await login(app, { email: person.email, totpSecret: null });
    const mine = await app.inject({ method: 'GET', url: '/api/v1/me/invitations', headers: own.headers });
    expect(mine.json()).toContainEqual(
      expect.objectContaining({ id: invitation.id, organizationName: 'Invitations Securities' }),
    );
    expect(await isMember(person.id)).toBe(false);
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      headers: own.headers,
    });
    expect(accepted.statusCode).toBe(200);
    expect(await isMember(person.id)).toBe(true);
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/me/invitations/${invitation.id}/accept`,
      headers: own.headers,
    });
    expect(again.statusCode).toBe(404);
    const link = await app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(link.statusCode).toBe(410);
    expect(link.json().code).toBe('INVITATION_NOT_OPEN');
  });

  it('creates a new account from the link, once even when two registrations race', async () => {
    const { token } = await invite('brand.new@example.test', 'reviewer');
    const register = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/invitations/${token}/register`,
        payload: { name: 'Brand New', password: 'Quiet harbour lanterns 2026' },
      });
    const results = await Promise.all([register(), register()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, expect.any(Number)]);
    const loser = results.find((r) => r.statusCode !== 201)!;
    expect([409, 410]).toContain(loser.statusCode);
    const user = await db().services.identity.findUserByEmail('brand.new@example.test');
    expect(user).toBeDefined();
    expect((await db().services.identity.membership(org.orgId, user!.id))?.role).toBe('reviewer');
    await expect(
      login(app, { email: 'brand.new@example.test', totpSecret: null }, 'Quiet harbour lanterns 2026'),
    ).resolves.toBeDefined();
  });

  it('sends an address that has an account to sign in instead, and refuses a withdrawn invitation', async () => {
    const { token } = await invite(org.users.viewer.email.replace('viewer.', 'viewer2.'));
    await createMember(db(), (await seedOrganization(db(), 'Invitations Third')).orgId, {
      email: org.users.viewer.email.replace('viewer.', 'viewer2.'),
      role: 'viewer',
    });
    const register = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/register`,
      payload: { name: 'x', password: TEST_PASSWORD },
    });
    expect(register.statusCode).toBe(409);
    expect(register.json().code).toBe('INVITATION_SIGN_IN_REQUIRED');

    const withdrawn = await invite('withdrawn@example.test');
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/orgs/${org.orgId}/invitations/${withdrawn.invitation.id}`,
      headers: admin.headers,
    });
    expect(revoke.statusCode).toBe(204);
    const late = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${withdrawn.token}/register`,
      payload: { name: 'x', password: TEST_PASSWORD },
    });
    expect(late.statusCode).toBe(410);
  });

  it('tells the inviter when the mail could not be sent, and logs the cause without the link or address', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const services = createServices({
      config: {
        ...db().config,
        smtp: { url: 'smtp://127.0.0.1:1', from: 'Jianhe <no-reply@example.test>' },
        publicUrl: 'https://jianhe.example',
      },
      database: db().handle,
      log: { warn: (details, message) => lines.push({ ...details, message }) },
    });
    const sent = await services.invitations.invite(
      org.users.admin.id,
      org.orgId,
      { email: 'unreachable.mail@example.test', role: 'viewer' },
      'https://jianhe.example',
    );
    expect(sent).toMatchObject({ delivery: 'link', mailFailed: true });
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'invitation e-mail failed',
        cause: expect.objectContaining({ step: 'smtp' }),
      }),
    );
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(sent.link!);
    expect(logged).not.toContain('unreachable.mail');
  });
});
