import type { ScanResult } from '../../modules/apps/scanner/scan.js';
import { CliError } from '../errors.js';

/**
 * `jianhe app scan --upload`: files the scan's evidence form with a Jianhe server over its API, with an API
 * token (`JIANHE_URL`, `JIANHE_TOKEN`), creating or updating the release for the binary's version and build.
 * The token travels only over HTTPS, or plain HTTP to this machine (a CI runner's local test server).
 */

export interface UploadTarget {
  url: string;
  token: string;
  orgId: string;
  /** The app's Jianhe id, or its package name / bundle identifier. */
  app: string;
}

export interface UploadedRelease {
  id: string;
  appVersion: string;
  buildNumber: string;
  gate: string;
  scanEvidenceId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPLOAD_EXIT = 2;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function uploadTarget(env: NodeJS.ProcessEnv, options: { org?: string; app?: string }): UploadTarget {
  const url = env.JIANHE_URL?.trim();
  const token = env.JIANHE_TOKEN?.trim();
  if (!url || !token)
    throw new CliError('--upload needs JIANHE_URL and JIANHE_TOKEN in the environment', UPLOAD_EXIT);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError('JIANHE_URL is not a URL', UPLOAD_EXIT);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)))
    throw new CliError(
      'JIANHE_URL must be https:// (plain http only to localhost): the token would travel in clear',
      UPLOAD_EXIT,
    );
  if (!options.org || !UUID.test(options.org))
    throw new CliError('--upload needs --org ORG (the organisation id)', UPLOAD_EXIT);
  if (!options.app)
    throw new CliError('--upload needs --app APP (the app id or its package name)', UPLOAD_EXIT);
  return { url: parsed.toString().replace(/\/+$/, ''), token, orgId: options.org, app: options.app };
}

async function call(target: UploadTarget, method: 'GET' | 'POST', path: string, body?: unknown) {
  let response: Response;
  try {
    response = await fetch(`${target.url}/api/v1/orgs/${target.orgId}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${target.token}`,
        accept: 'application/json',
        'accept-language': 'en',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      redirect: 'error',
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    throw new CliError(
      `upload failed: cannot reach ${target.url} (${(error as Error).message})`,
      UPLOAD_EXIT,
    );
  }
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page: reported by status below.
  }
  if (!response.ok)
    throw new CliError(
      `upload failed: ${response.status} ${String(json.code ?? '')} ${String(json.message ?? '')}`.trim(),
      UPLOAD_EXIT,
    );
  return json;
}

async function appIdOf(target: UploadTarget): Promise<string> {
  if (UUID.test(target.app)) return target.app;
  const found = (await call(target, 'GET', `/apps?limit=1&bundle=${encodeURIComponent(target.app)}`)) as {
    items?: Array<{ id: string }>;
  };
  const id = found.items?.[0]?.id;
  if (!id)
    throw new CliError(`upload failed: no app with package name ${target.app} in the register`, UPLOAD_EXIT);
  return id;
}

export async function uploadScanResult(
  target: UploadTarget,
  scan: ScanResult,
  options: { failOn: string; appVersion?: string; buildNumber?: string },
): Promise<UploadedRelease> {
  const appId = await appIdOf(target);
  const body = {
    scan,
    failOn: options.failOn,
    ...(options.appVersion ? { appVersion: options.appVersion } : {}),
    ...(options.buildNumber ? { buildNumber: options.buildNumber } : {}),
  };
  const result = (await call(target, 'POST', `/apps/${appId}/scans`, body)) as { release: UploadedRelease };
  return result.release;
}
