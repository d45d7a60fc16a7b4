import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import type { App } from '../../platform/app.js';

describeEachDatabase('conditional full assessment read (ETag, 304)', (db) => {
  let app: App;
  let assessor: Session;
  let base: string;
  let id: string;

  beforeAll(async () => {
    app = await createTestApp(db());
    const org = await seedOrganization(db(), 'Conditional Read Securities');
    assessor = await login(app, org.users.assessor);
    base = `/api/v1/orgs/${org.orgId}`;
    const created = await app.inject({
      method: 'POST',
      url: `${base}/assessments`,
      headers: assessor.headers,
      payload: { catalogId: CATALOG_REF, name: '115年度', period: '115年度' },
    });
    id = created.json<{ id: string }>().id;
  });
  afterAll(() => app.close());

  const read = (tag?: string, query = '') =>
    app.inject({
      method: 'GET',
      url: `${base}/assessments/${id}${query}`,
      headers: { ...assessor.headers, ...(tag ? { 'if-none-match': tag } : {}) },
    });

  it('answers 304 without a body while nothing changed, and 200 with a new tag after each kind of change', async () => {
    const first = await read();
    expect(first.statusCode).toBe(200);
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await read(tag);
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // A 304 carries no body, so it announces none (clients would otherwise wait for bytes that never come).
    expect(again.headers['content-length'] ?? '0').toBe('0');
    expect(again.headers.etag).toBe(tag);
    // Another view of the same assessment is another representation.
    expect((await read(tag, '?result=compliant')).statusCode).toBe(200);

    const item = first.json<{ items: Array<{ id: string; version: number }> }>().items[0]!;
    const answered = await app.inject({
      method: 'PATCH',
      url: `${base}/assessment-items/${item.id}`,
      headers: assessor.headers,
      payload: { version: item.version, result: 'compliant', explanation: '已依政策辦理。' },
    });
    expect(answered.statusCode).toBe(200);
    const afterAnswer = await read(tag);
    expect(afterAnswer.statusCode).toBe(200);
    expect(afterAnswer.json().items[0].result).toBe('compliant');
    const answerTag = afterAnswer.headers.etag as string;
    expect(answerTag).not.toBe(tag);

    const link = await app.inject({
      method: 'POST',
      url: `${base}/evidence/links`,
      headers: assessor.headers,
      payload: { title: '佐證', url: 'https://intranet.example/evidence' },
    });
    const attached = await app.inject({
      method: 'PUT',
      url: `${base}/assessment-items/${item.id}/evidence/${link.json<{ id: string }>().id}`,
      headers: assessor.headers,
    });
    expect(attached.statusCode).toBeLessThan(300);
    const afterAttach = await read(answerTag);
    expect(afterAttach.statusCode).toBe(200);
    expect(afterAttach.json().items[0].evidence).toHaveLength(1);
    expect((await read(afterAttach.headers.etag as string)).statusCode).toBe(304);
  });
});
