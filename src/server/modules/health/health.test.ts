import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase, openTestDatabase } from '../../../../test/support/databases.js';
import type { App } from '../../platform/app.js';

describeEachDatabase('health and service routes', (db) => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp(db());
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET /healthz answers ok', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers ready while the database answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready' });
  });

  it('reports version and database kind', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/system/info' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'jianhe',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: db().handle.kind,
      databaseReachable: true,
    });
  });

  it('serves an OpenAPI 3.1 document listing the routes', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/api/v1/system/info']),
    );
  });

  it('serves a browsable API page at /api/docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API paths with a coded JSON 404 in zh-TW by default and en on request', async () => {
    const zh = await app.inject({ method: 'GET', url: '/api/v1/does-not-exist' });
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toMatchObject({ code: 'NOT_FOUND', message: '找不到所要求的資源。' });
    const en = await app.inject({
      method: 'GET',
      url: '/api/v1/does-not-exist',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.json()).toMatchObject({ code: 'NOT_FOUND', message: 'The requested resource was not found.' });
  });

  it('tags every response with a request id, reusing a well-formed incoming one', async () => {
    const own = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-42' } });
    expect(own.headers['x-request-id']).toBe('trace-42');
    const forged = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets baseline security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });
});

describe('readiness when the database is gone', () => {
  it('GET /readyz answers 503 with a code once the database is closed', async () => {
    const db = await openTestDatabase('sqlite');
    const app = await createTestApp(db);
    await db.handle.close();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    const live = await app.inject({ method: 'GET', url: '/healthz' });
    expect(live.statusCode).toBe(200);
    await app.close();
    await db.dispose();
  });
});
