import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import {
  login,
  type SeededOrg,
  type Session,
  seedOrganization,
  totpNow,
} from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';
import { ability } from '../identity/abilities.js';
import type { Grants } from '../identity/access.js';
import { ROLE_PERMISSIONS } from '../identity/permissions.js';
import { FULL_SCOPE } from './domain/scoping.js';

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';

interface Item {
  id: string;
  number: number;
  applicable: boolean;
  result: string;
  version: number;
  reviewStatus: string;
  reviewNote: string | null;
  reviewedBy: string | null;
}

describe('ability', () => {
  const grants = (role: keyof typeof ROLE_PERMISSIONS): Grants => ({
    role,
    permissions: ROLE_PERMISSIONS[role],
    secondFactorSession: true,
  });
  it('names the roles that hold the permission when the caller’s role does not', () => {
    expect(ability(grants('admin'), 'assessment:write')).toEqual({
      allowed: false,
      reason: 'ROLE_REQUIRED',
      roles: ['assessor'],
    });
  });
  it('reports the first blocker that applies, with its items', () => {
    expect(ability(grants('assessor'), 'assessment:write', false, { reason: 'X', items: [3] })).toMatchObject(
      {
        allowed: false,
        reason: 'X',
        items: [3],
      },
    );
    expect(ability(grants('assessor'), 'assessment:write', false, null).allowed).toBe(true);
  });
});

describeEachDatabase('abilities and the review loop through the API', (db) => {
  let app: App;
  let org: SeededOrg;
  let s: Record<'admin' | 'assessor' | 'reviewer' | 'approver', Session>;
  let base: string;
  let assessmentId: string;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Abilities Securities');
    s = {
      admin: await login(app, org.users.admin),
      assessor: await login(app, org.users.assessor),
      reviewer: await login(app, org.users.reviewer),
      approver: await login(app, org.users.approver),
    };
    base = `/api/v1/orgs/${org.orgId}`;
  });
  afterAll(() => app.close());

  const call = (who: Session, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url: `${base}${url}`,
      headers: who.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const detail = async (who: Session) => (await call(who, 'GET', `/assessments/${assessmentId}`)).json();

  it('tells an admin that creating an assessment needs the assessor role, and the assessor that it may', async () => {
    expect((await call(s.admin, 'GET', '/assessments')).json().abilities.create).toEqual({
      allowed: false,
      reason: 'ROLE_REQUIRED',
      roles: ['assessor'],
    });
    expect((await call(s.assessor, 'GET', '/assessments')).json().abilities.create.allowed).toBe(true);
    expect((await call(s.admin, 'GET', '/providers')).json().abilities.create.roles).toEqual(['assessor']);
    const created = await call(s.assessor, 'POST', '/assessments', {
      catalogId: CATALOG,
      name: '能力測試',
      period: '115年度',
    });
    assessmentId = created.json().id;
  });

  it('blocks submission with the items still 未評, and the refusal lists them too', async () => {
    const { abilities, items } = await detail(s.assessor);
    const open = (items as Item[]).filter((i) => i.applicable).map((i) => i.number);
    expect(abilities.submit).toMatchObject({ allowed: false, reason: 'ITEMS_NOT_ASSESSED', items: open });
    expect(abilities.approve).toMatchObject({ allowed: false, reason: 'ROLE_REQUIRED', roles: ['approver'] });
    expect(abilities.return.roles).toEqual(['reviewer']);
    const refused = await call(s.assessor, 'POST', `/assessments/${assessmentId}/submit`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'ITEMS_NOT_ASSESSED', details: { items: open } });
  });

  it('returns with an overall reason and per-item notes; bulk confirmation is all or nothing', async () => {
    for (const item of ((await detail(s.assessor)).items as Item[]).filter((i) => i.applicable)) {
      const r = await call(s.assessor, 'PATCH', `/assessment-items/${item.id}`, {
        version: item.version,
        result: 'compliant',
        explanation: '依程序辦理',
      });
      expect(r.statusCode).toBe(200);
    }
    expect((await call(s.assessor, 'POST', `/assessments/${assessmentId}/submit`, {})).statusCode).toBe(200);
    const inReview = await detail(s.reviewer);
    expect(inReview.abilities.review.allowed).toBe(true);
    const applicable = (inReview.items as Item[]).filter((i) => i.applicable);
    const [first, second, ...rest] = applicable;
    const approverView = await detail(s.approver);
    expect(approverView.abilities.approve).toMatchObject({ reason: 'ITEMS_NOT_REVIEWED' });
    expect(approverView.abilities.approve.items).toHaveLength(applicable.length);

    // A stale version anywhere refuses the whole batch.
    const stale = await call(s.reviewer, 'POST', `/assessments/${assessmentId}/reviews`, {
      items: [
        { itemId: first!.id, version: first!.version },
        { itemId: second!.id, version: second!.version - 1 },
      ],
    });
    expect(stale.statusCode).toBe(409);
    const afterStale = (await detail(s.reviewer)).items as Item[];
    expect(afterStale.find((i) => i.id === first!.id)!.reviewStatus).toBe('pending');

    const flagged = await call(s.reviewer, 'POST', `/assessment-items/${first!.id}/review`, {
      version: first!.version,
      status: 'flagged',
      comment: '合約附件未含 SLA 條款',
    });
    expect(flagged.json()).toMatchObject({ reviewStatus: 'flagged', reviewNote: '合約附件未含 SLA 條款' });
    const bulk = await call(s.reviewer, 'POST', `/assessments/${assessmentId}/reviews`, {
      items: [second!, ...rest].map((i) => ({ itemId: i.id, version: i.version })),
    });
    expect(bulk.json()).toEqual({ validated: applicable.length - 1 });
    expect((await detail(s.approver)).abilities.approve).toMatchObject({ items: [first!.number] });

    await call(s.reviewer, 'POST', `/assessments/${assessmentId}/return`, { comment: '請補正第一項' });
    const returned = await detail(s.assessor);
    expect(returned.workflow.returned).toMatchObject({
      userId: org.users.reviewer.id,
      comment: '請補正第一項',
    });
    expect(returned.workflow.submitted.userId).toBe(org.users.assessor.id);
    const flaggedItem = (returned.items as Item[]).find((i) => i.id === first!.id)!;
    expect(flaggedItem).toMatchObject({ reviewStatus: 'flagged', reviewNote: '合約附件未含 SLA 條款' });
    expect(flaggedItem.reviewedBy).toBe(org.users.reviewer.id);
    expect(returned.abilities.submit.allowed).toBe(true);
  });

  it('an item of another assessment of the same organisation is not confirmable through this one', async () => {
    const other = await call(s.assessor, 'POST', '/assessments', {
      catalogId: CATALOG,
      name: '另一份',
      period: '115年度',
    });
    const otherItem = (await call(s.assessor, 'GET', `/assessments/${other.json().id}`)).json().items[0];
    await call(s.assessor, 'POST', `/assessments/${assessmentId}/submit`, {});
    const mixed = await call(s.reviewer, 'POST', `/assessments/${assessmentId}/reviews`, {
      items: [{ itemId: otherItem.id, version: otherItem.version }],
    });
    expect(mixed.statusCode).toBe(404);
  });

  it('carries forward into a narrower scope without leaving answers on items the new scope excludes', async () => {
    const approver = s.approver;
    const source = (await detail(s.reviewer)).items as Item[];
    await call(s.reviewer, 'POST', `/assessments/${assessmentId}/reviews`, {
      items: source
        .filter((i) => i.applicable && i.reviewStatus !== 'validated')
        .map((i) => ({ itemId: i.id, version: i.version })),
    });
    const code = await totpNow(org.users.approver.totpSecret!);
    const approved = await call(approver, 'POST', `/assessments/${assessmentId}/approve`, { totpCode: code });
    expect(approved.statusCode).toBe(200);
    const next = await call(s.assessor, 'POST', '/assessments', {
      catalogId: CATALOG,
      name: '次年度',
      period: '116年度',
      carryForwardFrom: assessmentId,
      scoping: { ...FULL_SCOPE, publishesMobileApps: false },
    });
    expect(next.statusCode).toBe(201);
    const carried = (await call(s.assessor, 'GET', `/assessments/${next.json().id}`)).json();
    const excluded = (carried.items as Array<Item & { needsReconfirmation: boolean }>).filter(
      (i) => !i.applicable,
    );
    expect(excluded.length).toBeGreaterThan(0);
    expect(
      excluded.every((i) => !i.needsReconfirmation && ['not_assessed', 'not_applicable'].includes(i.result)),
    ).toBe(true);
    expect(carried.abilities.submit.reason).not.toBe('ITEMS_INVALID');
    const summary = (await call(s.assessor, 'GET', `/assessments/${next.json().id}/summary`)).json();
    expect(summary.overall.unconfirmed).toBe(summary.overall.assessed);
    expect(summary.overall.progress).toBe(0);

    // Submission waits until every carried-forward answer is re-confirmed, naming the items.
    const nextId = next.json().id as string;
    const waiting = (carried.items as Array<Item & { needsReconfirmation: boolean }>).filter(
      (i) => i.needsReconfirmation,
    );
    expect(carried.abilities.submit).toMatchObject({
      allowed: false,
      reason: 'ITEMS_NOT_RECONFIRMED',
      items: waiting.map((i) => i.number),
    });
    for (const item of waiting.slice(1))
      expect(
        (
          await call(s.assessor, 'PATCH', `/assessment-items/${item.id}`, {
            version: item.version,
            confirm: true,
          })
        ).statusCode,
      ).toBe(200);
    const refused = await call(s.assessor, 'POST', `/assessments/${nextId}/submit`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'ITEMS_NOT_RECONFIRMED',
      details: { items: [waiting[0]!.number] },
    });
    await call(s.assessor, 'PATCH', `/assessment-items/${waiting[0]!.id}`, {
      version: waiting[0]!.version,
      confirm: true,
    });
    expect((await call(s.assessor, 'POST', `/assessments/${nextId}/submit`, {})).statusCode).toBe(200);
  });
});
