import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../../../test/support/clock.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { type App, buildApp } from '../../platform/app.js';
import { createServices, type Services } from '../services.js';

/**
 * The actions around an item beyond its lifecycle: abilities sent with the item (the requester of a closure
 * may not confirm it), approvers told of a closure request through the outbox, and revoking an acceptance.
 */
describeEachDatabase('remediation abilities, closure notifications and revocation', (db) => {
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
    org = await seedOrganization(db(), `Remediation Actions ${db().handle.kind}`);
    assessor = await login(app, org.users.assessor);
    approver = await login(app, org.users.approver);
    base = `/api/v1/orgs/${org.orgId}/remediation`;
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (session: Session, method: string, url: string, payload?: object) =>
    app.inject({ method: method as 'GET', url, headers: session.headers, ...(payload ? { payload } : {}) });
  const create = async (title: string) =>
    (await call(assessor, 'POST', base, { title, plannedCompletion: '2026-05-01' })).json();

  it('asking for closure tells the approvers, not the requester, and the requester may not confirm', async () => {
    const item = await create('Patch the file server');
    const before = (await call(assessor, 'GET', `${base}/${item.id}`)).json();
    expect(before.abilities.requestClosure).toMatchObject({ allowed: true });
    expect(before.abilities.decideClosure).toMatchObject({ allowed: false, reason: 'ROLE_REQUIRED' });
    const proof = await services.assessments.evidence.uploadFile(
      { orgId: org.orgId, userId: org.users.assessor.id },
      Readable.from([Buffer.from('%PDF-1.7\n% patched\n%%EOF\n')]),
      'patch.pdf',
      { title: 'Patch log' },
    );
    const asked = await call(approver, 'POST', `${base}/${item.id}/closure-request`, {
      version: item.version,
      evidenceId: proof.id,
      note: 'patched',
    });
    expect(asked.statusCode).toBe(200);
    const mine = (await call(approver, 'GET', `${base}/${item.id}`)).json();
    expect(mine.abilities.decideClosure).toMatchObject({
      allowed: false,
      reason: 'REMEDIATION_SECOND_PERSON_REQUIRED',
    });
    const inbox = (session: Session) =>
      call(session, 'GET', `/api/v1/orgs/${org.orgId}/notifications`).then((r) => r.json().items);
    expect((await inbox(approver)).map((n: { kind: string }) => n.kind)).not.toContain(
      'remediation-closure-requested',
    );
    const rejected = await services.remediation.items.decideClosure(
      { orgId: org.orgId, userId: org.users.admin.id },
      item.id,
      { decision: 'reject', note: 'retest', version: asked.json().version },
    );
    const again = await call(assessor, 'POST', `${base}/${item.id}/closure-request`, {
      version: rejected.version,
      evidenceId: proof.id,
      note: 'retested',
    });
    expect(again.statusCode).toBe(200);
    const told = (await inbox(approver)).filter(
      (n: { kind: string }) => n.kind === 'remediation-closure-requested',
    );
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ link: `/orgs/${org.orgId}/remediation/${item.id}`, readAt: null });
    expect(told[0].title).toContain('Patch the file server');
    expect((await inbox(assessor)).map((n: { kind: string }) => n.kind)).not.toContain(
      'remediation-closure-requested',
    );
    const theirs = (await call(approver, 'GET', `${base}/${item.id}`)).json();
    expect(theirs.abilities.decideClosure).toMatchObject({ allowed: true, reason: null });
  });

  it('an approver revokes an acceptance: the item reopens, in the risk log and the audit trail', async () => {
    const item = await create('Legacy FTP');
    const accepted = await call(approver, 'POST', `${base}/${item.id}/risk-acceptance`, {
      version: item.version,
      reason: 'Migration planned',
      compensatingControl: 'Allow-list',
      expiresOn: '2026-09-30',
    });
    expect(accepted.statusCode).toBe(201);
    const version = accepted.json().item.version;
    const detail = (await call(approver, 'GET', `${base}/${item.id}`)).json();
    expect(detail.abilities.revokeAcceptance).toMatchObject({ allowed: true });
    const notAllowed = await call(assessor, 'POST', `${base}/${item.id}/risk-acceptance/revoke`, {
      version,
      reason: 'no',
    });
    expect(notAllowed.statusCode).toBe(403);
    expect(notAllowed.json().code).toBe('FORBIDDEN');
    const stale = await call(approver, 'POST', `${base}/${item.id}/risk-acceptance/revoke`, {
      version: version - 1,
      reason: 'x',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const revoked = await call(approver, 'POST', `${base}/${item.id}/risk-acceptance/revoke`, {
      version,
      reason: 'Allow-list no longer enforced',
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe('open');
    const after = (await call(approver, 'GET', `${base}/${item.id}`)).json();
    expect(after.acceptances[0]).toMatchObject({
      status: 'revoked',
      endedReason: 'Allow-list no longer enforced',
    });
    expect(after.events.at(-1)).toMatchObject({
      kind: 'risk.revoked',
      actorId: org.users.approver.id,
      toStatus: 'open',
    });
    expect(after.abilities.revokeAcceptance).toMatchObject({
      allowed: false,
      reason: 'RISK_ACCEPTANCE_NOT_ACTIVE',
    });
    const trail = await services.audit.list(org.orgId, { action: 'remediation.risk.revoked' }, 10);
    expect(trail).toHaveLength(1);
    const twice = await call(approver, 'POST', `${base}/${item.id}/risk-acceptance/revoke`, {
      version: revoked.json().version,
      reason: 'again',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('RISK_ACCEPTANCE_NOT_ACTIVE');
  });
});
