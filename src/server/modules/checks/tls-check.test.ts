import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, type Issued, selfSigned, TestCa } from '../../../../test/support/certificates.js';
import {
  canSpeak,
  closedPort,
  type Running,
  startHttpServer,
  startHttpsServer,
  startTlsServer,
} from '../../../../test/support/tls-servers.js';
import { OutboundPolicyError } from '../../platform/outbound-policy.js';
import { type CheckRun, runTlsCheck, type TlsCheckOptions } from './check-runner.js';
import type { TlsObservations } from './domain/tls-observations.js';
import { tlsProfile } from './domain/tls-profile.js';

/**
 * Real TLS servers on loopback with certificates made here; every case asserts the verdicts it must
 * produce. Loopback targets need the development setting, as the outbound policy refuses them otherwise.
 */

const TWO_YEARS = 'max-age=63072000; includeSubDomains';
const INTERMEDIATE_CIPHERS = tlsProfile('intermediate').rules.ciphers.openssl.join(':');
// A sound HTTPS endpoint by Mozilla intermediate: TLS 1.2 and 1.3 with the profile's ciphers only.
const SOUND_TLS = { minVersion: 'TLSv1.2' as const, ciphers: INTERMEDIATE_CIPHERS };

let ca: TestCa;
let good: Issued;
let redirect: Running;
const servers: Running[] = [];

async function serve(start: Promise<Running>): Promise<Running> {
  const server = await start;
  servers.push(server);
  return server;
}

function check(port: number, options: Partial<TlsCheckOptions> = {}): Promise<CheckRun<TlsObservations>> {
  return runTlsCheck(`localhost:${port}`, {
    policy: { allowPrivateTargets: true },
    ca: [ca.cert],
    httpPort: redirect.port,
    timeoutMs: 3000,
    ...options,
  });
}

const status = (run: CheckRun<TlsObservations>, id: string) => run.results.find((r) => r.id === id)?.status;

beforeAll(async () => {
  ca = await TestCa.create();
  good = await ca.issue();
  redirect = await serve(startHttpServer('https://localhost/'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('TLS check against real servers on loopback', () => {
  it('a sound endpoint passes every rule except the OCSP recommendation, which it meets when stapling', async () => {
    const server = await serve(
      startHttpsServer({
        issued: good,
        tls: SOUND_TLS,
        hsts: TWO_YEARS,
        ocspResponse: Buffer.from([0x30, 3, 10, 1, 0]),
      }),
    );
    const run = await check(server.port);
    expect(run.results.filter((r) => r.status !== 'pass').map((r) => [r.id, r.status])).toEqual([]);
    expect(run.verdict).toBe('pass');
    expect(run.profile).toMatchObject({ label: 'Mozilla Server Side TLS 5.7 intermediate', version: '5.7' });
    const o = run.observations;
    expect(o.protocols.map((p) => [p.version, p.result])).toEqual([
      ['TLSv1', 'refused'],
      ['TLSv1.1', 'refused'],
      ['TLSv1.2', 'accepted'],
      ['TLSv1.3', 'accepted'],
    ]);
    expect(o.negotiated).toMatchObject({ version: 'TLSv1.3', keyExchange: { type: 'ECDH', name: 'X25519' } });
    expect(o.ciphers?.accepted.map((c) => c.name).sort()).toEqual(
      [
        'TLS_AES_128_GCM_SHA256',
        'TLS_AES_256_GCM_SHA384',
        'TLS_CHACHA20_POLY1305_SHA256',
        'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
        'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
        'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
      ].sort(),
    );
    expect(o.certificate?.leaf).toMatchObject({ keyType: 'ecdsa', curve: 'prime256v1', keyBits: 256 });
    expect(o.certificate?.leaf.signatureAlgorithm).toBe('ecdsa-with-SHA256');
    expect(o.ocspStapled).toBe(true);
    expect(o.https?.hsts?.maxAge).toBe(63072000);
    expect(o.httpRedirect).toMatchObject({ result: 'redirects-to-https', statusCode: 301 });
  });

  it('a server on Node defaults accepts ciphers outside the profile (CBC, CCM, ARIA) and fails tls.ciphers', async () => {
    const server = await serve(startHttpsServer({ issued: good, hsts: TWO_YEARS }));
    const run = await check(server.port);
    expect(status(run, 'tls.ciphers')).toBe('fail');
    const outside = (run.results.find((r) => r.id === 'tls.ciphers')?.details?.outsideProfile ??
      []) as Array<{
      name: string;
    }>;
    expect(outside.map((c) => c.name)).toContain('TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA');
    expect(outside.map((c) => c.name)).not.toContain('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256');
    expect(status(run, 'tls.ocsp-stapling')).toBe('warn');
    expect(run.verdict).toBe('fail');
  });

  it('TLS 1.0 enabled fails tls.protocols (or is skipped where this OpenSSL cannot serve TLS 1.0)', async (ctx) => {
    if (!(await canSpeak(good, 'TLSv1'))) {
      ctx.skip(true, "this machine's OpenSSL cannot serve and speak TLS 1.0 even at security level 0");
    }
    const server = await serve(
      startHttpsServer({
        issued: good,
        tls: { minVersion: 'TLSv1', ciphers: `${INTERMEDIATE_CIPHERS}:ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0` },
        hsts: TWO_YEARS,
      }),
    );
    const run = await check(server.port);
    const tls10 = run.observations.protocols.find((p) => p.version === 'TLSv1');
    expect(tls10).toMatchObject({ result: 'accepted', cipher: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA' });
    expect(status(run, 'tls.protocols')).toBe('fail');
    expect(run.results.find((r) => r.id === 'tls.protocols')?.message.en).toContain('TLS 1.0');
    expect(run.verdict).toBe('fail');
  });

  it('only TLS 1.3 passes intermediate and modern; TLS 1.2 only fails modern', async () => {
    const only13 = await serve(
      startHttpsServer({ issued: good, tls: { minVersion: 'TLSv1.3' }, hsts: TWO_YEARS }),
    );
    for (const profile of ['intermediate', 'modern'] as const) {
      const run = await check(only13.port, { profile });
      expect(run.observations.protocols.filter((p) => p.result === 'accepted').map((p) => p.version)).toEqual(
        ['TLSv1.3'],
      );
      expect(status(run, 'tls.protocols')).toBe('pass');
      expect(status(run, 'tls.ciphers')).toBe('pass');
    }
    const only12 = await serve(
      startHttpsServer({ issued: good, tls: { ...SOUND_TLS, maxVersion: 'TLSv1.2' }, hsts: TWO_YEARS }),
    );
    const modern = await check(only12.port, { profile: 'modern' });
    expect(status(modern, 'tls.protocols')).toBe('fail');
    expect(status(modern, 'tls.ciphers')).toBe('fail');
    expect(status(await check(only12.port), 'tls.protocols')).toBe('pass');
  });

  it('an expired certificate fails cert.expiry and cert.trusted', async () => {
    const expired = await ca.issue({ notBefore: days(-90), notAfter: days(-1) });
    const server = await serve(startHttpsServer({ issued: expired, tls: SOUND_TLS, hsts: TWO_YEARS }));
    const run = await check(server.port);
    expect(status(run, 'cert.expiry')).toBe('fail');
    expect(run.results.find((r) => r.id === 'cert.trusted')).toMatchObject({
      status: 'fail',
      details: { trustError: 'CERT_HAS_EXPIRED' },
    });
    expect(status(run, 'cert.hostname')).toBe('pass');
  });

  it('a certificate expiring within 30 days warns; one longer than the profile allows fails cert.lifetime', async () => {
    const soon = await ca.issue({ notBefore: days(-60), notAfter: days(10) });
    const run = await check((await serve(startHttpsServer({ issued: soon, tls: SOUND_TLS }))).port);
    expect(run.results.find((r) => r.id === 'cert.expiry')).toMatchObject({
      status: 'warn',
      details: { daysToExpiry: 9 },
    });
    const long = await ca.issue({ notBefore: days(-1), notAfter: days(400) });
    const longRun = await check((await serve(startHttpsServer({ issued: long, tls: SOUND_TLS }))).port);
    expect(status(longRun, 'cert.lifetime')).toBe('fail');
    expect(
      status(
        await check((await serve(startHttpsServer({ issued: good, tls: SOUND_TLS }))).port, {
          profile: 'modern',
        }),
        'cert.lifetime',
      ),
    ).toBe('pass');
  });

  it('a self-signed certificate fails cert.trusted and is reported as self-signed', async () => {
    const own = await selfSigned();
    const run = await check(
      (await serve(startHttpsServer({ issued: own, tls: SOUND_TLS, hsts: TWO_YEARS }))).port,
    );
    expect(run.results.find((r) => r.id === 'cert.trusted')).toMatchObject({
      status: 'fail',
      details: { trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT', selfSigned: true },
    });
    expect(run.observations.certificate?.selfSigned).toBe(true);
    expect(status(run, 'cert.hostname')).toBe('pass');
  });

  it('a certificate for another name fails cert.hostname while its chain is trusted', async () => {
    const other = await ca.issue({ names: ['portal.example.com'], ips: [] });
    const run = await check(
      (await serve(startHttpsServer({ issued: other, tls: SOUND_TLS, hsts: TWO_YEARS }))).port,
    );
    expect(status(run, 'cert.trusted')).toBe('pass');
    expect(run.results.find((r) => r.id === 'cert.hostname')).toMatchObject({
      status: 'fail',
      details: { subjectAltNames: ['DNS:portal.example.com'] },
    });
  });

  it('a 1024-bit RSA key fails cert.key (when this OpenSSL serves one)', async (ctx) => {
    const weak = await ca.issue({ key: { kind: 'rsa', bits: 1024 } });
    let server: Running;
    try {
      server = await serve(
        startHttpsServer({ issued: weak, tls: { minVersion: 'TLSv1.2' }, hsts: TWO_YEARS }),
      );
    } catch (error) {
      ctx.skip(true, `this machine's OpenSSL refuses to serve a 1024-bit RSA key: ${String(error)}`);
      return;
    }
    const run = await check(server.port);
    expect(run.observations.certificate?.leaf).toMatchObject({ keyType: 'rsa', keyBits: 1024 });
    expect(run.results.find((r) => r.id === 'cert.key')?.status).toBe('fail');
    expect(run.results.find((r) => r.id === 'cert.key')?.message.en).toContain('1024');
    const strong = await ca.issue({ key: { kind: 'rsa', bits: 2048 } });
    const ok = await check((await serve(startHttpsServer({ issued: strong, tls: SOUND_TLS }))).port);
    expect(status(ok, 'cert.key')).toBe('pass');
    expect(
      status(
        await check((await serve(startHttpsServer({ issued: strong, tls: SOUND_TLS }))).port, {
          profile: 'modern',
        }),
        'cert.key',
      ),
    ).toBe('fail');
  });

  it('HSTS absent fails, too short warns, present passes', async () => {
    const none = await check((await serve(startHttpsServer({ issued: good, tls: SOUND_TLS }))).port);
    expect(none.results.find((r) => r.id === 'http.hsts')).toMatchObject({
      status: 'fail',
      details: { header: null },
    });
    const short = await check(
      (await serve(startHttpsServer({ issued: good, tls: SOUND_TLS, hsts: 'max-age=86400' }))).port,
    );
    expect(short.results.find((r) => r.id === 'http.hsts')).toMatchObject({
      status: 'warn',
      details: { maxAge: 86400 },
    });
    const present = await check(
      (await serve(startHttpsServer({ issued: good, tls: SOUND_TLS, hsts: TWO_YEARS }))).port,
    );
    expect(status(present, 'http.hsts')).toBe('pass');
  });

  it('plain HTTP: a redirect to https passes, serving content fails, nothing listening passes', async () => {
    const port = (await serve(startHttpsServer({ issued: good, tls: SOUND_TLS, hsts: TWO_YEARS }))).port;
    expect(status(await check(port), 'http.redirect')).toBe('pass');
    const plain = await serve(startHttpServer());
    const served = await check(port, { httpPort: plain.port });
    expect(served.observations.httpRedirect).toMatchObject({ result: 'no-redirect', statusCode: 200 });
    expect(status(served, 'http.redirect')).toBe('fail');
    const elsewhere = await serve(startHttpServer('http://localhost/other'));
    expect(status(await check(port, { httpPort: elsewhere.port }), 'http.redirect')).toBe('fail');
    const closed = await check(port, { httpPort: await closedPort() });
    expect(closed.observations.httpRedirect?.result).toBe('not-offered');
    expect(status(closed, 'http.redirect')).toBe('pass');
  });

  it('a TLS service that does not speak HTTP skips the HTTP rules', async () => {
    const server = await serve(startTlsServer(good, SOUND_TLS));
    const run = await check(server.port, { timeoutMs: 1000 });
    expect(status(run, 'http.hsts')).toBe('skip');
    expect(status(run, 'http.redirect')).toBe('skip');
    expect(status(run, 'cert.trusted')).toBe('pass');
  });

  it('a closed port fails service.reachable and judges nothing else', async () => {
    const run = await check(await closedPort());
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({ id: 'service.reachable', status: 'fail' });
    expect(run.verdict).toBe('fail');
  });

  it('without the development setting a loopback target is refused before any connection', async () => {
    const server = await serve(startHttpsServer({ issued: good, tls: SOUND_TLS }));
    const before = server.connections();
    await expect(check(server.port, { policy: { allowPrivateTargets: false } })).rejects.toBeInstanceOf(
      OutboundPolicyError,
    );
    await expect(check(server.port, { policy: { allowPrivateTargets: false } })).rejects.toMatchObject({
      code: 'OUTBOUND_TARGET_NOT_PUBLIC',
    });
    expect(server.connections()).toBe(before);
  });
});
