/**
 * Reads the signature algorithm of an X.509 certificate from its DER bytes (Node 20's X509Certificate
 * does not expose it). Only the outer structure is walked:
 *   Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm AlgorithmIdentifier, … }
 */

/** OpenSSL's names, which the Mozilla guidelines use in `certificate_signatures`. */
const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
};

/** Algorithms whose hash is broken for signatures (collisions): MD5, SHA-1. */
export const BROKEN_SIGNATURES = new Set([
  'md5WithRSAEncryption',
  'sha1WithRSAEncryption',
  'ecdsa-with-SHA1',
  'dsa-with-SHA1',
]);

interface Element {
  tag: number;
  start: number;
  end: number;
}

function readElement(der: Uint8Array, offset: number): Element {
  const tag = der[offset];
  let lengthByte = der[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new Error('truncated DER');
  let cursor = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = der[cursor++];
      if (lengthByte === undefined) throw new Error('truncated DER');
      length = length * 256 + lengthByte;
    }
  }
  if (cursor + length > der.length) throw new Error('truncated DER');
  return { tag, start: cursor, end: cursor + length };
}

function decodeOid(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0)
        parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

const SEQUENCE = 0x30;
const OID = 0x06;

/** The certificate's signatureAlgorithm as a dotted OID. Throws on bytes that are not a certificate. */
export function signatureAlgorithmOid(der: Uint8Array): string {
  const certificate = readElement(der, 0);
  if (certificate.tag !== SEQUENCE) throw new Error('not a certificate');
  const tbs = readElement(der, certificate.start);
  if (tbs.tag !== SEQUENCE) throw new Error('not a certificate');
  const algorithm = readElement(der, tbs.end);
  if (algorithm.tag !== SEQUENCE) throw new Error('not a certificate');
  const oid = readElement(der, algorithm.start);
  if (oid.tag !== OID) throw new Error('not a certificate');
  return decodeOid(der.subarray(oid.start, oid.end));
}

/** OpenSSL-style name of the certificate's signature algorithm, or its OID when not a known one. */
export function signatureAlgorithmName(der: Uint8Array): string {
  const oid = signatureAlgorithmOid(der);
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
}
