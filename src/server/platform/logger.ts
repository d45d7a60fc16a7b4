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

/** Query strings can carry tokens (questionnaire links, OIDC callbacks); log the path only. */
function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

export function loggerOptions(level: LogLevel): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; id: string; ip?: string }) {
        return { method: request.method, url: pathOnly(request.url), id: request.id };
      },
    },
  };
}
