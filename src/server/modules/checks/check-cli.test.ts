import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, TestCa } from '../../../../test/support/certificates.js';
import { runCli } from '../../../../test/support/cli.js';
import { type Running, startHttpServer, startHttpsServer } from '../../../../test/support/tls-servers.js';
import type { CheckRun } from './check-runner.js';
import type { TlsObservations } from './domain/tls-observations.js';
import { tlsProfile } from './domain/tls-profile.js';

/**
 * `jianhe check tls` as users run it: a real process, real servers on loopback, no database. The data
 * directory it is pointed at must still not exist afterwards.
 */

const work = mkdtempSync(path.join(tmpdir(), 'jianhe-check-cli-'));
const dataDir = path.join(work, 'data');
const caFile = path.join(work, 'ca.pem');
const servers: Running[] = [];
let sound: Running;
let expired: Running;
let redirect: Running;

beforeAll(async () => {
  const ca = await TestCa.create();
  writeFileSync(caFile, ca.cert);
  const tls = {
    minVersion: 'TLSv1.2' as const,
    ciphers: tlsProfile('intermediate').rules.ciphers.openssl.join(':'),
  };
  const hsts = 'max-age=63072000';
  sound = await startHttpsServer({ issued: await ca.issue(), tls, hsts });
  expired = await startHttpsServer({
    issued: await ca.issue({ notBefore: days(-30), notAfter: days(-2) }),
    tls,
    hsts,
  });
  redirect = await startHttpServer('https://localhost/');
  servers.push(sound, expired, redirect);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(work, { recursive: true, force: true });
});

const dev = { JIANHE_DATA_DIR: dataDir, JIANHE_ALLOW_PRIVATE_TARGETS: '1' };
const args = (port: number, ...more: string[]) => [
  'check',
  'tls',
  `localhost:${port}`,
  '--ca',
  caFile,
  '--http-port',
  String(redirect.port),
  ...more,
];

describe('jianhe check tls', () => {
  it('refuses a loopback target without the development setting: exit 1, stable code, no connection', async () => {
    const before = sound.connections();
    const result = await runCli(args(sound.port, '--lang', 'en'), { JIANHE_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^jianhe: OUTBOUND_TARGET_NOT_PUBLIC: The target resolves to a non-public/,
    );
    expect(sound.connections()).toBe(before);
  });

  it('prints the run as JSON; a warning exits 0 by default and 2 with --fail-on warn', async () => {
    const result = await runCli(args(sound.port, '--format', 'json'), dev);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout) as CheckRun<TlsObservations>;
    expect(run).toMatchObject({ kind: 'tls', target: `localhost:${sound.port}`, verdict: 'warn' });
    expect(run.profile).toMatchObject({ name: 'intermediate', version: '5.7' });
    // No OCSP staple: the one warning.
    expect(run.results.filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual(['tls.ocsp-stapling']);
    expect(run.observations.certificate?.trusted).toBe(true);
    const strict = await runCli(args(sound.port, '--fail-on', 'warn'), dev);
    expect(strict.code).toBe(2);
  });

  it('a failing verdict exits 2 with one line per rule; --fail-on never exits 0', async () => {
    const result = await runCli(args(expired.port, '--lang', 'en', '--profile', 'modern'), dev);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Mozilla Server Side TLS 5.7 modern — FAIL');
    expect(result.stdout).toMatch(/^ {2}FAIL {2}cert\.expiry +Expired on /m);
    expect(result.stdout).toMatch(/^ {2}FAIL {2}cert\.trusted +.*CERT_HAS_EXPIRED/m);
    expect((await runCli(args(expired.port, '--fail-on', 'never'), dev)).code).toBe(0);
  });

  it('never opened, migrated or created a database or data directory', () => {
    expect(existsSync(dataDir)).toBe(false);
  });
});
