import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { REPO_ROOT } from '../../../../test/support/cli.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { oscalValidator } from '../../../../test/support/oscal.js';
import type { App } from '../../platform/app.js';
import { compareVersions } from './catalog.service.js';
import type { CatalogDocument } from './catalog-document.js';

const URN = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile';
const bundled = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'catalogs/tw-sfa-cloud-social-mobile/1.0.json'), 'utf8'),
) as CatalogDocument;

describeEachDatabase('catalog API and loader', (db) => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp(db());
  });
  afterAll(() => app.close());

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  it('lists the bundled catalog without login', async () => {
    const { status, body } = await get('/api/v1/catalogs');
    expect(status).toBe(200);
    expect(body.items).toEqual([
      expect.objectContaining({ urn: URN, version: '1.0', itemCount: 63, origin: 'bundled' }),
    ]);
  });

  it('returns the full tree by id and by urn@version', async () => {
    const { body: list } = await get('/api/v1/catalogs');
    const byId = await get(`/api/v1/catalogs/${list.items[0].id}`);
    const byUrn = await get(`/api/v1/catalogs/${encodeURIComponent(`${URN}@1.0`)}`);
    expect(byId.status).toBe(200);
    expect(byUrn.body).toEqual(byId.body);
    expect(byId.body.chapters).toHaveLength(4);
    expect(byId.body.checklist).toHaveLength(63);
    expect(byId.body.scopeNotes.map((n: { clause: string }) => n.clause)).toEqual(
      expect.arrayContaining(['art-3.2', 'art-9', 'art-13']),
    );
  });

  it('serves the catalog as OSCAL that validates against the NIST schema', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/catalogs/${encodeURIComponent(`${URN}@1.0`)}/oscal`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/oscal\.catalog\+json/);
    const validate = oscalValidator('catalog');
    const document = response.json();
    expect(validate(document), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(JSON.stringify(document)).toContain('雲端運算服務運作安全');
    expect((await get(`/api/v1/catalogs/urn:x@1/oscal`)).status).toBe(404);
  });

  it('resolves a bare catalog URN to its latest version', async () => {
    const latest = await get(`/api/v1/catalogs/${encodeURIComponent(URN)}`);
    expect(latest.status).toBe(200);
    expect(latest.body.version).toBe('1.0');
    expect(compareVersions('1.10', '1.2')).toBeGreaterThan(0);
    expect(compareVersions('2.0', '10.0')).toBeLessThan(0);
  });

  it('answers an unknown catalog with a coded 404', async () => {
    const { status, body } = await get('/api/v1/catalogs/urn:jianhe:catalog:nope@9');
    expect(status).toBe(404);
    expect(body.code).toBe('CATALOG_NOT_FOUND');
  });

  it('filters items by tag, chapter and role', async () => {
    const ref = encodeURIComponent(`${URN}@1.0`);
    const byod = await get(`/api/v1/catalogs/${ref}/items?tag=byod`);
    expect(byod.body.items.map((i: { number: number }) => i.number)).toEqual([52, 53, 54]);
    const chapter3 = await get(`/api/v1/catalogs/${ref}/items?chapter=3`);
    expect(chapter3.body.items.map((i: { number: number }) => i.number)).toEqual([
      34, 35, 36, 37, 38, 39, 40,
    ]);
    const providers = await get(`/api/v1/catalogs/${ref}/items?role=cloud-provider`);
    expect(providers.body.items).toHaveLength(15);
    const bad = await get(`/api/v1/catalogs/${ref}/items?tag=unknown`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('searches zh-TW and English text, case-insensitively, with LIKE wildcards taken literally', async () => {
    const ref = encodeURIComponent(`${URN}@1.0`);
    const zh = await get(`/api/v1/catalogs/${ref}/items?q=${encodeURIComponent('去識別化')}`);
    expect(zh.body.items.map((i: { number: number }) => i.number)).toEqual([56]);
    const en = await get(`/api/v1/catalogs/${ref}/items?q=JAILBREAKING`);
    expect(en.body.items.map((i: { number: number }) => i.number)).toEqual([46]);
    const wildcard = await get(`/api/v1/catalogs/${ref}/items?q=%25`);
    expect(wildcard.body.items).toEqual([]);
  });

  it('loads idempotently and keeps several versions side by side', async () => {
    const { catalogs } = db().services;
    expect((await catalogs.load(bundled, 'bundled')).outcome).toBe('unchanged');
    const successor = { ...structuredClone(bundled), version: '2.0' };
    successor.checklist[0]!.question = { 'zh-TW': '新版項目', en: 'Revised item' };
    expect((await catalogs.load(successor, 'imported')).outcome).toBe('created');
    expect((await catalogs.load(successor, 'imported')).outcome).toBe('unchanged');
    const { body } = await get('/api/v1/catalogs');
    expect(body.items.map((c: { version: string }) => c.version)).toEqual(['1.0', '2.0']);
  });

  it('answers item lists by ETag (304 when unchanged) and follows a bare URN to a newly loaded version', async () => {
    const url = `/api/v1/catalogs/${encodeURIComponent(URN)}/items?chapter=2`;
    const first = await app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^W\/".+"$/);
    const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': tag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await app.inject({ method: 'GET', url })).body).toBe(first.body);
    // Another query is another answer, also once the first is held.
    const other = await app.inject({ method: 'GET', url: url.replace('chapter=2', 'chapter=3') });
    expect(other.json().items.length).toBeGreaterThan(0);
    expect(other.json().items.every((i: { chapter: number }) => i.chapter === 3)).toBe(true);

    const next = { ...structuredClone(bundled), version: '9.0' };
    next.checklist[0]!.question = { 'zh-TW': '第九版項目', en: 'Ninth version item' };
    expect((await db().services.catalogs.load(next, 'imported')).outcome).toBe('created');
    const after = await app.inject({ method: 'GET', url, headers: { 'if-none-match': tag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(tag);
    expect(after.json().items[0].question.en).toBe('Ninth version item');
  });

  it('refuses to change the content of an existing version', async () => {
    const altered = structuredClone(bundled);
    altered.checklist[1]!.question = { 'zh-TW': '改過', en: 'changed' };
    await expect(db().services.catalogs.load(altered, 'imported')).rejects.toMatchObject({
      code: 'CATALOG_VERSION_CONFLICT',
    });
  });
});
