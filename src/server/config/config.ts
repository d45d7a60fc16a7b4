import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** An S3-compatible bucket for evidence files, shared by every instance (see docs/deployment.md). */
export interface ObjectStoreConfig {
  bucket: string;
  /** An S3-compatible endpoint (MinIO, Ceph, …); null for AWS S3 itself. */
  endpoint: string | null;
  region: string;
  /** Bucket in the path (http://host/bucket/key) rather than in the host name; most self-hosted stores need it. */
  forcePathStyle: boolean;
  /** Null: the AWS SDK's default chain (AWS_* variables, shared config, instance or task role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  logLevel: LogLevel;
  /** Outgoing mail (questionnaire links); null means links are shown for copying instead. */
  smtp: { url: string; from: string } | null;
  /** Public base URL for links in e-mails, e.g. https://jianhe.example.com; null uses the request's origin. */
  publicUrl: string | null;
  /** Largest accepted evidence upload in bytes. */
  maxUploadBytes: number;
  session: { idleMinutes: number; absoluteHours: number };
  /** Trust X-Forwarded-* from a reverse proxy (client IP, https). */
  trustProxy: boolean;
  /** Outbound connections to user-registered targets (see platform/outbound-policy.ts). */
  outbound: { allowPrivateTargets: boolean };
  /** Longest lifetime an API token may be given, in days. */
  tokenMaxDays: number;
  /** Chromium for the exit-notice link check (JIANHE_CHROMIUM_PATH, default /usr/bin/chromium). */
  chromiumPath?: string;
  /** Where evidence files live: an S3-compatible bucket, or (absent) the data directory. */
  objectStore?: ObjectStoreConfig;
  /** Background jobs in this process (`JIANHE_SCHEDULER=off` leaves them to other instances); absent: on, 15 s. */
  scheduler?: { enabled: boolean; intervalMs: number };
  /** Bytes of serialised read answers kept by their ETag (JIANHE_READ_CACHE_MB, default 32; 0: off). */
  readCacheBytes: number;
}

/** A configuration problem that names the variable; printed as one line, never with a stack trace. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  if (!/^\d+$/.test(raw))
    throw new ConfigError('PORT', `must be a whole number from 0 to 65535 (got "${raw}")`);
  const port = Number(raw);
  if (port > 65535) throw new ConfigError('PORT', `must be a whole number from 0 to 65535 (got "${raw}")`);
  return port;
}

function parseHost(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '127.0.0.1';
  if (/\s/.test(raw)) throw new ConfigError('HOST', 'must be a host name or IP address without spaces');
  return raw;
}

function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === '') return 'info';
  const level = raw.toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')} (got "${raw}")`);
  }
  return level;
}

/** Validates a postgres URL without ever echoing it: it may carry a password. */
export function parseDatabaseUrl(raw: string, variable = 'DATABASE_URL'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      variable,
      'is not a valid URL; expected postgres://user:password@host:5432/database',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      variable,
      `must use the postgres:// or postgresql:// scheme (got "${url.protocol}")`,
    );
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new ConfigError(variable, 'has no host; expected postgres://user:password@host:5432/database');
  }
  if (url.pathname.length <= 1) {
    throw new ConfigError(
      variable,
      'names no database; expected postgres://user:password@host:5432/database',
    );
  }
  return raw;
}

function ensureWritableDir(dir: string): string {
  const absolute = path.resolve(dir);
  try {
    mkdirSync(absolute, { recursive: true });
    accessSync(absolute, constants.W_OK | constants.R_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError('JIANHE_DATA_DIR', `"${absolute}" is not a writable directory (${reason})`);
  }
  return absolute;
}

function parseSmtp(env: Env): AppConfig['smtp'] {
  const url = env.SMTP_URL;
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new Error();
  } catch {
    throw new ConfigError(
      'SMTP_URL',
      'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587',
    );
  }
  const from = env.SMTP_FROM || 'Jianhe <no-reply@localhost>';
  return { url, from };
}

function parsePublicUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(
      'JIANHE_PUBLIC_URL',
      'must be an http:// or https:// URL, e.g. https://jianhe.example.com',
    );
  }
}

function parsePositive(variable: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new ConfigError(variable, `must be a whole number from 1 to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function parseUploadLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 50 * 1024 * 1024;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new ConfigError(
      'JIANHE_MAX_UPLOAD_MB',
      `must be a positive whole number of megabytes (got "${raw}")`,
    );
  }
  return Number(raw) * 1024 * 1024;
}

/** JIANHE_SECRET_KEY is read where secrets are sealed; it is checked here so a bad one fails at start. */
function checkSecretKey(raw: string | undefined): void {
  if (raw === undefined || raw === '') return;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || Buffer.from(raw, 'base64').length !== 32)
    throw new ConfigError(
      'JIANHE_SECRET_KEY',
      'must be 32 random bytes, base64-encoded (openssl rand -base64 32)',
    );
}

/**
 * JIANHE_ALLOW_PRIVATE_TARGETS: development and tests only. Read on its own too, so commands that need no
 * database (`jianhe check tls`) take it without creating the data directory.
 */
export function parseAllowPrivateTargets(env: Env = process.env): boolean {
  const raw = env.JIANHE_ALLOW_PRIVATE_TARGETS;
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError('JIANHE_ALLOW_PRIVATE_TARGETS', `must be 1, true, 0 or false (got "${raw}")`);
}

const BUCKET_NAME = /^(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9-]{2,32}$/;
/** One PutObject carries at most 5 GiB; larger uploads would need a multipart upload. */
const S3_MAX_UPLOAD_BYTES = 5 * 1024 * 1024 * 1024;

function parseBoolean(variable: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '') return false;
  const value = raw.toLowerCase();
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new ConfigError(variable, `must be 1, true, 0 or false (got "${raw}")`);
}

/** The S3 settings, validated; secrets are never echoed. Absent when JIANHE_S3_BUCKET is unset. */
function parseObjectStore(env: Env, maxUploadBytes: number): ObjectStoreConfig | undefined {
  const bucket = env.JIANHE_S3_BUCKET;
  const others = [
    'JIANHE_S3_ENDPOINT',
    'JIANHE_S3_REGION',
    'JIANHE_S3_ACCESS_KEY_ID',
    'JIANHE_S3_SECRET_ACCESS_KEY',
    'JIANHE_S3_FORCE_PATH_STYLE',
  ].filter((name) => env[name]);
  if (!bucket) {
    if (others.length > 0)
      throw new ConfigError('JIANHE_S3_BUCKET', `must be set when ${others.join(', ')} is set`);
    return undefined;
  }
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..'))
    throw new ConfigError(
      'JIANHE_S3_BUCKET',
      `must be a bucket name: 3-63 lowercase letters, digits, dots and hyphens (got "${bucket}")`,
    );
  let endpoint: string | null = null;
  if (env.JIANHE_S3_ENDPOINT) {
    let url: URL;
    try {
      url = new URL(env.JIANHE_S3_ENDPOINT);
    } catch {
      throw new ConfigError(
        'JIANHE_S3_ENDPOINT',
        'must be an http:// or https:// URL, e.g. https://s3.example.com',
      );
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
      throw new ConfigError(
        'JIANHE_S3_ENDPOINT',
        'must be an http:// or https:// URL without credentials, e.g. https://s3.example.com',
      );
    endpoint = url.toString().replace(/\/$/, '');
  }
  const region = env.JIANHE_S3_REGION || 'us-east-1';
  if (!REGION.test(region))
    throw new ConfigError('JIANHE_S3_REGION', `must be a region name such as us-east-1 (got "${region}")`);
  const accessKeyId = env.JIANHE_S3_ACCESS_KEY_ID ?? '';
  const secretAccessKey = env.JIANHE_S3_SECRET_ACCESS_KEY ?? '';
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey))
    throw new ConfigError(
      accessKeyId ? 'JIANHE_S3_SECRET_ACCESS_KEY' : 'JIANHE_S3_ACCESS_KEY_ID',
      'must be set together with the other half of the key pair (or both left unset for the AWS default chain)',
    );
  if (maxUploadBytes > S3_MAX_UPLOAD_BYTES)
    throw new ConfigError('JIANHE_MAX_UPLOAD_MB', 'must be at most 5120 with an S3 bucket (one PutObject)');
  return {
    bucket,
    endpoint,
    region,
    forcePathStyle: parseBoolean('JIANHE_S3_FORCE_PATH_STYLE', env.JIANHE_S3_FORCE_PATH_STYLE),
    credentials: accessKeyId ? { accessKeyId, secretAccessKey } : null,
  };
}

/**
 * Reads and validates the whole configuration up front, so a bad value fails at start and not mid-request.
 * `readOnly` (read-only CLI commands) neither creates nor requires a writable data directory; it only
 * resolves where the installation's files are.
 */
export function loadConfig(env: Env = process.env, options: { readOnly?: boolean } = {}): AppConfig {
  const port = parsePort(env.PORT);
  const host = parseHost(env.HOST);
  const logLevel = parseLogLevel(env.LOG_LEVEL);
  const dataDir = options.readOnly
    ? path.resolve(env.JIANHE_DATA_DIR || './data')
    : ensureWritableDir(env.JIANHE_DATA_DIR || './data');
  checkSecretKey(env.JIANHE_SECRET_KEY);
  const maxUploadBytes = parseUploadLimit(env.JIANHE_MAX_UPLOAD_MB);
  const objectStore = parseObjectStore(env, maxUploadBytes);
  const databaseUrl = env.DATABASE_URL;
  const database: DatabaseConfig =
    databaseUrl !== undefined && databaseUrl !== ''
      ? { kind: 'postgres', url: parseDatabaseUrl(databaseUrl) }
      : { kind: 'sqlite', file: path.join(dataDir, 'jianhe.db') };
  const smtp = parseSmtp(env);
  const publicUrl = parsePublicUrl(env.JIANHE_PUBLIC_URL);
  // Mailed links must never be built from a request's Host header, which the requester controls.
  if (smtp && !publicUrl)
    throw new ConfigError(
      'JIANHE_PUBLIC_URL',
      'is required when SMTP_URL is set (e-mailed links are built from it, never from the Host header)',
    );
  return {
    port,
    host,
    dataDir,
    database,
    logLevel,
    smtp,
    publicUrl,
    maxUploadBytes,
    session: {
      idleMinutes: parsePositive('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 30, 24 * 60),
      absoluteHours: parsePositive('SESSION_ABSOLUTE_HOURS', env.SESSION_ABSOLUTE_HOURS, 12, 24 * 30),
    },
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    outbound: { allowPrivateTargets: parseAllowPrivateTargets(env) },
    tokenMaxDays: parsePositive('JIANHE_TOKEN_MAX_DAYS', env.JIANHE_TOKEN_MAX_DAYS, 365, 3650),
    chromiumPath: env.JIANHE_CHROMIUM_PATH || '/usr/bin/chromium',
    scheduler: {
      enabled: env.JIANHE_SCHEDULER !== 'off',
      intervalMs:
        parsePositive('JIANHE_SCHEDULER_INTERVAL_SECONDS', env.JIANHE_SCHEDULER_INTERVAL_SECONDS, 15, 3600) *
        1000,
    },
    readCacheBytes: parseReadCache(env.JIANHE_READ_CACHE_MB),
    ...(objectStore ? { objectStore } : {}),
  };
}

function parseReadCache(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 32 * 1024 * 1024;
  if (!/^\d+$/.test(raw) || Number(raw) > 4096)
    throw new ConfigError('JIANHE_READ_CACHE_MB', `must be a whole number from 0 to 4096 (got "${raw}")`);
  return Number(raw) * 1024 * 1024;
}
