import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { signatureAlgorithmName } from './domain/certificate-der.js';
import type { CertificateInfo, CertificateObservation } from './domain/tls-observations.js';

const EC_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256 };

const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');

function keyType(x: X509Certificate): string {
  const type = x.publicKey.asymmetricKeyType ?? 'unknown';
  return type === 'ec' ? 'ecdsa' : type;
}

/** The facts about one certificate that the rules judge. */
export function describeCertificate(raw: Buffer): CertificateInfo {
  const x = new X509Certificate(raw);
  const details = x.publicKey.asymmetricKeyDetails ?? {};
  const curve = details.namedCurve ?? null;
  let signatureAlgorithm: string;
  try {
    signatureAlgorithm = signatureAlgorithmName(raw);
  } catch {
    signatureAlgorithm = 'unknown';
  }
  return {
    subject: oneLine(x.subject),
    issuer: oneLine(x.issuer),
    serialNumber: x.serialNumber,
    fingerprint256: x.fingerprint256,
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    keyType: keyType(x),
    keyBits: details.modulusLength ?? (curve ? (EC_BITS[curve] ?? null) : null),
    curve,
    signatureAlgorithm,
    subjectAltNames: x.subjectAltName ? x.subjectAltName.split(', ') : [],
  };
}

/**
 * The leaf, the chain as the TLS stack built it, whether it verified to a trusted root, whether it names
 * `host` (checked even when the chain did not verify, which Node itself skips), and whether it is
 * self-signed.
 */
export function inspectCertificate(
  host: string,
  peer: tls.DetailedPeerCertificate,
  authorized: boolean,
  authorizationError: string | null,
): CertificateObservation {
  const chain: CertificateObservation['chain'] = [];
  const seen = new Set<string>();
  for (let cert: tls.DetailedPeerCertificate | undefined = peer; cert?.raw; cert = cert.issuerCertificate) {
    if (seen.has(cert.fingerprint256)) break;
    seen.add(cert.fingerprint256);
    const x = new X509Certificate(cert.raw);
    chain.push({ subject: oneLine(x.subject), issuer: oneLine(x.issuer), fingerprint256: x.fingerprint256 });
  }
  const leaf = new X509Certificate(peer.raw);
  const name = host.replace(/\.$/, '');
  return {
    leaf: describeCertificate(peer.raw),
    chain,
    trusted: authorized,
    trustError: authorized ? null : authorizationError,
    hostnameMatches: tls.checkServerIdentity(name, peer) === undefined,
    selfSigned: leaf.subject === leaf.issuer && leaf.verify(leaf.publicKey),
  };
}
