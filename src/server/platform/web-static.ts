import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PROJECT_ROOT } from '../config/version.js';
import { sendError } from './error-handler.js';

export const WEB_DIST_DIR = path.join(PROJECT_ROOT, 'dist', 'web');

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the built SPA. Unknown non-API GETs fall back to index.html so client-side routes deep-link;
 * unknown API paths get a JSON 404.
 */
export async function registerWebApp(app: FastifyInstance, webDir = WEB_DIST_DIR): Promise<void> {
  const built = existsSync(path.join(webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      // Caching is decided per file below (immutable assets, revalidated HTML), not by send's default.
      cacheControl: false,
      index: false,
      setHeaders(res, filePath) {
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        // The shell fetched by name (/index.html) gets the same policy as every route that falls back to it.
        if (filePath.endsWith('.html')) res.setHeader('content-security-policy', CSP);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (!isPage) return sendError(request, reply, 404, 'NOT_FOUND');
    if (!built) return sendError(request, reply, 503, 'WEB_NOT_BUILT');
    reply.header('content-security-policy', CSP);
    reply.header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
