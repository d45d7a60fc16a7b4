import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import {
  createMember,
  login,
  type SeededOrg,
  type Session,
  seedOrganization,
} from '../../../../test/support/identity.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import type { App } from '../../platform/app.js';
import { addMonths, todayInTaipei } from '../providers/domain/calendar-date.js';

/** The accounts register, policy acknowledgements, review due dates and content approval, through the API. */
describeEachDatabase('social media register and content approval', (db) => {
  let app: App;
  let org: SeededOrg;
  let admin: Session;
  let assessor: Session;
  let approver: Session;
  let viewer: Session;
  const base = () => `/api/v1/orgs/${org.orgId}/social`;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Social Register Securities');
    admin = await login(app, org.users.admin);
    assessor = await login(app, org.users.assessor);
    approver = await login(app, org.users.approver);
    viewer = await login(app, org.users.viewer);
  });
  afterAll(() => app.close());

  const call = (session: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url: `${base()}${url}`, headers: session.headers, ...(payload ? { payload } : {}) });

  it('creates, reads and updates an account with versions; a stale write is 409 with the public account', async () => {
    const created = await call(admin, 'POST', '/accounts', {
      platform: 'line',
      handle: '@firm-official',
      url: 'https://line.me/R/ti/p/@firm-official',
      purpose: '客戶服務與公告',
      department: '數位金融部',
      ownerUserId: org.users.assessor.id,
      secondFactorMethod: 'authenticator_app',
      secondFactorVerifiedOn: '2026-10-01',
    });
    expect(created.statusCode).toBe(201);
    const account = created.json();
    expect(account).toMatchObject({ platformName: 'LINE', status: 'active', scope: 'in_scope', version: 1 });
    expect(account.ownerName).toContain('assessor');

    const first = await call(admin, 'PATCH', `/accounts/${account.id}`, { version: 1, status: 'dormant' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'dormant', version: 2 });
    const stale = await call(admin, 'PATCH', `/accounts/${account.id}`, { version: 1, notes: 'late' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    expect(stale.json().details.current).toMatchObject({
      id: account.id,
      status: 'dormant',
      version: 2,
      notes: '',
    });
    expect(stale.json().details.current).not.toHaveProperty('org_id');

    // Art. 9: an internal platform is recorded but excluded, with its reason.
    const noReason = await call(admin, 'POST', '/accounts', {
      platform: 'other',
      platformLabel: 'Teams',
      handle: 'staff',
      purpose: '內部溝通',
      scope: 'excluded_internal',
    });
    expect(noReason.json().code).toBe('SOCIAL_EXCLUSION_REASON_REQUIRED');
    const viewerWrite = await call(viewer, 'POST', '/accounts', { platform: 'x', handle: 'h', purpose: '' });
    expect(viewerWrite.statusCode).toBe(403);
  });

  it('flags every account a departing member administers, and re-confirming or removing clears it', async () => {
    const { social } = db().services;
    const actor = { orgId: org.orgId, userId: org.users.admin.id };
    const leaver = (
      await createMember(db(), org.orgId, { email: 'leaver.social@example.test', role: 'assessor' })
    ).id;
    const a = await social.accounts.create(actor, {
      platform: 'facebook',
      handle: 'Firm FB',
      purpose: '品牌',
    });
    const b = await social.accounts.create(actor, {
      platform: 'instagram',
      handle: 'firm.ig',
      purpose: '品牌',
    });
    const added = await call(admin, 'POST', `/accounts/${a.id}/administrators`, {
      userId: leaver,
      lastReviewedOn: '2026-06-01',
    });
    expect(added.statusCode).toBe(201);
    await call(admin, 'POST', `/accounts/${b.id}/administrators`, {
      userId: leaver,
      lastReviewedOn: '2026-06-01',
    });
    const agency = await call(admin, 'POST', `/accounts/${b.id}/administrators`, {
      outsiderName: '王小明',
      outsiderOrganisation: '某某行銷顧問',
      lastReviewedOn: '2026-06-01',
    });
    expect(agency.json()).toMatchObject({ name: '王小明', userId: null });
    const both = await call(admin, 'POST', `/accounts/${b.id}/administrators`, {
      userId: leaver,
      outsiderName: 'x',
      lastReviewedOn: '2026-06-01',
    });
    expect(both.json().code).toBe('SOCIAL_ADMIN_INVALID');

    // The member leaves through the real identity change: the shared task mechanism asks the register.
    const removal = await app.inject({
      method: 'DELETE',
      url: `/api/v1/orgs/${org.orgId}/members/${leaver}`,
      headers: admin.headers,
    });
    expect(removal.statusCode).toBeLessThan(300);
    const tasks = await db().services.registers.tasks.list(
      org.orgId,
      { status: 'open', register: 'social_account' },
      50,
    );
    expect(tasks.map((x) => x.subject_id).sort()).toEqual([a.id, b.id].sort());
    expect(tasks[0]).toMatchObject({
      member_user_id: leaver,
      reason: 'removed',
      kind: 'remove_or_reconfirm_administrator',
    });
    const flagged = [
      (await call(admin, 'GET', `/accounts/${a.id}`)).json(),
      (await call(admin, 'GET', `/accounts/${b.id}`)).json(),
    ];
    for (const account of flagged) {
      const row = account.administrators.find((x: { userId: string | null }) => x.userId === leaver);
      expect(row).toMatchObject({ flaggedReason: 'member_left' });
    }
    const agencyRow = flagged[1].administrators.find((x: { userId: string | null }) => x.userId === null);
    expect(agencyRow.flaggedReason).toBeNull();

    const aAdmin = flagged[0].administrators[0];
    const removed = await call(admin, 'POST', `/accounts/${a.id}/administrators/${aAdmin.id}/removal`, {
      reason: '離職',
    });
    expect(removed.json().administrators[0]).toMatchObject({ removalReason: '離職', flaggedReason: null });
    const bAdmin = flagged[1].administrators.find((x: { userId: string | null }) => x.userId === leaver);
    const confirmed = await call(
      admin,
      'POST',
      `/accounts/${b.id}/administrators/${bAdmin.id}/confirmation`,
      {
        reviewedOn: '2026-11-30',
      },
    );
    expect(confirmed.json().administrators[0]).toMatchObject({
      lastReviewedOn: '2026-11-30',
      flaggedReason: null,
    });
    const twice = await call(admin, 'POST', `/accounts/${a.id}/administrators/${aAdmin.id}/removal`, {
      reason: 'x',
    });
    expect(twice.json().code).toBe('SOCIAL_ADMIN_NOT_FOUND');
  });

  it('records policy acknowledgements per version and lists who has not acknowledged', async () => {
    const version = await call(admin, 'POST', '/policies', {
      label: '2026 版',
      effectiveOn: '2026-01-01',
      shareableInformation: '已公開之商品資訊與活動訊息',
      privateBusinessRules: '私人帳號不得以公司名義發言',
    });
    expect(version.statusCode).toBe(201);
    const id = version.json().id;
    expect((await call(viewer, 'POST', `/policies/${id}/acknowledgements`)).statusCode).toBe(204);
    expect((await call(viewer, 'POST', `/policies/${id}/acknowledgements`)).statusCode).toBe(204);
    const list = (await call(admin, 'GET', `/policies/${id}/acknowledgements`)).json();
    expect(list.acknowledged.map((p: { userId: string }) => p.userId)).toEqual([org.users.viewer.id]);
    expect(list.outstanding).toHaveLength(5);
    const versions = (await call(viewer, 'GET', '/policies')).json().items;
    expect(versions[0]).toMatchObject({ id, acknowledged: 1, members: 6 });
  });

  it('computes due dates for risk and privacy reviews (yearly, or the interval the firm sets)', async () => {
    const today = todayInTaipei();
    const risk = await call(admin, 'POST', '/platform-risks', {
      platform: 'line',
      businessUse: true,
      risks: [{ kind: 'social_engineering', description: '假冒客服' }],
      controls: [{ kind: 'training_awareness', description: '年度教育訓練' }],
      reviewedOn: addMonths(today, -13),
    });
    expect(risk.json()).toMatchObject({
      state: 'overdue',
      nextDueOn: addMonths(today, -1),
      reviewIntervalMonths: 12,
    });
    const renewed = await call(admin, 'PATCH', `/platform-risks/${risk.json().id}`, {
      version: 1,
      reviewedOn: today,
      reviewIntervalMonths: 6,
    });
    expect(renewed.json()).toMatchObject({ state: 'ok', nextDueOn: addMonths(today, 6), version: 2 });
    const stale = await call(admin, 'PATCH', `/platform-risks/${risk.json().id}`, { version: 1, notes: 'x' });
    expect(stale.statusCode).toBe(409);
    const again = await call(admin, 'POST', '/platform-risks', {
      platform: 'line',
      businessUse: false,
      risks: [],
      controls: [],
      reviewedOn: today,
    });
    expect(again.json().code).toBe('SOCIAL_RISK_EXISTS');

    const first = await call(admin, 'POST', '/privacy-reviews', {
      platform: 'line',
      reviewedOn: addMonths(today, -12),
      summary: '初次檢視',
      conclusion: 'acceptable',
      policyUrl: 'https://terms.line.me/line_rules',
      policyText: 'We collect your name and phone number. 我們蒐集您的姓名。',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ nextDueOn: today, state: 'due_soon' });
    const soon = await call(admin, 'POST', '/privacy-reviews', {
      platform: 'facebook',
      reviewedOn: addMonths(today, -3),
      summary: '',
      conclusion: 'acceptable_with_measures',
      policyText: 'FB policy',
      intervalMonths: 2,
    });
    expect(soon.json()).toMatchObject({ state: 'overdue', nextDueOn: addMonths(today, -1) });
    const calendar = (await call(viewer, 'GET', '/privacy-reviews')).json().items;
    expect(calendar.map((r: { platform: string }) => r.platform)).toEqual(['facebook', 'line']);

    const diff = await call(admin, 'POST', '/privacy-reviews/diff', {
      platform: 'line',
      policyText: 'We collect your email and phone number. 我們蒐集您的姓名與信箱。',
    });
    const body = diff.json();
    expect(body.baselineReviewId).toBe(first.json().id);
    expect(
      body.parts
        .filter((p: { kind: string }) => p.kind === 'added')
        .map((p: { text: string }) => p.text.trim()),
    ).toEqual(expect.arrayContaining(['email', '與信箱']));
    expect(
      body.parts.filter((p: { kind: string }) => p.kind === 'removed').map((p: { text: string }) => p.text),
    ).toEqual(expect.arrayContaining(['name']));
    const none = await call(admin, 'POST', '/privacy-reviews/diff', { platform: 'tiktok', policyText: 'x' });
    expect(none.json().code).toBe('SOCIAL_PRIVACY_REVIEW_NOT_FOUND');
  });

  it('needs a second person to approve a post: the author is refused with a stable code; the hash and URL are audited', async () => {
    const { social } = db().services;
    const account = await social.accounts.create(
      { orgId: org.orgId, userId: org.users.admin.id },
      { platform: 'youtube', handle: 'Firm TV', purpose: '影音' },
    );
    const body = '本公司 12 月投資講座，歡迎報名。';
    const draft = await call(admin, 'POST', '/posts', { title: '講座公告', body, accountIds: [account.id] });
    expect(draft.statusCode).toBe(201);
    const post = draft.json();
    const submitted = await call(admin, 'POST', `/posts/${post.id}/submit`, { version: post.version });
    expect(submitted.json().status).toBe('submitted');
    const self = await call(admin, 'POST', `/posts/${post.id}/approve`, {
      version: submitted.json().version,
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('SOCIAL_POST_SELF_APPROVAL');
    const byAssessor = await call(assessor, 'POST', `/posts/${post.id}/approve`, {
      version: submitted.json().version,
    });
    expect(byAssessor.json().code).toBe('FORBIDDEN');
    const approved = await call(approver, 'POST', `/posts/${post.id}/approve`, {
      version: submitted.json().version,
    });
    expect(approved.statusCode).toBe(200);
    const sha = createHash('sha256').update(body, 'utf8').digest('hex');
    expect(approved.json()).toMatchObject({
      status: 'approved',
      approvedSha256: sha,
      decidedBy: org.users.approver.id,
    });
    const editAfter = await call(admin, 'PATCH', `/posts/${post.id}`, {
      version: approved.json().version,
      body: 'changed',
    });
    expect(editAfter.json().code).toBe('SOCIAL_POST_STATE');
    const url = 'https://www.youtube.com/watch?v=firm-talk';
    const published = await call(admin, 'POST', `/posts/${post.id}/publish`, {
      version: approved.json().version,
      url,
    });
    expect(published.json()).toMatchObject({
      status: 'published',
      publishedUrl: url,
      decidedByName: expect.stringContaining('approver'),
    });
    const list = (await call(viewer, 'GET', '/posts?status=published')).json().items;
    expect(list.map((p: { id: string }) => p.id)).toContain(post.id);

    const entries = await db().services.audit.list(org.orgId, {}, 200);
    const approval = entries.find((e) => e.action === 'social.post.approve' && e.target_id === post.id);
    const publication = entries.find((e) => e.action === 'social.post.publish' && e.target_id === post.id);
    expect(JSON.parse(approval!.after!)).toMatchObject({ approvedSha256: sha });
    expect(JSON.parse(publication!.after!)).toMatchObject({ approvedSha256: sha, publishedUrl: url });
    expect((await db().services.audit.verify(org.orgId))[0]!.broken).toBeNull();
  });

  it('shows the register for items 34–40 and freezes it into hashed evidence attached to item 40', async () => {
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const { assessments, registers } = db().services;
    const assessment = await assessments.lifecycle.create(actor, {
      catalogRef: CATALOG_REF,
      name: '快照',
      period: '2026',
    });
    const { items } = await assessments.insights.load(org.orgId, assessment.id);
    const item40 = items.find((i) => i.item.item_id === 'item-40')!.item.id;
    const figures = (await call(viewer, 'GET', '/register-figures')).json();
    const access = figures.items.find((i: { itemNumber: number }) => i.itemNumber === 40).lines;
    // One LINE account with a verified authenticator app; the others have none.
    expect(access[0]).toEqual({
      code: 'accounts_2fa_verified',
      values: { n: 1, of: figures.accounts.official },
    });
    const snapshot = await call(assessor, 'POST', '/register-figures/snapshot', { attachToItemId: item40 });
    expect(snapshot.statusCode).toBe(201);
    const { document, intact } = await registers.snapshots.read(org.orgId, snapshot.json().evidenceId);
    expect(intact).toBe(true);
    expect(document).toMatchObject({ register: 'social_account', format: 'jianhe.register-snapshot/1' });
    expect(JSON.stringify(document.summary)).toContain('accounts_2fa_verified');
    const attached = await assessments.insights.loadItem(org.orgId, item40);
    expect(attached.evidence.map((e) => e.row.sha256)).toContain(snapshot.json().sha256);
  });
});
