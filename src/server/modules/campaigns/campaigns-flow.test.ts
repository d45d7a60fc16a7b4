import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import {
  approvedAssessment,
  classify,
  isCampaignRoute,
  readableText,
} from '../../../../test/support/campaigns.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { readPdf } from '../../../../test/support/pdf-text.js';
import { buildRequest } from '../../../../test/support/route-requests.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import { crossTenant, Tenants } from '../../db/tenancy/tenant-scope.js';
import type { App } from '../../platform/app.js';
import { isOrgPermission } from '../identity/permissions.js';
import { CampaignsRepository } from './campaigns.repository.js';

interface Firm {
  org: SeededOrg;
  admin: Session;
  assessor: Session;
  approver: Session;
  businessId: string;
  membershipId?: string;
  participationId?: string;
  assessmentId?: string;
}

/**
 * An association collects six firms' responses (five securities firms, one futures firm): invitations the
 * firms accept, a campaign, the board, sealed responses, aggregates with suppression, resubmission, and the
 * guarantee that no route hands a member's own answers to the association.
 */
describeEachDatabase('association campaigns', (db) => {
  let app: App;
  let association: SeededOrg;
  let staff: Session;
  const firms: Firm[] = [];
  let campaignId: string;

  const call = (session: Session, method: string, url: string, payload?: object) =>
    app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: session.headers, payload });
  const marker = (firm: Firm) => `SECRET-${firm.org.orgId.slice(0, 8)}`;

  beforeAll(async () => {
    app = await createTestApp(db());
    association = await seedOrganization(db(), 'Campaign Association');
    await classify(db(), association, 'association');
    staff = await login(app, association.users.admin);
    for (let i = 0; i < 6; i++) {
      const org = await seedOrganization(db(), `Campaign Firm ${i}`);
      const businessId = await classify(db(), org, i === 5 ? 'futures' : 'securities');
      firms.push({
        org,
        businessId,
        admin: await login(app, org.users.admin),
        assessor: await login(app, org.users.assessor),
        approver: await login(app, org.users.approver),
      });
    }
  }, 120_000);
  afterAll(() => app.close());

  it('invites firms by 統一編號; each joins only when its own administrator accepts', async () => {
    for (const [i, firm] of firms.entries()) {
      const invited = await call(staff, 'POST', `/orgs/${association.orgId}/association/members`, {
        businessId: firm.businessId,
        sizeBand: i === 4 ? 'small' : 'large',
      });
      expect(invited.statusCode).toBe(201);
      expect(invited.json()).toMatchObject({ status: 'invited', organizationName: null });
    }
    const again = await call(staff, 'POST', `/orgs/${association.orgId}/association/members`, {
      businessId: firms[0]!.businessId,
    });
    expect(again.json().code).toBe('ASSOCIATION_MEMBER_ALREADY_INVITED');
    for (const firm of firms) {
      const offers = (await call(firm.assessor, 'GET', `/orgs/${firm.org.orgId}/associations`)).json();
      expect(offers).toHaveLength(1);
      firm.membershipId = offers[0].id;
      const byAssessor = await call(
        firm.assessor,
        'POST',
        `/orgs/${firm.org.orgId}/associations/${firm.membershipId}/accept`,
      );
      expect(byAssessor.statusCode).toBe(403);
      const accepted = await call(
        firm.admin,
        'POST',
        `/orgs/${firm.org.orgId}/associations/${firm.membershipId}/accept`,
      );
      expect(accepted.json()).toMatchObject({ status: 'active', associationName: 'Campaign Association' });
    }
    // Another firm's invitation is not this firm's to accept.
    const foreign = await call(
      firms[0]!.admin,
      'POST',
      `/orgs/${firms[0]!.org.orgId}/associations/${firms[1]!.membershipId}/leave`,
    );
    expect(foreign.json().code).toBe('ASSOCIATION_MEMBERSHIP_NOT_FOUND');
    const members = (await call(staff, 'GET', `/orgs/${association.orgId}/association/members`)).json();
    expect(members.filter((m: { status: string }) => m.status === 'active')).toHaveLength(6);
  });

  it('creates a campaign and shows each member as not started, then in progress', async () => {
    const members = (await call(staff, 'GET', `/orgs/${association.orgId}/association/members`)).json();
    const created = await call(staff, 'POST', `/orgs/${association.orgId}/campaigns`, {
      name: '雲端指引自評',
      period: '115年度',
      catalogId: CATALOG_REF,
      deadline: '2099-12-31',
      requestExplanations: true,
      memberIds: members.map((m: { id: string }) => m.id),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().k).toBe(5); // the default
    campaignId = created.json().id;
    for (const firm of firms) {
      const [mine] = (await call(firm.assessor, 'GET', `/orgs/${firm.org.orgId}/participations`)).json();
      firm.participationId = mine.id;
    }
    const started = await call(
      firms[0]!.assessor,
      'POST',
      `/orgs/${firms[0]!.org.orgId}/participations/${firms[0]!.participationId}/start`,
      {},
    );
    expect(started.statusCode).toBe(200);
    firms[0]!.assessmentId = started.json().assessmentId;
    const board = (await call(staff, 'GET', `/orgs/${association.orgId}/campaigns/${campaignId}`)).json();
    const statuses = board.members.map((m: { status: string }) => m.status).sort();
    expect(statuses).toEqual([
      'in_progress',
      'not_started',
      'not_started',
      'not_started',
      'not_started',
      'not_started',
    ]);
  });

  it('seals approved assessments; the association sees status and suppressed aggregates, never answers', async () => {
    for (const [i, firm] of firms.entries()) {
      const id = await approvedAssessment(
        db(),
        firm.org,
        (n) => ((n + i) % 3 === 0 ? 'non_compliant' : 'compliant'),
        firm.assessmentId,
      );
      firm.assessmentId = id;
      // Plant a marker in every explanation: it must never reach the association unless shared.
      const { items } = await db().services.assessments.insights.load(firm.org.orgId, id);
      expect(items.length).toBe(63);
      await crossTenant(db().handle.db, 'test: plant markers in approved answers')
        .updateTable('assessment_item')
        .set({ explanation: marker(firm), compensating_control: marker(firm) })
        .where('assessment_id', '=', id)
        .execute();
      const submitted = await call(
        firm.approver,
        'POST',
        `/orgs/${firm.org.orgId}/participations/${firm.participationId}/responses`,
        {
          assessmentId: id,
          ...(i === 0 ? { shareItemIds: ['item-4'] } : {}),
        },
      );
      expect(submitted.statusCode).toBe(201);
      expect(submitted.json()).toMatchObject({ version: 1, supersededAt: null });
    }
    const board = (await call(staff, 'GET', `/orgs/${association.orgId}/campaigns/${campaignId}`)).json();
    expect(board.members.every((m: { status: string }) => m.status === 'submitted')).toBe(true);

    const aggregates = (
      await call(staff, 'GET', `/orgs/${association.orgId}/campaigns/${campaignId}/aggregates`)
    ).json();
    const seg = (key: string) => aggregates.segments.find((s: { key: string }) => s.key === key);
    expect(seg('all')).toMatchObject({ shown: true, firms: 6 });
    // The lone futures firm is below k = 5, and securities (5) would give it away as total − securities.
    expect(seg('industry:futures')).toMatchObject({
      shown: false,
      reason: 'below_k',
      firms: null,
      items: [],
    });
    expect(seg('industry:securities')).toMatchObject({ shown: false, reason: 'complementary' });
    // One small firm: "all" − "large" would be that firm, so "large" is hidden too.
    expect(seg('size:small')).toMatchObject({ shown: false, reason: 'below_k' });
    expect(seg('size:large').shown).toBe(false);
    const all = seg('all');
    const item = all.items.find((x: { itemId: string }) => x.itemId === 'item-4');
    expect(Object.values(item.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(6);

    // Every GET route the association can call, with its real records: no member's explanation comes back
    // except the one item the first firm agreed to share.
    const ids = {
      campaign: campaignId,
      associationMember: (
        await call(staff, 'GET', `/orgs/${association.orgId}/association/members`)
      ).json()[0].id,
    };
    let checked = 0;
    for (const route of app.appRoutes.filter((r) => r.method === 'GET' && isOrgPermission(r.permission))) {
      const request = buildRequest(route, { orgId: association.orgId, ids });
      const response = await app.inject({ ...request, headers: { ...request.headers, ...staff.headers } });
      const text = await readableText(response);
      checked += 1;
      for (const firm of firms) {
        const count = text.split(marker(firm)).length - 1;
        const allowed = route.url.endsWith('/shared-items') && firm === firms[0] ? 2 : 0;
        if (count !== allowed)
          throw new Error(`${route.url} returned ${count} of ${firm.org.orgId}'s answers`);
      }
    }
    expect(checked).toBeGreaterThan(15);
    const shared = (
      await call(staff, 'GET', `/orgs/${association.orgId}/campaigns/${campaignId}/shared-items`)
    ).json();
    expect(shared).toEqual([expect.objectContaining({ itemId: 'item-4', explanation: marker(firms[0]!) })]);
    // And the association's staff cannot reach a member's own records at all.
    const direct = await call(
      staff,
      'GET',
      `/orgs/${firms[0]!.org.orgId}/assessments/${firms[0]!.assessmentId}`,
    );
    expect(direct.statusCode).toBe(404);
  }, 120_000);

  it('shows a member its own results beside its peers, itself left out', async () => {
    const firm = firms[1]!;
    const response = await call(
      firm.assessor,
      'GET',
      `/orgs/${firm.org.orgId}/participations/${firm.participationId}/benchmark`,
    );
    expect(response.statusCode).toBe(200);
    const view = response.json();
    const peersAll = view.peers.find((p: { key: string }) => p.key === 'all');
    expect(peersAll).toMatchObject({ shown: true, firms: 5 });
    const item = peersAll.items.find((x: { itemId: string }) => x.itemId === 'item-4');
    expect(Object.values(item.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(5);
    expect(view.own.rate).toBeGreaterThan(0);
    expect(peersAll.overall.distribution.n).toBe(5);
    // Its industry segment is hidden association-wide, so it is hidden here too.
    expect(view.peers.find((p: { key: string }) => p.key === 'industry:securities').shown).toBe(false);
  });

  it('exports status and aggregates for the association and a benchmark PDF that states the method', async () => {
    const base = `/orgs/${association.orgId}/campaigns/${campaignId}`;
    for (const suffix of ['status.xlsx', 'aggregates.xlsx']) {
      const file = await call(staff, 'GET', `${base}/${suffix}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    const aggregates = await call(staff, 'GET', `${base}/aggregates.pdf`);
    expect(aggregates.headers['content-type']).toBe('application/pdf');
    const aggregateText = (await readPdf(aggregates.rawPayload)).map((p) => p.text).join('\n');
    expect(aggregateText).toContain('各區隔符合率');
    const firm = firms[1]!;
    const pdf = await call(
      firm.assessor,
      'GET',
      `/orgs/${firm.org.orgId}/participations/${firm.participationId}/benchmark.pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    const text = (await readPdf(pdf.rawPayload)).map((p) => p.text).join('\n');
    expect(text).toContain('小格抑制');
    expect(text).toContain('同業比較不含貴公司本身');
  });

  it('keeps a submitted version unchanged; a resubmission is a new, audited version', async () => {
    const firm = firms[2]!;
    const url = `/orgs/${firm.org.orgId}/participations/${firm.participationId}/responses`;
    const [v1] = (await call(firm.assessor, 'GET', url)).json();
    const itemsBefore = await crossTenant(db().handle.db, 'test: read sealed items')
      .selectFrom('campaign_response_item')
      .selectAll()
      .where('response_id', '=', v1.id)
      .orderBy('item_id')
      .execute();
    const again = await call(firm.approver, 'POST', url, { assessmentId: firm.assessmentId });
    expect(again.json()).toMatchObject({ version: 2, supersededAt: null });
    const versions = (await call(firm.assessor, 'GET', url)).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0]).toMatchObject({
      id: v1.id,
      fingerprint: v1.fingerprint,
      submittedAt: v1.submittedAt,
    });
    expect(versions[0].supersededAt).not.toBeNull();
    const itemsAfter = await crossTenant(db().handle.db, 'test: read sealed items')
      .selectFrom('campaign_response_item')
      .selectAll()
      .where('response_id', '=', v1.id)
      .orderBy('item_id')
      .execute();
    expect(itemsAfter).toEqual(itemsBefore);
    const audit = await db()
      .handle.db.selectFrom('audit_log')
      .select(['chain', 'after'])
      .where('action', '=', 'campaign.response.submit')
      .where('chain', 'in', [firm.org.orgId, association.orgId])
      .orderBy('seq')
      .execute();
    const audited = audit.map(
      (a) => `${a.chain === association.orgId ? 'association' : 'firm'}:${JSON.parse(a.after!).version}`,
    );
    expect(audited.filter((v) => v.startsWith('firm'))).toEqual(['firm:1', 'firm:2']);
    expect(audited).toContain('association:2');
    const aggregates = (
      await call(staff, 'GET', `/orgs/${association.orgId}/campaigns/${campaignId}/aggregates`)
    ).json();
    expect(aggregates.segments.find((s: { key: string }) => s.key === 'all').firms).toBe(6);
    // The figures kept as responses arrive equal a recount of the current sealed answers.
    const repo = new CampaignsRepository(db().handle.db);
    const scope = new Tenants(db().handle.db).scope(association.orgId);
    const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sorted(await repo.figures.itemCounts(scope, campaignId))).toEqual(
      sorted(await repo.itemCountsFromAnswers(scope, campaignId)),
    );
    expect(sorted(await repo.figures.firmChapters(scope, campaignId))).toEqual(
      sorted(await repo.firmChaptersFromAnswers(scope, campaignId)),
    );
  });

  it('hides everything at k − 1 firms, and lets a firm leave', async () => {
    const members = (await call(staff, 'GET', `/orgs/${association.orgId}/association/members`)).json();
    const small = await call(staff, 'POST', `/orgs/${association.orgId}/campaigns`, {
      name: '小型調查',
      period: '115年度',
      catalogId: CATALOG_REF,
      deadline: '2000-01-01',
      memberIds: members.slice(0, 4).map((m: { id: string }) => m.id),
    });
    const id = small.json().id;
    for (const firm of firms.slice(0, 4)) {
      const mine = (await call(firm.assessor, 'GET', `/orgs/${firm.org.orgId}/participations`)).json();
      const p = mine.find((x: { campaignName: string }) => x.campaignName === '小型調查');
      const r = await call(
        firm.approver,
        'POST',
        `/orgs/${firm.org.orgId}/participations/${p.id}/responses`,
        { assessmentId: firm.assessmentId },
      );
      expect(r.statusCode).toBe(201);
    }
    const aggregates = (
      await call(staff, 'GET', `/orgs/${association.orgId}/campaigns/${id}/aggregates`)
    ).json();
    expect(aggregates.k).toBe(5);
    expect(aggregates.segments.every((s: { shown: boolean }) => !s.shown)).toBe(true);
    const left = await call(
      firms[5]!.admin,
      'POST',
      `/orgs/${firms[5]!.org.orgId}/associations/${firms[5]!.membershipId}/leave`,
    );
    expect(left.json()).toMatchObject({ status: 'left' });
    expect((await call(firms[5]!.admin, 'GET', `/orgs/${firms[5]!.org.orgId}/associations`)).json()).toEqual(
      [],
    );
  });

  it('hands the association no member’s answers through any campaign route, reads and writes alike', async () => {
    // Last, since writes change state. Each firm's explanations carry its marker; its sealed fingerprint is
    // its own too. Every campaign route, by the association's administrator, with the association's records.
    const sealed = await crossTenant(db().handle.db, 'test: the firms’ sealed fingerprints')
      .selectFrom('campaign_response')
      .select('fingerprint')
      .where('org_id', '=', association.orgId)
      .execute();
    const secrets = [...firms.map(marker), ...sealed.map((r) => r.fingerprint)];
    const members = (await call(staff, 'GET', `/orgs/${association.orgId}/association/members`)).json();
    const ids = { campaign: campaignId, associationMember: members[0].id };
    const routes = app.appRoutes.filter((r) => isCampaignRoute(r.url));
    const leaks: string[] = [];
    for (const route of routes) {
      const request = buildRequest(route, { orgId: association.orgId, ids });
      const response = await app.inject({ ...request, headers: { ...request.headers, ...staff.headers } });
      const text = await readableText(response);
      const shared = route.url.endsWith('/shared-items') ? marker(firms[0]!) : null;
      for (const secret of secrets)
        if (secret !== shared && text.includes(secret)) leaks.push(`${route.method} ${route.url}`);
    }
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(new Set(routes.map((r) => r.method))).toEqual(new Set(['GET', 'POST', 'PATCH']));
    expect(leaks).toEqual([]);
  });
});
