import { describe, expect, it } from 'vitest';
import type { TlsObservations } from './tls-observations.js';
import { tlsProfile } from './tls-profile.js';
import { judgeTls } from './tls-rules.js';
import { failsBuild, overallVerdict } from './verdict.js';

const intermediate = tlsProfile('intermediate');
const modern = tlsProfile('modern');
const NOW = '2026-12-01T00:00:00.000Z';

function sound(): TlsObservations {
  return {
    host: 'portal.example.com',
    port: 443,
    addresses: ['93.184.215.14'],
    startedAt: NOW,
    durationMs: 120,
    reachable: { ok: true, connectMs: 3 },
    protocols: [
      { version: 'TLSv1', result: 'refused', reason: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
      { version: 'TLSv1.1', result: 'refused', reason: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
      { version: 'TLSv1.2', result: 'accepted', cipher: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256' },
      { version: 'TLSv1.3', result: 'accepted', cipher: 'TLS_AES_256_GCM_SHA384' },
    ],
    negotiated: {
      version: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      keyExchange: { type: 'ECDH', name: 'X25519', size: 253 },
    },
    ciphers: {
      accepted: [
        {
          version: 'TLSv1.2',
          name: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
          openssl: 'ECDHE-ECDSA-AES128-GCM-SHA256',
        },
        { version: 'TLSv1.3', name: 'TLS_AES_256_GCM_SHA384', openssl: 'TLS_AES_256_GCM_SHA384' },
      ],
      complete: true,
      notTestable: ['RC4'],
    },
    certificate: {
      leaf: {
        subject: 'CN=portal.example.com',
        issuer: 'CN=Example CA',
        serialNumber: '01',
        fingerprint256: 'AA',
        notBefore: '2026-11-01T00:00:00.000Z',
        notAfter: '2027-01-30T00:00:00.000Z',
        keyType: 'ecdsa',
        keyBits: 256,
        curve: 'prime256v1',
        signatureAlgorithm: 'ecdsa-with-SHA256',
        subjectAltNames: ['DNS:portal.example.com'],
      },
      chain: [],
      trusted: true,
      trustError: null,
      hostnameMatches: true,
      selfSigned: false,
    },
    ocspStapled: true,
    https: {
      isHttp: true,
      statusCode: 200,
      hsts: { header: 'max-age=63072000', maxAge: 63072000, includeSubDomains: false, preload: false },
    },
    httpRedirect: {
      port: 80,
      result: 'redirects-to-https',
      statusCode: 301,
      location: 'https://portal.example.com/',
    },
  };
}

const statusOf = (o: TlsObservations, id: string, profile = intermediate) =>
  judgeTls(o, profile).find((r) => r.id === id)?.status;

describe('judgeTls', () => {
  it('passes a sound endpoint on every rule, under both profiles', () => {
    for (const profile of [intermediate, modern]) {
      const results = judgeTls(sound(), profile);
      if (profile === modern) {
        // Modern allows TLS 1.3 only: the TLS 1.2 acceptance and its cipher fail there.
        expect(results.filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual([
          'tls.protocols',
          'tls.ciphers',
        ]);
      } else {
        expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
        expect(results.map((r) => r.id)).toEqual([
          'service.reachable',
          'tls.protocols',
          'tls.ciphers',
          'tls.key-exchange',
          'cert.trusted',
          'cert.hostname',
          'cert.expiry',
          'cert.lifetime',
          'cert.key',
          'cert.signature',
          'tls.ocsp-stapling',
          'http.hsts',
          'http.redirect',
        ]);
      }
    }
  });

  it('warns, never passes, when a version outside the profile could not be probed here', () => {
    const o = sound();
    o.protocols[0] = { version: 'TLSv1', result: 'not-testable', reason: 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' };
    const result = judgeTls(o, intermediate).find((r) => r.id === 'tls.protocols')!;
    expect(result.status).toBe('warn');
    expect(result.message.en).toContain('TLS 1.0 could not be probed');
    o.protocols[0] = { version: 'TLSv1', result: 'error', reason: 'ETIMEDOUT' };
    expect(statusOf(o, 'tls.protocols')).toBe('warn');
  });

  it('fails when none of the profile versions is accepted', () => {
    const o = sound();
    o.protocols = o.protocols.map((p) => ({
      ...p,
      result: p.version === 'TLSv1.2' ? 'accepted' : 'refused',
    }));
    expect(statusOf(o, 'tls.protocols', modern)).toBe('fail');
    expect(statusOf(o, 'tls.protocols', intermediate)).toBe('pass');
  });

  it('judges the key exchange: static RSA and small DH fail, DH 2048 passes, unlisted curves warn', () => {
    const o = sound();
    o.negotiated = { version: 'TLSv1.2', cipher: 'TLS_RSA_WITH_AES_128_GCM_SHA256', keyExchange: null };
    expect(statusOf(o, 'tls.key-exchange')).toBe('fail');
    o.negotiated.keyExchange = { type: 'DH', size: 1024 };
    expect(statusOf(o, 'tls.key-exchange')).toBe('fail');
    o.negotiated.keyExchange = { type: 'DH', size: 2048 };
    expect(statusOf(o, 'tls.key-exchange')).toBe('pass');
    expect(statusOf(o, 'tls.key-exchange', modern)).toBe('fail');
    o.negotiated.keyExchange = { type: 'ECDH', name: 'secp521r1', size: 521 };
    expect(statusOf(o, 'tls.key-exchange')).toBe('warn');
  });

  it('warns when the cipher enumeration stopped early, fails on any cipher outside the profile', () => {
    const o = sound();
    o.ciphers!.complete = false;
    expect(statusOf(o, 'tls.ciphers')).toBe('warn');
    o.ciphers!.accepted.push({
      version: 'TLSv1.2',
      name: 'TLS_RSA_WITH_AES_128_CBC_SHA',
      openssl: 'AES128-SHA',
    });
    expect(statusOf(o, 'tls.ciphers')).toBe('fail');
  });

  it('judges certificate signature, key and validity window', () => {
    const o = sound();
    const leaf = o.certificate!.leaf;
    leaf.signatureAlgorithm = 'sha1WithRSAEncryption';
    expect(statusOf(o, 'cert.signature')).toBe('fail');
    leaf.signatureAlgorithm = 'sha384WithRSAEncryption';
    expect(statusOf(o, 'cert.signature')).toBe('warn');
    leaf.signatureAlgorithm = 'sha256WithRSAEncryption';
    expect(statusOf(o, 'cert.signature')).toBe('pass');
    expect(statusOf(o, 'cert.signature', modern)).toBe('warn');
    leaf.curve = 'secp521r1';
    expect(statusOf(o, 'cert.key')).toBe('fail');
    leaf.notBefore = '2026-12-02T00:00:00.000Z';
    expect(statusOf(o, 'cert.expiry')).toBe('fail');
    leaf.notBefore = '2026-01-01T00:00:00.000Z';
    leaf.notAfter = '2026-12-30T00:00:00.000Z';
    expect(statusOf(o, 'cert.expiry')).toBe('warn');
    expect(statusOf(o, 'cert.lifetime', modern)).toBe('fail');
  });

  it('judges HSTS and the redirect from what was seen', () => {
    const o = sound();
    o.https = {
      isHttp: true,
      statusCode: 200,
      hsts: { header: 'max-age=abc', maxAge: null, includeSubDomains: false, preload: false },
    };
    expect(statusOf(o, 'http.hsts')).toBe('fail');
    o.https = { isHttp: false, error: 'ETIMEDOUT' };
    expect(statusOf(o, 'http.hsts')).toBe('skip');
    o.httpRedirect = {
      port: 80,
      result: 'redirects-elsewhere',
      statusCode: 302,
      location: 'http://other.example/',
    };
    expect(statusOf(o, 'http.redirect')).toBe('fail');
  });

  it('an unreachable endpoint yields one failing rule', () => {
    const o = { ...sound(), reachable: { ok: false, error: 'ECONNREFUSED' } };
    const results = judgeTls(o, intermediate);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ id: 'service.reachable', status: 'fail' });
  });
});

describe('verdicts and --fail-on', () => {
  it('takes the worst rule; fail-on decides which verdicts fail a build', () => {
    const warnOnly = judgeTls({ ...sound(), ocspStapled: false }, intermediate);
    expect(overallVerdict(warnOnly)).toBe('warn');
    expect(overallVerdict(judgeTls(sound(), intermediate))).toBe('pass');
    expect(failsBuild('warn', 'fail')).toBe(false);
    expect(failsBuild('warn', 'warn')).toBe(true);
    expect(failsBuild('fail', 'fail')).toBe(true);
    expect(failsBuild('fail', 'never')).toBe(false);
    expect(failsBuild('pass', 'warn')).toBe(false);
  });
});
