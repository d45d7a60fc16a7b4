import tls from 'node:tls';
import type { VettedTarget } from '../../platform/outbound-policy.js';
import type {
  AcceptedCipher,
  CipherEnumeration,
  ProtocolProbe,
  TlsVersion,
} from './domain/tls-observations.js';
import { TLS_VERSIONS } from './domain/tls-observations.js';
import { type Deadline, handshake, type Limiter } from './probe-support.js';

/**
 * Probes for protocol versions and ciphers. Below TLS 1.3 the client asks at OpenSSL security level 0 with
 * every cipher this OpenSSL has, so its own defaults (which drop SHA-1 and old protocols) never turn a
 * server's "yes" into a "no".
 */

const EVERY_LEGACY_CIPHER = 'ALL:COMPLEMENTOFALL:@SECLEVEL=0';
export const TLS13_SUITES = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_CCM_SHA256',
  'TLS_AES_128_CCM_8_SHA256',
];

/**
 * TLS 1.2 cipher families, enumerated side by side. Together they cover every cipher OpenSSL knows
 * (overlaps are merged); each family is walked by offering it minus what the server already chose.
 */
const FAMILIES = [
  'kECDHE+aECDSA',
  'kECDHE+aRSA',
  'kDHE',
  'kRSA',
  'aNULL:eNULL:kPSK:kRSAPSK:kDHEPSK:kECDHEPSK:kSRP',
];

/** Legacy families some OpenSSL builds (Node's among them) no longer contain: a server offering them is not seen. */
const LEGACY_FAMILIES = ['RC4', 'DES', '3DES', 'IDEA', 'SEED', 'EXPORT'];

let localGaps: string[] | null = null;
/** Which legacy cipher families this machine's OpenSSL cannot offer (computed once). */
export function untestableCipherFamilies(): string[] {
  if (localGaps === null) {
    localGaps = LEGACY_FAMILIES.filter((family) => {
      try {
        tls.createSecureContext({ ciphers: `${family}:@SECLEVEL=0`, minVersion: 'TLSv1' });
        return false;
      } catch {
        return true;
      }
    });
  }
  return localGaps;
}

function versionOptions(version: TlsVersion) {
  return version === 'TLSv1.3'
    ? { minVersion: version, maxVersion: version, ciphers: TLS13_SUITES.join(':') }
    : { minVersion: version, maxVersion: version, ciphers: EVERY_LEGACY_CIPHER };
}

/** Asks for each of TLS 1.0, 1.1, 1.2 and 1.3 alone (minVersion = maxVersion). */
export async function probeProtocols(
  target: VettedTarget,
  deadline: Deadline,
  limiter: Limiter,
): Promise<ProtocolProbe[]> {
  return Promise.all(
    TLS_VERSIONS.map(async (version): Promise<ProtocolProbe> => {
      const outcome = await limiter.run(() => handshake(target, deadline, versionOptions(version)));
      if (outcome.kind === 'accepted')
        return { version, result: 'accepted', cipher: outcome.cipher.standardName };
      const result =
        outcome.kind === 'local' ? 'not-testable' : outcome.kind === 'transport' ? 'error' : 'refused';
      return { version, result, reason: outcome.code };
    }),
  );
}

async function walkFamily(
  target: VettedTarget,
  deadline: Deadline,
  limiter: Limiter,
  family: string,
  budget: { probes: number },
): Promise<{ accepted: AcceptedCipher[]; complete: boolean }> {
  const accepted: AcceptedCipher[] = [];
  for (;;) {
    if (budget.probes <= 0) return { accepted, complete: false };
    budget.probes--;
    const exclude = accepted.map((c) => `:!${c.openssl}`).join('');
    const outcome = await limiter.run(() =>
      handshake(target, deadline, {
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
        ciphers: `${family}${exclude}:@SECLEVEL=0`,
      }),
    );
    if (outcome.kind === 'accepted') {
      if (accepted.some((c) => c.openssl === outcome.cipher.name)) return { accepted, complete: false };
      accepted.push({ version: 'TLSv1.2', name: outcome.cipher.standardName, openssl: outcome.cipher.name });
      continue;
    }
    // "local" here means nothing of the family is left to offer: the walk is done.
    return { accepted, complete: outcome.kind !== 'transport' };
  }
}

/**
 * Every cipher the server accepts at TLS 1.2 and TLS 1.3 (where those are accepted), found by offering a
 * family minus what it already chose, until it declines. At most `maxProbes` handshakes.
 */
export async function enumerateCiphers(
  target: VettedTarget,
  deadline: Deadline,
  limiter: Limiter,
  protocols: ProtocolProbe[],
  maxProbes = 80,
): Promise<CipherEnumeration> {
  const accepts = (v: TlsVersion) => protocols.some((p) => p.version === v && p.result === 'accepted');
  const budget = { probes: maxProbes };
  const walks = accepts('TLSv1.2')
    ? FAMILIES.map((family) => walkFamily(target, deadline, limiter, family, budget))
    : [];
  const tls13 = accepts('TLSv1.3')
    ? TLS13_SUITES.map(async (suite) => {
        const outcome = await limiter.run(() =>
          handshake(target, deadline, { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', ciphers: suite }),
        );
        const found: AcceptedCipher[] =
          outcome.kind === 'accepted'
            ? [{ version: 'TLSv1.3', name: outcome.cipher.standardName, openssl: outcome.cipher.name }]
            : [];
        return { accepted: found, complete: outcome.kind !== 'transport' };
      })
    : [];
  const results = await Promise.all([...walks, ...tls13]);
  const accepted: AcceptedCipher[] = [];
  for (const cipher of results.flatMap((r) => r.accepted))
    if (!accepted.some((c) => c.version === cipher.version && c.openssl === cipher.openssl))
      accepted.push(cipher);
  return {
    accepted,
    complete: results.every((r) => r.complete),
    notTestable: untestableCipherFamilies(),
  };
}

/**
 * What a default client gets: the highest version both sides speak and the server's cipher, with the
 * certificate and any stapled OCSP response. Versions down to TLS 1.0 and security level 0 are allowed
 * so that even a legacy-only server yields its certificate for the rules to judge.
 */
export async function negotiate(target: VettedTarget, deadline: Deadline, extraCa: string[] | undefined) {
  return handshake(target, deadline, {
    minVersion: 'TLSv1',
    ciphers: `${tls.DEFAULT_CIPHERS}:@SECLEVEL=0`,
    requestOCSP: true,
    ...(extraCa && extraCa.length > 0 ? { ca: [...tls.rootCertificates, ...extraCa] } : {}),
  });
}
