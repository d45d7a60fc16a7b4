import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../config/config.js';

/** Paths pino blanks out wherever they appear: credentials and personal data never reach the logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.secret',
  '*.totp',
  '*.code',
  '*.email',
];

/** Path segments that are bearer secrets themselves: questionnaire and invitation link tokens (API and page). */
const TOKEN_IN_PATH = /(\/(?:api\/v1\/questionnaire-links|q|api\/v1\/invitations|invite)\/)[^/]+/;

/**
 * Query strings can carry tokens (setup links, OIDC callbacks) and some paths are tokens: log the path
 * without its query, with link tokens replaced.
 */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  return path.replace(TOKEN_IN_PATH, '$1[redacted]');
}

export function loggerOptions(
  level: LogLevel,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; id: string; ip?: string }) {
        return { method: request.method, url: loggablePath(request.url), id: request.id };
      },
    },
  };
}
