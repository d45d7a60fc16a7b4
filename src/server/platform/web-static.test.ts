import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import type { App } from './app.js';

describe('SPA shell headers', () => {
  let database: TestDatabase;
  let app: App;
  const webDir = mkdtempSync(path.join(tmpdir(), 'jianhe-web-'));

  beforeAll(async () => {
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>檢核</title>');
    writeFileSync(path.join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
    database = await openTestDatabase('sqlite');
    app = await createTestApp(database, webDir);
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
    rmSync(webDir, { recursive: true, force: true });
  });

  const page = (url: string) => app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });

  it('sends /index.html with the same CSP and caching as / and every client route', async () => {
    const root = await page('/');
    expect(root.statusCode).toBe(200);
    const csp = root.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    for (const url of ['/index.html', '/orgs/x/assessments']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<title>檢核</title>');
      expect(response.headers['content-security-policy'], url).toBe(csp);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
