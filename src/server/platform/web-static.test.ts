import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../../scripts/lib/web-assets.js';
import { createTestApp } from '../../../test/support/app.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import type { App } from './app.js';

const PUBLIC_DIR = path.resolve(import.meta.dirname, '../../web/public');

/** A web build laid out as Vite writes it, compressed by the same step the build runs. */
function fakeBuild(dir: string): { script: Buffer } {
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head></html>',
  );
  const script = Buffer.from(
    Array.from({ length: 400 }, (_, i) => `export const value${i} = "檢核 ${i}";`).join('\n'),
  );
  writeFileSync(path.join(dir, 'assets', 'index-AbC123.js'), script);
  writeFileSync(path.join(dir, 'assets', 'tiny-Zz9.js'), 'export {};\n');
  for (const name of ['favicon.ico', 'favicon.svg'])
    copyFileSync(path.join(PUBLIC_DIR, name), path.join(dir, name));
  precompressDir(path.join(dir, 'assets'));
  return { script };
}

describe('serving the built web app', () => {
  let database: TestDatabase;
  let app: App;
  let webDir: string;
  let script: Buffer;
  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'jianhe-web-'));
    ({ script } = fakeBuild(webDir));
    database = await openTestDatabase('sqlite');
    app = await createTestApp(database, webDir);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    rmSync(webDir, { recursive: true, force: true });
  });

  const getScript = (acceptEncoding?: string) =>
    app.inject({
      method: 'GET',
      url: '/assets/index-AbC123.js',
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });

  it('sends the brotli copy to a browser that accepts it, decoding to the same bytes', async () => {
    const response = await getScript('gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(response.headers['content-length'])).toBeLessThan(script.length / 3);
    expect(brotliDecompressSync(response.rawPayload)).toEqual(script);
  });

  it('sends the gzip copy when brotli is not accepted, and the file itself when nothing is', async () => {
    const gzip = await getScript('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload)).toEqual(script);
    const plain = await getScript();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload).toEqual(script);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
  });

  it('lets browsers keep hashed assets for a year, compressed or not', async () => {
    for (const encoding of ['br', 'gzip', undefined]) {
      const response = await getScript(encoding);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    // Too small to be worth compressing: served as it is, still immutable.
    const tiny = await app.inject({
      method: 'GET',
      url: '/assets/tiny-Zz9.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(tiny.statusCode).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('does not serve the compressed copies under their own names', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js.br' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('serves the shell with its CSP and without caching, as a deep link and as /index.html', async () => {
    for (const url of ['/orgs/x/assessments', '/index.html']) {
      const response = await app.inject({
        method: 'GET',
        url,
        headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.body).toContain('/assets/index-AbC123.js');
    }
  });

  it('serves the favicon as an icon (it used to be a 404)', async () => {
    const ico = await app.inject({ method: 'GET', url: '/favicon.ico', headers: { accept: 'image/*' } });
    expect(ico.statusCode).toBe(200);
    expect(ico.headers['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    // ICONDIR: reserved 0, type 1 (icon), at least one image.
    expect(ico.rawPayload.readUInt16LE(0)).toBe(0);
    expect(ico.rawPayload.readUInt16LE(2)).toBe(1);
    expect(ico.rawPayload.readUInt16LE(4)).toBeGreaterThan(0);
    expect(ico.headers['cache-control']).toBe('public, max-age=86400');
    const svg = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
  });

  it('keeps unknown assets and API paths as coded JSON 404s', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/missing-123.js' });
    expect(asset.statusCode).toBe(404);
    expect(asset.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
