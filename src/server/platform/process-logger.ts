import pino from 'pino';
import type { LogLevel } from '../config/config.js';
import { REDACTED_PATHS } from './logger.js';

/** What services log through: the operator-facing causes of upstream failures (never bodies or links). */
export interface ProcessLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/** A pino logger for work outside a request (services, the database pool), with the same redaction. */
export function createProcessLogger(level: LogLevel, stream?: NodeJS.WritableStream): ProcessLogger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return stream ? pino(options, stream as pino.DestinationStream) : pino(options);
}
