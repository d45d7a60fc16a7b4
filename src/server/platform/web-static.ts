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

/** Hashed build output: its name changes with its content, so a browser may keep it for good. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Unhashed files beside index.html (the favicon): kept a day, then revalidated. */
const UNHASHED = 'public, max-age=86400';

/**
 * Serves the built SPA. Hashed assets go out precompressed (the build writes .br and .gz beside them)
 * with a year-long immutable cache; index.html is never cached without revalidation, so a new release is
 * picked up at once. Unknown non-API GETs fall back to index.html so client-side routes deep-link;
 * unknown API paths get a JSON 404.
 */
export async function registerWebApp(app: FastifyInstance, webDir = WEB_DIST_DIR): Promise<void> {
  const built = existsSync(path.join(webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // The compressed copies are found beside each file, not served under their own names.
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      // Otherwise @fastify/static writes its own `max-age=0` over the header set below.
      cacheControl: false,
      setHeaders(res, filePath) {
        const relative = path.relative(webDir, filePath);
        const cacheControl =
          relative === 'index.html'
            ? 'no-cache'
            : relative.split(path.sep)[0] === 'assets'
              ? IMMUTABLE
              : UNHASHED;
        res.setHeader('cache-control', cacheControl);
        // The shell carries the CSP, whether reached as /index.html or as a deep link's fallback.
        if (relative === 'index.html') res.setHeader('content-security-policy', CSP);
        // The body depends on Accept-Encoding, so shared caches must key on it.
        res.setHeader('vary', 'accept-encoding');
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
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
