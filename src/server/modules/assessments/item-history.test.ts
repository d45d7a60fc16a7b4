import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type Session, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';

// Found by bench/ratio.mjs: the history's [before, after] pairs used to fail response serialisation
// (500) as soon as an item had one change.
describeEachDatabase('an item’s change history through the API', (db) => {
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

  it('lists each change with its before and after values, newest edits included', async () => {
    const created = await app.inject({
      method: 'POST',
      url: `${base}/assessments`,
      headers: assessor.headers,
      payload: { catalogId: CATALOG, name: '115年度自評', period: '115年度' },
    });
    expect(created.statusCode).toBe(201);
    const assessment = await app.inject({
      method: 'GET',
      url: `${base}/assessments/${created.json().id}`,
      headers: assessor.headers,
    });
    const item = assessment.json().items[0] as { id: string; version: number };
    const first = await app.inject({
      method: 'PATCH',
      url: `${base}/assessment-items/${item.id}`,
      headers: assessor.headers,
      payload: { version: item.version, result: 'compliant', explanation: '已依政策辦理' },
    });
    expect(first.statusCode).toBe(200);
    const second = await app.inject({
      method: 'PATCH',
      url: `${base}/assessment-items/${item.id}`,
      headers: assessor.headers,
      payload: { version: first.json().version, explanation: '已依政策辦理並保存紀錄' },
    });
    expect(second.statusCode).toBe(200);

    const history = await app.inject({
      method: 'GET',
      url: `${base}/assessment-items/${item.id}/history`,
      headers: assessor.headers,
    });
    expect(history.statusCode).toBe(200);
    const { changes } = history.json() as {
      changes: { version: number; changes: Record<string, unknown[]> }[];
    };
    const byVersion = new Map(changes.map((c) => [c.version, c.changes]));
    expect(byVersion.get(second.json().version)).toMatchObject({
      explanation: ['已依政策辦理', '已依政策辦理並保存紀錄'],
    });
    expect(byVersion.get(first.json().version)?.result?.[1]).toBe('compliant');
  });
});
