import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';
import { addMonths, todayInTaipei } from './domain/calendar-date.js';

describeEachDatabase('provider register: when the next audit falls due', (db) => {
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let base: string;
  const today = todayInTaipei();

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Provider Audit Due Securities');
    assessor = await login(app, org.users.assessor);
    base = `/api/v1/orgs/${org.orgId}/providers`;
  });
  afterAll(() => app.close());

  const create = (payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: base,
      headers: assessor.headers,
      payload: { serviceModels: ['SaaS'], critical: true, ...payload },
    });

  it('a provider whose contract began years ago is not overdue when entered', async () => {
    const created = await create({ name: 'Old contract cloud', contractStart: '2019-04-01' });
    expect(created.statusCode).toBe(201);
    expect(created.json().status).toMatchObject({
      auditOverdue: false,
      lastAuditDate: null,
      nextAuditDue: addMonths(today, 3),
      auditDueBasis: 'registration_grace',
    });
    const detail = await app.inject({ url: `${base}/${created.json().id}`, headers: assessor.headers });
    expect(detail.json().status).toMatchObject({ auditOverdue: false, auditDueBasis: 'registration_grace' });
  });

  it('counts from the last-audit date the form gives, kept on the provider and in the list', async () => {
    const lastAudit = addMonths(today, -2);
    const created = await create({
      name: 'Audited cloud',
      contractStart: '2019-04-01',
      lastAuditDate: lastAudit,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      lastAuditDate: lastAudit,
      status: {
        lastAuditDate: lastAudit,
        nextAuditDue: addMonths(lastAudit, 12),
        auditDueBasis: 'last_audit',
      },
    });
    const list = await app.inject({ url: base, headers: assessor.headers });
    const listed = list.json().items.find((p: { id: string }) => p.id === created.json().id);
    expect(listed.status).toMatchObject({ nextAuditDue: addMonths(lastAudit, 12), auditOverdue: false });
  });

  it('an audit recorded later takes over from the date given on the form', async () => {
    const created = await create({ name: 'Re-audited cloud', lastAuditDate: addMonths(today, -6) });
    const { id } = created.json();
    const audit = await app.inject({
      method: 'POST',
      url: `${base}/${id}/audits`,
      headers: assessor.headers,
      payload: { auditDate: today, auditType: 'onsite', result: 'satisfactory' },
    });
    expect(audit.statusCode).toBe(201);
    const detail = await app.inject({ url: `${base}/${id}`, headers: assessor.headers });
    expect(detail.json().status).toMatchObject({
      lastAuditDate: today,
      nextAuditDue: addMonths(today, 12),
      auditDueBasis: 'last_audit',
    });
  });

  it('refuses a last-audit date in the future or not on the calendar, on create and on update', async () => {
    const future = await create({ name: 'Future cloud', lastAuditDate: addMonths(today, 1) });
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('PROVIDER_LAST_AUDIT_INVALID');
    const created = await create({ name: 'Patched cloud' });
    const patched = await app.inject({
      method: 'PATCH',
      url: `${base}/${created.json().id}`,
      headers: assessor.headers,
      payload: { version: created.json().version, lastAuditDate: '2025-02-30' },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().code).toBe('PROVIDER_LAST_AUDIT_INVALID');
  });
});
