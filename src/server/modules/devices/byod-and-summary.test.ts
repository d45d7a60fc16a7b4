import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';
import { BYOD_REVIEW_DUE_KIND } from './byod.service.js';

describeEachDatabase('BYOD agreements, reviews, allowed apps and the per-article summary', (db) => {
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let viewer: Session;
  const base = () => `/api/v1/orgs/${org.orgId}/devices`;
  const post = (session: Session, url: string, payload?: object) =>
    app.inject({ method: 'POST', url, headers: session.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'BYOD Futures');
    assessor = await login(app, org.users.assessor);
    viewer = await login(app, org.users.viewer);
  });
  afterAll(() => app.close());

  it('holders accept the current agreement; a new version makes acceptance due again; paper needs a scan', async () => {
    const device = await post(assessor, base(), {
      name: 'viewer own phone',
      type: 'phone',
      platform: 'android',
      ownership: 'byod',
      holderUserId: org.users.viewer.id,
      handlesSensitive: true,
      connectsDirectly: true,
    });
    expect(device.statusCode).toBe(201);
    const v1 = (
      await post(assessor, `${base()}/byod/agreements`, {
        title: 'BYOD 使用協議',
        usageLimits: '僅限收發公務郵件',
        firmResponsibilities: '提供 MDM 設定',
        holderResponsibilities: '遺失時立即通報',
        validDays: 365,
      })
    ).json();
    expect(v1.version).toBe(1);
    const accepted = await post(viewer, `${base()}/byod/agreements/${v1.id}/accept`);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({
      method: 'in_app',
      holderUserId: org.users.viewer.id,
      version: 1,
    });
    const facts = async () =>
      (await app.inject({ url: `${base()}/summary`, headers: viewer.headers }))
        .json()
        .articles.find((a: { article: string }) => a.article === '15.2').facts;
    expect(await facts()).toEqual({ agreementVersion: 1, accepted: 1, notAccepted: 0 });

    const v2 = (
      await post(assessor, `${base()}/byod/agreements`, {
        title: 'BYOD 使用協議 v2',
        usageLimits: '僅限公務',
        firmResponsibilities: '同上',
        holderResponsibilities: '同上',
        validDays: 180,
      })
    ).json();
    expect(await facts()).toEqual({ agreementVersion: 2, accepted: 0, notAccepted: 1 });
    expect((await post(viewer, `${base()}/byod/agreements/${v1.id}/accept`)).json().code).toBe(
      'BYOD_AGREEMENT_NOT_CURRENT',
    );

    const scan = await db().services.assessments.evidence.uploadFile(
      { orgId: org.orgId, userId: org.users.assessor.id },
      Readable.from([Buffer.from('%PDF-1.7\n% signed agreement\n%%EOF\n')]),
      'signed.pdf',
      {},
    );
    const paper = await post(assessor, `${base()}/byod/agreements/${v2.id}/paper-acceptances`, {
      holderUserId: org.users.viewer.id,
      evidenceId: scan.id,
      acceptedOn: '2026-12-01',
    });
    expect(paper.statusCode).toBe(201);
    expect(paper.json()).toMatchObject({ method: 'paper', evidenceId: scan.id, version: 2 });
    expect(await facts()).toEqual({ agreementVersion: 2, accepted: 1, notAccepted: 0 });
    const trail = await db().services.audit.list(org.orgId, { action: 'byod.acceptance' }, 10);
    expect(trail.map((e) => e.action).sort()).toEqual(['byod.acceptance.in_app', 'byod.acceptance.paper']);
  });

  it('reviews BYOD devices only, and the review is current until its interval passes', async () => {
    const [own] = await db().services.devices.devices.list(org.orgId, { ownership: 'byod' }, 1);
    const review = await post(assessor, `${base()}/${own!.id}/byod-reviews`, {
      purpose: '收發公務郵件',
      periodStart: '2026-12-01',
      periodEnd: '2027-05-31',
      dataTypes: ['email'],
    });
    expect(review.statusCode).toBe(201);
    expect(review.json().nextDueOn > '2027-05-01').toBe(true);
    // The next review is on the one scheduler, owned by the reviewer, so reminders reach them.
    expect(await db().services.dueDates.find(org.orgId, BYOD_REVIEW_DUE_KIND, own!.id)).toMatchObject({
      dueOn: review.json().nextDueOn,
      ownerId: org.users.assessor.id,
      link: `/orgs/${org.orgId}/devices/${own!.id}`,
    });
    const summary = (await app.inject({ url: `${base()}/summary`, headers: viewer.headers })).json();
    expect(summary.articles.find((a: { article: string }) => a.article === '15.1').facts).toEqual({
      reviewsCurrent: 1,
      reviewsDue: 0,
    });
    const company = await post(assessor, base(), {
      name: 'desk tablet',
      type: 'tablet',
      platform: 'ipados',
      ownership: 'company',
      handlesSensitive: true,
      connectsDirectly: true,
    });
    const refused = await post(assessor, `${base()}/${company.json().id}/byod-reviews`, {
      purpose: 'x',
      periodStart: '2026-12-01',
      periodEnd: '2026-12-31',
      dataTypes: [],
    });
    expect(refused.json().code).toBe('BYOD_NOT_A_BYOD_DEVICE');
  });

  it('allowed apps, request/return rules and the tethering record show in their articles; the snapshot freezes them', async () => {
    const added = await post(assessor, `${base()}/allowed-apps`, {
      platform: 'ios',
      appIdentifier: 'com.example.trading',
      name: '下單 App',
      reviewer: '資安室 陳',
      reviewedOn: '2026-11-20',
    });
    expect(added.statusCode).toBe(201);
    expect(
      (
        await post(assessor, `${base()}/allowed-apps`, {
          platform: 'ios',
          appIdentifier: 'com.example.trading',
          name: 'x',
          reviewer: 'y',
          reviewedOn: '2026-11-20',
        })
      ).json().code,
    ).toBe('ALLOWED_APP_EXISTS');
    await post(assessor, `${base()}/documents`, {
      kind: 'request_return_rules',
      title: '行動裝置申請繳回規範',
      description: 'v1',
    });
    await post(assessor, `${base()}/documents`, {
      kind: 'tethering_control',
      title: '禁止 BYOD 熱點',
      description: 'NAC 阻擋',
    });
    const summary = (await app.inject({ url: `${base()}/summary`, headers: viewer.headers })).json();
    const facts = (article: string) =>
      summary.articles.find((a: { article: string }) => a.article === article).facts;
    expect(facts('14.1')).toEqual({ policyDocuments: 1 });
    expect(facts('14.5')).toEqual({ allowedApps: 1 });
    expect(facts('15.3')).toEqual({ recorded: true, evidence: 0 });
    expect(summary).toMatchObject({ devices: 2, inScope: 2, byod: 1 });
    const art147 = summary.articles.find((a: { article: string }) => a.article === '14.4(7)');
    expect(art147.controls).toEqual([
      { control: 'storage_encryption', pass: 0, fail: 0, unknown: 2, notRequired: 0 },
    ]);

    // Viewers read the summary but cannot freeze it; the assessor attaches it to item 50.
    expect((await post(viewer, `${base()}/summary/snapshots`, {})).statusCode).toBe(403);
    const assessment = await db().services.assessments.lifecycle.create(
      { orgId: org.orgId, userId: org.users.assessor.id },
      { catalogRef: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0', name: 'BYOD', period: '2026' },
    );
    const { items } = await db().services.assessments.insights.load(org.orgId, assessment.id);
    const item50 = items.find(({ item }) => item.item_number === 50)!.item;
    const snap = await post(assessor, `${base()}/summary/snapshots`, { itemId: item50.id });
    expect(snap.statusCode).toBe(201);
    const { document, intact } = await db().services.registers.snapshots.read(
      org.orgId,
      snap.json().evidenceId,
    );
    expect(intact).toBe(true);
    expect((document.summary as { byod: number }).byod).toBe(1);
  });

  it('checks an MDM export of installed apps against the allowed list, changing nothing', async () => {
    const file = readFileSync(
      path.resolve(import.meta.dirname, '../../../../test/fixtures/devices/installed-apps.csv'),
    );
    const result = await db().services.devices.programme.checkApps(org.orgId, file);
    expect(result.rows).toBe(4);
    expect(result.unapproved.map((a) => [a.sheetRow, a.device, a.appIdentifier])).toEqual([
      [3, 'TPE-IPHONE-001', 'com.example.games'],
      [5, 'TPE-PIXEL-003', 'com.example.chat'],
    ]);
  });
});
