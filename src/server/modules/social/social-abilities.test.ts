import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';

const no = { allowed: false, reason: 'ROLE_REQUIRED' };
const yes = { allowed: true, reason: null };

/** The abilities sent with the register: what the web offers must be what the server would accept. */
describeEachDatabase('social register abilities', (db) => {
  let app: App;
  let org: SeededOrg;
  let admin: Session;
  let approver: Session;
  let viewer: Session;
  let accountId: string;
  let postId: string;
  const get = (session: Session, url: string) =>
    app.inject({ method: 'GET', url: `/api/v1/orgs/${org.orgId}/social${url}`, headers: session.headers });

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Social Abilities Securities');
    admin = await login(app, org.users.admin);
    approver = await login(app, org.users.approver);
    viewer = await login(app, org.users.viewer);
    const post = (url: string, payload: object) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${org.orgId}/social${url}`,
        headers: admin.headers,
        payload,
      });
    const account = await post('/accounts', { platform: 'line', handle: '@firm', purpose: '客服' });
    accountId = account.json().id;
    await post('/platform-risks', {
      platform: 'line',
      businessUse: true,
      risks: [],
      controls: [],
      reviewedOn: '2026-10-01',
    });
    const draft = await post('/posts', { title: '公告', body: '本週講座', accountIds: [accountId] });
    postId = draft.json().id;
    const submitted = await post(`/posts/${postId}/submit`, { version: draft.json().version });
    expect(submitted.json().status).toBe('submitted');
  });
  afterAll(() => app.close());

  it("says no to a viewer's every action, with the roles that could take it", async () => {
    for (const url of ['/accounts', '/posts', '/platform-risks', '/policies', '/privacy-reviews']) {
      const list = await get(viewer, url);
      expect(list.statusCode).toBe(200);
      expect(list.json().abilities.create, url).toMatchObject({ ...no, roles: ['admin', 'assessor'] });
    }
    expect((await get(viewer, `/accounts/${accountId}`)).json().abilities.edit).toMatchObject(no);
    expect((await get(viewer, '/accounts')).json().abilities.uploadEvidence).toMatchObject(no);
    expect((await get(viewer, '/platform-risks')).json().items[0].abilities.review).toMatchObject(no);
    const post = (await get(viewer, `/posts/${postId}`)).json();
    for (const action of ['edit', 'submit', 'withdraw', 'approve', 'reject', 'publish'])
      expect(post.abilities[action], action).toMatchObject(no);
    expect(post.abilities.approve.roles).toEqual(['admin', 'approver']);
  });

  it("says yes to an admin, but not to approving the admin's own post (the two-person rule)", async () => {
    for (const url of ['/accounts', '/posts', '/platform-risks', '/policies', '/privacy-reviews'])
      expect((await get(admin, url)).json().abilities.create, url).toMatchObject(yes);
    expect((await get(admin, '/accounts')).json().items[0].abilities.edit).toMatchObject(yes);
    expect((await get(admin, `/accounts/${accountId}`)).json().abilities.edit).toMatchObject(yes);
    // The screenshot is evidence, which an admin does not produce (evidence:write is the assessor's).
    expect((await get(admin, `/accounts/${accountId}`)).json().abilities.uploadEvidence).toMatchObject({
      ...no,
      roles: ['assessor'],
    });
    expect((await get(admin, '/platform-risks')).json().items[0].abilities.review).toMatchObject(yes);

    const own = (await get(admin, `/posts/${postId}`)).json();
    expect(own.status).toBe('submitted');
    expect(own.abilities.approve).toMatchObject({ allowed: false, reason: 'SOCIAL_POST_SELF_APPROVAL' });
    expect(own.abilities.reject).toMatchObject({ allowed: false, reason: 'SOCIAL_POST_SELF_APPROVAL' });
    expect(own.abilities.withdraw).toMatchObject(yes);
    expect(own.abilities.edit).toMatchObject({ allowed: false, reason: 'SOCIAL_POST_STATE' });
    // What the ability says is what the server does.
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org.orgId}/social/posts/${postId}/approve`,
      headers: admin.headers,
      payload: { version: own.version },
    });
    expect(refused.json().code).toBe(own.abilities.approve.reason);

    const theirs = (await get(approver, '/posts')).json().items.find((p: { id: string }) => p.id === postId);
    expect(theirs.abilities.approve).toMatchObject(yes);
    expect(theirs.abilities.withdraw).toMatchObject(no);
  });
});
