import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import type { App } from '../../platform/app.js';

type Detail = {
  items: Array<{ id: string; version: number; result: string | null; explanation: string }>;
  abilities: Record<string, { allowed: boolean }>;
};

// The full read keeps its serialised answer by ETag (platform/representation-cache.ts). These tests read
// without If-None-Match, as the web app's first load does, so every answer below is a 200 with a body:
// whatever the cache holds must never be an answer for a changed assessment, another caller or another view.
describeEachDatabase('full assessment read served from the representation cache', (db) => {
  let first: App;
  let second: App;
  let assessor: Session;
  let viewer: Session;
  let base: string;
  let id: string;

  beforeAll(async () => {
    first = await createTestApp(db());
    // A second instance on the same database, with a cache of its own (as behind a load balancer).
    second = await createTestApp(db());
    const org = await seedOrganization(db(), 'Read Cache Securities');
    assessor = await login(first, org.users.assessor);
    viewer = await login(first, org.users.viewer);
    base = `/api/v1/orgs/${org.orgId}`;
    const created = await first.inject({
      method: 'POST',
      url: `${base}/assessments`,
      headers: assessor.headers,
      payload: { catalogId: CATALOG_REF, name: '115年度', period: '115年度' },
    });
    id = created.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  const read = (app: App, who: Session, query = '') =>
    app.inject({ method: 'GET', url: `${base}/assessments/${id}${query}`, headers: who.headers });

  const answer = async (app: App, item: Detail['items'][number], explanation: string) => {
    const response = await app.inject({
      method: 'PATCH',
      url: `${base}/assessment-items/${item.id}`,
      headers: assessor.headers,
      payload: { version: item.version, result: 'compliant', explanation },
    });
    expect(response.statusCode).toBe(200);
  };

  it('answers a repeat read with the same bytes, and a read after a change with the change', async () => {
    const once = await read(first, assessor);
    const twice = await read(first, assessor);
    expect(twice.statusCode).toBe(200);
    expect(twice.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(twice.body).toBe(once.body);
    expect(twice.headers.etag).toBe(once.headers.etag);

    const item = once.json<Detail>().items[0]!;
    await answer(first, item, '第一次答覆。');
    const after = await read(first, assessor);
    expect(after.json<Detail>().items[0]).toMatchObject({ result: 'compliant', explanation: '第一次答覆。' });
    expect(after.headers.etag).not.toBe(once.headers.etag);
  });

  it('shows a change written through another instance, whose cache never saw it', async () => {
    const before = (await read(first, assessor)).json<Detail>().items[0]!;
    // Warm the second instance too, then write through it and read through the first.
    await read(second, assessor);
    await answer(second, before, '由另一個執行個體寫入。');
    expect((await read(first, assessor)).json<Detail>().items[0]!.explanation).toBe('由另一個執行個體寫入。');
    const now = (await read(first, assessor)).json<Detail>().items[0]!;
    await answer(first, now, '再由第一個執行個體寫入。');
    expect((await read(second, assessor)).json<Detail>().items[0]!.explanation).toBe(
      '再由第一個執行個體寫入。',
    );
  });

  it("keeps each caller's abilities: a viewer never gets the assessor's answer from the cache", async () => {
    const asAssessor = (await read(first, assessor)).json<Detail>();
    expect(asAssessor.abilities.answer!.allowed).toBe(true);
    const asViewer = await read(first, viewer);
    expect(asViewer.statusCode).toBe(200);
    expect(asViewer.json<Detail>().abilities.answer!.allowed).toBe(false);
    expect(asViewer.headers.etag).not.toBe((await read(first, assessor)).headers.etag);
  });

  it('keeps each view apart: a filtered read after the full one is filtered', async () => {
    const all = (await read(first, assessor)).json<Detail>().items;
    const compliant = (await read(first, assessor, '?result=compliant')).json<Detail>().items;
    expect(all.length).toBeGreaterThan(compliant.length);
    expect(compliant.length).toBeGreaterThan(0);
    expect(compliant.every((item) => item.result === 'compliant')).toBe(true);
    expect((await read(first, assessor)).json<Detail>().items).toHaveLength(all.length);
  });

  it('computes the same tag from the stamp statement as from the read itself (else nothing is ever kept)', async () => {
    const { insights } = db().services.assessments;
    const orgId = base.split('/').at(-1)!;
    const variant = '["same"]';
    const fromRead = insights.tagOf(await insights.load(orgId, id), variant);
    expect(await insights.loadTag(orgId, id, variant)).toBe(fromRead);
  });
});
