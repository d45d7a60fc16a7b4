import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../../../test/support/clock.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import { type App, buildApp } from '../../platform/app.js';
import { createServices, type Services } from '../services.js';

/** The home page's aggregates through the API on both databases, with a clock the test moves. */
describeEachDatabase('home overview', (db) => {
  const clock = new ManualClock('2026-04-01T02:00:00.000Z');
  let services: Services;
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let approver: Session;
  let viewer: Session;
  let url: string;

  beforeAll(async () => {
    services = createServices({ config: db().config, database: db().handle, clock, log: { warn() {} } });
    app = await buildApp(
      { config: db().config, database: db().handle, services, startedAt: new Date() },
      { logger: false },
    );
    org = await seedOrganization(db(), `Home Securities ${db().handle.kind}`);
    assessor = await login(app, org.users.assessor);
    approver = await login(app, org.users.approver);
    viewer = await login(app, org.users.viewer);
    url = `/api/v1/orgs/${org.orgId}/home`;
  });
  afterAll(async () => {
    await app.close();
  });

  const home = async (session: Session) => {
    const response = await app.inject({ method: 'GET', url, headers: session.headers });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('an organisation with nothing yet answers with empty parts', async () => {
    const body = await home(viewer);
    expect(body.firm.assessment).toBeNull();
    expect(body.firm.gapsByChapter).toEqual([]);
    expect(body.firm.remediation).toEqual({ byStatus: {}, overdue: 0 });
    expect(body.mine.remediation).toEqual([]);
  });

  it('counts progress, compliance, gaps by chapter and the caller’s own work in SQL', async () => {
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const assessment = await services.assessments.lifecycle.create(actor, {
      catalogRef: CATALOG_REF,
      name: '2026',
      period: '2026',
    });
    const { items } = await services.assessments.insights.load(org.orgId, assessment.id);
    const applicable = items.filter((i) => i.item.applicable === 1).map((i) => i.item);
    const answers = ['compliant', 'compliant', 'compliant', 'non_compliant', 'partially_compliant'];
    for (const [index, result] of answers.entries()) {
      const item = applicable[index]!;
      await services.assessments.items.update(actor, item.id, item.version, {
        result: result as never,
        explanation: `answered ${result}`,
        compensatingControl: result === 'compliant' ? '' : '以人工覆核替代',
        assigneeUserId: org.users.assessor.id,
        dueDate: index === 3 ? '2026-03-15' : '2026-06-30',
      });
    }
    const body = await home(assessor);
    expect(body.firm.assessment).toMatchObject({
      id: assessment.id,
      state: 'draft',
      applicable: applicable.length,
      assessed: 5,
      compliant: 3,
      partial: 1,
      nonCompliant: 1,
      complianceRate: 60,
    });
    const gapChapters = [applicable[3]!, applicable[4]!].map((i) => i.chapter);
    expect(
      body.firm.gapsByChapter.reduce(
        (n: number, c: { partial: number; nonCompliant: number }) => n + c.partial + c.nonCompliant,
        0,
      ),
    ).toBe(2);
    expect(body.firm.gapsByChapter.map((c: { chapter: number }) => c.chapter)).toEqual(
      [...new Set(gapChapters)].sort((a, b) => a - b),
    );
    // The two gaps opened remediation items owned by the assessor; the one due 2026-03-15 is overdue.
    expect(body.firm.remediation).toEqual({ byStatus: { open: 2 }, overdue: 1 });
    expect(
      body.mine.remediation.map((r: { plannedCompletion: string; overdue: boolean }) => [
        r.plannedCompletion,
        r.overdue,
      ]),
    ).toEqual([
      ['2026-03-15', true],
      ['2026-06-30', false],
    ]);
    expect(body.mine.assignedItems.total).toBe(5);
    // Someone else's home shows the firm, but none of the assessor's work as theirs.
    const theirs = await home(approver);
    expect(theirs.firm.remediation.overdue).toBe(1);
    expect(theirs.mine.remediation).toEqual([]);
    expect(theirs.mine.assignedItems.total).toBe(0);
  });

  it('approvals waiting: a closure asked by someone else, for those who may confirm it', async () => {
    const [first] = (await home(assessor)).mine.remediation;
    const detail = await services.remediation.items.get(org.orgId, first.id);
    const proof = await services.assessments.evidence.createLink(
      { orgId: org.orgId, userId: org.users.assessor.id },
      'https://tickets.example.com/42',
      { title: 'Fix ticket' },
    );
    await services.remediation.items.requestClosure(
      { orgId: org.orgId, userId: org.users.assessor.id },
      first.id,
      { version: detail.version, evidenceId: proof.id, note: 'fixed' },
    );
    expect((await home(approver)).mine.approvalsWaiting.closures.map((c: { id: string }) => c.id)).toEqual([
      first.id,
    ]);
    expect((await home(assessor)).mine.approvalsWaiting.closures).toEqual([]);
    expect((await home(viewer)).mine.approvalsWaiting.closures).toEqual([]);
  });
});
