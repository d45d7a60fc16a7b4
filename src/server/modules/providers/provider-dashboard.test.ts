import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';
import { todayInTaipei } from './domain/calendar-date.js';

describeEachDatabase('provider dashboard coverage of item 3 (Art. 4.3)', (db) => {
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Dashboard Securities');
    assessor = await login(app, org.users.assessor);
  });
  afterAll(() => app.close());

  const base = () => `/api/v1/orgs/${org.orgId}`;
  const call = (method: string, url: string, payload?: object) =>
    app.inject({ method: method as 'GET', url: `${base()}${url}`, headers: assessor.headers, payload });
  const item3 = async () =>
    (
      (await call('GET', '/provider-dashboard')).json().itemCoverage as Array<{
        itemNumber: number;
        satisfied: number;
      }>
    ).find((c) => c.itemNumber === 3)!.satisfied;

  it('counts a report review only for providers certified CSA STAR bronze or above', async () => {
    const today = todayInTaipei();
    const uncertified = (
      await call('POST', '/providers', { name: '無認證雲', serviceModels: ['IaaS'], critical: true })
    ).json();
    const certified = (
      await call('POST', '/providers', {
        name: '金牌雲',
        serviceModels: ['SaaS'],
        critical: true,
        starStatus: 'level2_certification_gold',
        starValidUntil: '2099-12-31',
      })
    ).json();
    for (const provider of [uncertified, certified])
      expect(
        (
          await call('POST', `/providers/${provider.id}/audits`, {
            auditDate: today,
            auditType: 'report_review',
            result: 'satisfactory',
          })
        ).statusCode,
      ).toBe(201);
    expect(await item3()).toBe(1);
    await call('POST', `/providers/${uncertified.id}/audits`, {
      auditDate: today,
      auditType: 'onsite',
      result: 'satisfactory',
    });
    expect(await item3()).toBe(2);
  });
});
