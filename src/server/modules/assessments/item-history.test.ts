import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type Session, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';

describeEachDatabase('assessment item history', (db) => {
  let app: App;
  let assessor: Session;
  let base: string;

  beforeAll(async () => {
    app = await createTestApp(db());
    const org = await seedOrganization(db(), 'History Securities');
    assessor = await login(app, org.users.assessor);
    base = `/api/v1/orgs/${org.orgId}`;
  });
  afterAll(() => app.close());

  const call = (method: string, url: string, payload?: object) =>
    app.inject({
      method: method as 'GET',
      url: `${base}${url}`,
      headers: assessor.headers,
      ...(payload ? { payload } : {}),
    });

  it('answers 200 with every change of a changed item, field by field, and its comments', async () => {
    const created = await call('POST', '/assessments', {
      catalogId: CATALOG,
      name: '115年度',
      period: '115年度',
    });
    const item = (await call('GET', `/assessments/${created.json().id}`)).json().items[0];
    expect((await call('GET', `/assessment-items/${item.id}/history`)).json()).toEqual({
      changes: [],
      comments: [],
    });

    const first = await call('PATCH', `/assessment-items/${item.id}`, {
      version: item.version,
      result: 'compliant',
      explanation: '已訂定雲端服務管理程序。',
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await call('PATCH', `/assessment-items/${item.id}`, {
      version: first.json().version,
      result: 'partially_compliant',
      compensatingControl: '每季人工覆核。',
      dueDate: '2027-06-30',
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(
      (await call('POST', `/assessment-items/${item.id}/comments`, { body: '請補充佐證。' })).statusCode,
    ).toBe(201);

    const history = await call('GET', `/assessment-items/${item.id}/history`);
    expect(history.statusCode, history.body).toBe(200);
    const { changes, comments } = history.json();
    expect(changes.map((c: { version: number }) => c.version)).toEqual([item.version + 2, item.version + 1]); // newest first
    const byField = (version: number) =>
      Object.fromEntries(
        changes
          .find((c: { version: number }) => c.version === version)
          .changes.map((c: { field: string; before: unknown; after: unknown }) => [
            c.field,
            [c.before, c.after],
          ]),
      );
    expect(byField(item.version + 1)).toMatchObject({
      result: [item.result, 'compliant'],
      explanation: ['', '已訂定雲端服務管理程序。'],
    });
    expect(byField(item.version + 2)).toMatchObject({
      result: ['compliant', 'partially_compliant'],
      compensatingControl: ['', '每季人工覆核。'],
      dueDate: [null, '2027-06-30'],
    });
    expect(changes[0].changedBy).toBeTruthy();
    expect(comments.map((c: { body: string }) => c.body)).toEqual(['請補充佐證。']);
  });
});
