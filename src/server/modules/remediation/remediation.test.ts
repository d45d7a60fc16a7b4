import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../../../test/support/clock.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { oscalValidator } from '../../../../test/support/oscal.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import { type App, buildApp } from '../../platform/app.js';
import { createServices, type Services } from '../services.js';
import { RISK_EXPIRY_JOB } from './remediation.module.js';

/**
 * Remediation end to end through the API on both databases, with a clock the test moves: a gap opens an
 * item, the same gap next period links to it, closing needs evidence and a second person, an expired
 * acceptance reopens its item and a changed answer makes an acceptance stale.
 */
describeEachDatabase('remediation items and risk acceptance', (db) => {
  const clock = new ManualClock('2026-04-01T02:00:00.000Z');
  let services: Services;
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let approver: Session;
  let base: string;

  beforeAll(async () => {
    services = createServices({ config: db().config, database: db().handle, clock, log: { warn() {} } });
    app = await buildApp(
      { config: db().config, database: db().handle, services, startedAt: new Date() },
      { logger: false },
    );
    org = await seedOrganization(db(), `Remediation Securities ${db().handle.kind}`);
    assessor = await login(app, org.users.assessor);
    approver = await login(app, org.users.approver);
    base = `/api/v1/orgs/${org.orgId}/remediation`;
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (session: Session, method: string, url: string, payload?: object) =>
    app.inject({ method: method as 'GET', url, headers: session.headers, ...(payload ? { payload } : {}) });
  const actor = () => ({ orgId: org.orgId, userId: org.users.assessor.id });

  async function assessmentWithItem(name: string) {
    const assessment = await services.assessments.lifecycle.create(actor(), {
      catalogRef: CATALOG_REF,
      name,
      period: name,
    });
    const { items } = await services.assessments.insights.load(org.orgId, assessment.id);
    return items.find((i) => i.item.item_id === 'item-4')!.item;
  }
  const answer = (itemId: string, version: number, result: string) =>
    services.assessments.items.update(actor(), itemId, version, {
      result: result as never,
      explanation: `answered ${result}`,
      compensatingControl: result === 'compliant' ? '' : '以人工覆核替代',
      assigneeUserId: org.users.assessor.id,
      dueDate: '2026-06-30',
    });
  const evidence = () =>
    services.assessments.evidence.uploadFile(
      actor(),
      Readable.from([Buffer.from(`%PDF-1.7\n% ${Math.random()}\n%%EOF\n`)]),
      'fix.pdf',
      { title: 'Fix evidence' },
    );

  let itemId: string;

  it('a 不符合 answer opens an item; the same gap in a later assessment links to it', async () => {
    const first = await assessmentWithItem('2025');
    await answer(first.id, first.version, 'non_compliant');
    const list = (await call(assessor, 'GET', `${base}?sourceKind=assessment-item`)).json();
    expect(list.items).toHaveLength(1);
    itemId = list.items[0].id;
    expect(list.items[0]).toMatchObject({
      status: 'open',
      ownerId: org.users.assessor.id,
      plannedCompletion: '2026-06-30',
      matchKey: 'catalog-item:item-4',
      source: { kind: 'assessment-item', id: first.id },
    });
    // Its due date is in the shared table, for reminders and the home page.
    expect(await services.dueDates.find(org.orgId, 'remediation', itemId)).toMatchObject({
      dueOn: '2026-06-30',
    });

    const second = await assessmentWithItem('2026');
    await answer(second.id, second.version, 'partially_compliant');
    const again = (await call(assessor, 'GET', base)).json();
    expect(again.items.map((i: { id: string }) => i.id)).toEqual([itemId]);
    const detail = (await call(assessor, 'GET', `${base}/${itemId}`)).json();
    expect(detail.sources.map((s: { id: string }) => s.id)).toEqual([first.id, second.id]);
  });

  it('a stale version is 409 with the item as it stands', async () => {
    const current = (await call(assessor, 'GET', `${base}/${itemId}`)).json().item;
    const ok = await call(assessor, 'PATCH', `${base}/${itemId}`, {
      version: current.version,
      status: 'in_progress',
    });
    expect(ok.statusCode).toBe(200);
    const stale = await call(assessor, 'PATCH', `${base}/${itemId}`, {
      version: current.version,
      title: 'x',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { current: { id: itemId, status: 'in_progress' } },
    });
  });

  it('closing needs evidence and a second person with the approval permission', async () => {
    let item = (await call(assessor, 'GET', `${base}/${itemId}`)).json().item;
    const noEvidence = await call(approver, 'POST', `${base}/${itemId}/closure-request`, {
      version: item.version,
      note: 'done',
    });
    expect(noEvidence.statusCode).toBe(400);
    const proof = await evidence();
    // The approver asks for closure: the same approver cannot confirm it.
    const asked = await call(approver, 'POST', `${base}/${itemId}/closure-request`, {
      version: item.version,
      evidenceId: proof.id,
      note: 'fixed by approver',
    });
    expect(asked.statusCode).toBe(200);
    item = asked.json();
    expect(item.status).toBe('awaiting_closure');
    const self = await call(approver, 'POST', `${base}/${itemId}/closure-decision`, {
      version: item.version,
      decision: 'confirm',
      note: '',
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('REMEDIATION_SECOND_PERSON_REQUIRED');
    // Someone without the approval permission cannot confirm either.
    const noRight = await call(assessor, 'POST', `${base}/${itemId}/closure-decision`, {
      version: item.version,
      decision: 'confirm',
      note: '',
    });
    expect(noRight.statusCode).toBe(403);
    // Rejected back to work, then asked by the assessor and confirmed by the approver.
    const back = await services.remediation.items.decideClosure(
      { orgId: org.orgId, userId: org.users.admin.id },
      itemId,
      { decision: 'reject', note: 'needs retest', version: item.version },
    );
    expect(back.status).toBe('in_progress');
    const request = await call(assessor, 'POST', `${base}/${itemId}/closure-request`, {
      version: back.version,
      evidenceId: proof.id,
      note: 'retested',
    });
    const confirmed = await call(approver, 'POST', `${base}/${itemId}/closure-decision`, {
      version: request.json().version,
      decision: 'confirm',
      note: 'evidence checked',
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'completed',
      actualCompletion: '2026-04-01',
      closure: {
        evidenceId: proof.id,
        requestedBy: org.users.assessor.id,
        confirmedBy: org.users.approver.id,
      },
    });
    expect(await services.dueDates.find(org.orgId, 'remediation', itemId)).toBeUndefined();
    const events = (await call(assessor, 'GET', `${base}/${itemId}`))
      .json()
      .events.map((e: { kind: string }) => e.kind);
    expect(events).toEqual([
      'create',
      'status',
      'closure.request',
      'closure.reject',
      'closure.request',
      'closure.confirm',
    ]);
    const trail = await services.audit.list(org.orgId, { action: 'remediation.closure.confirm' }, 10);
    expect(trail).toHaveLength(1);
  });

  it('an expired risk acceptance reopens its item by itself', async () => {
    const created = await call(assessor, 'POST', base, {
      title: 'Legacy VPN without MFA',
      plannedCompletion: '2026-05-01',
    });
    const id = created.json().id;
    const accepted = await call(approver, 'POST', `${base}/${id}/risk-acceptance`, {
      version: created.json().version,
      reason: 'Replacement scheduled',
      compensatingControl: 'IP allow-list and daily log review',
      expiresOn: '2026-04-30',
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().item.status).toBe('risk_accepted');
    // The acceptance's end is the owner's due date now.
    expect((await services.dueDates.find(org.orgId, 'remediation', id))?.dueOn).toBe('2026-04-30');
    clock.set('2026-04-30T15:00:00.000Z'); // 23:00 on the 30th in Taipei: still valid
    await services.scheduler.runNow(RISK_EXPIRY_JOB);
    expect((await call(assessor, 'GET', `${base}/${id}`)).json().item.status).toBe('risk_accepted');
    clock.set('2026-04-30T16:30:00.000Z'); // 00:30 on 1 May in Taipei
    await services.scheduler.runNow(RISK_EXPIRY_JOB);
    const detail = (await call(assessor, 'GET', `${base}/${id}`)).json();
    expect(detail.item.status).toBe('open');
    expect(detail.acceptances[0]).toMatchObject({ status: 'expired' });
    expect(detail.events.at(-1)).toMatchObject({
      kind: 'risk.expired',
      fromStatus: 'risk_accepted',
      toStatus: 'open',
    });
    expect(await services.audit.list(org.orgId, { action: 'remediation.risk.expired' }, 10)).toHaveLength(1);
  });

  it('a changed answer makes the acceptance stale and reopens the item', async () => {
    const gap = await assessmentWithItem('2027');
    const answered = await answer(gap.id, gap.version, 'non_compliant');
    const item = (await call(assessor, 'GET', `${base}?status=open&sourceKind=assessment-item`)).json()
      .items[0];
    expect(item.source.id).toBe(gap.id);
    const accepted = await call(approver, 'POST', `${base}/${item.id}/risk-acceptance`, {
      version: item.version,
      reason: 'Vendor fix due next quarter',
      compensatingControl: '以人工覆核替代',
      expiresOn: '2026-12-31',
    });
    expect(accepted.json().acceptance).toMatchObject({ basis: 'non_compliant', status: 'active' });
    await answer(gap.id, answered.version, 'partially_compliant');
    const detail = (await call(assessor, 'GET', `${base}/${item.id}`)).json();
    expect(detail.item.status).toBe('open');
    expect(detail.acceptances[0]).toMatchObject({
      status: 'stale',
      endedReason: 'answer changed: non_compliant → partially_compliant',
    });
  });

  it('refuses an acceptance that never ends or ends today', async () => {
    const created = (await call(assessor, 'POST', base, { title: 'Shadow IT SaaS' })).json();
    for (const expiresOn of [clock.now().toISOString().slice(0, 10), '2031-01-01']) {
      const refused = await call(approver, 'POST', `${base}/${created.id}/risk-acceptance`, {
        version: created.version,
        reason: 'r',
        compensatingControl: 'c',
        expiresOn,
      });
      expect(refused.json().code).toBe('RISK_ACCEPTANCE_EXPIRY_INVALID');
    }
  });

  it('exports the remediation items as an OSCAL POA&M that validates against the NIST schema', async () => {
    const response = await call(approver, 'GET', `${base}/export.poam.json`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/oscal.poam+json');
    const poam = response.json();
    const validate = oscalValidator('poam');
    expect(validate(poam), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const plan = poam['plan-of-action-and-milestones'];
    const items = (await call(assessor, 'GET', `${base}?limit=200`)).json().items;
    expect(plan['poam-items']).toHaveLength(items.length);
    const closed = plan.risks.find((r: { title: string; status: string }) => r.status === 'closed');
    expect(closed.remediations.map((r: { lifecycle: string }) => r.lifecycle)).toEqual([
      'recommendation',
      'planned',
      'completed',
    ]);
    expect(closed.deadline).toBe('2026-06-30T23:59:59+08:00');
    expect(closed['risk-log'].entries.map((e: { 'status-change'?: string }) => e['status-change'])).toContain(
      'closed',
    );
    const reopened = plan.risks.find((r: { title: string }) => r.title === 'Legacy VPN without MFA');
    expect(reopened.status).toBe('open');
    expect(reopened['risk-log'].entries.map((e: { title: string }) => e.title)).toEqual([
      'create',
      'risk.accept',
      'risk.expired',
    ]);
    // The schema check bites: a risk without its required statement is refused.
    const broken = structuredClone(poam);
    delete broken['plan-of-action-and-milestones'].risks[0].statement;
    expect(validate(broken)).toBe(false);
    expect(await services.audit.list(org.orgId, { action: 'remediation.export' }, 5)).toHaveLength(1);
  });
});
