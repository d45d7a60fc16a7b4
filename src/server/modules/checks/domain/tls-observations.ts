import type { EndpointObservation } from './verdict.js';

/**
 * What a TLS check saw, as plain data: stored as the raw observations of a run and judged by the pure
 * rules in tls-rules.ts. Nothing here depends on the profile, so one run can be judged against several.
 */

export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

export interface ProtocolProbe {
  version: TlsVersion;
  /**
   * `refused`: the server declined the version. `not-testable`: this machine's OpenSSL could not offer it
   * (never reported as refused). `error`: the attempt failed for another reason (reset, timeout).
   */
  result: 'accepted' | 'refused' | 'not-testable' | 'error';
  /** IANA name of the cipher the server chose, when accepted. */
  cipher?: string;
  /** OpenSSL's error code, when not accepted. */
  reason?: string;
}

export interface AcceptedCipher {
  version: TlsVersion;
  /** IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256. */
  name: string;
  /** OpenSSL name, e.g. ECDHE-RSA-AES128-GCM-SHA256. */
  openssl: string;
}

export interface CipherEnumeration {
  /** Every cipher the server accepted, per version probed (TLS 1.2 and TLS 1.3 where accepted). */
  accepted: AcceptedCipher[];
  /** False when the probe budget ran out or a probe failed, so the list may be short. */
  complete: boolean;
  /** Cipher families this machine's OpenSSL cannot offer at all (so a server accepting them goes unseen). */
  notTestable: string[];
}

export interface KeyExchange {
  /** `ECDH` or `DH` (Node's getEphemeralKeyInfo). */
  type: string;
  /** Curve or group name for ECDH, e.g. X25519. */
  name?: string;
  size: number;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  fingerprint256: string;
  notBefore: string;
  notAfter: string;
  /** Mozilla's names: `rsa`, `ecdsa`; otherwise the key type as Node reports it. */
  keyType: string;
  keyBits: number | null;
  /** OpenSSL curve name for EC keys, e.g. prime256v1. */
  curve: string | null;
  /** OpenSSL-style name, e.g. sha256WithRSAEncryption, or the OID when unknown. */
  signatureAlgorithm: string;
  subjectAltNames: string[];
}

export interface CertificateObservation {
  leaf: CertificateInfo;
  /** Leaf first, as verified (or as sent when verification failed). */
  chain: Array<{ subject: string; issuer: string; fingerprint256: string }>;
  /** The chain verified to a trusted root (Node's bundled Mozilla roots, plus any `--ca`). */
  trusted: boolean;
  /** OpenSSL's verification error, e.g. CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT. */
  trustError: string | null;
  hostnameMatches: boolean;
  selfSigned: boolean;
}

export interface HstsObservation {
  /** The raw Strict-Transport-Security header, or null when absent. */
  header: string | null;
  maxAge: number | null;
  includeSubDomains: boolean;
  preload: boolean;
}

export interface HttpsObservation {
  /** Whether the TLS service answered HTTP at all; HSTS applies only when it did. */
  isHttp: boolean;
  statusCode?: number;
  hsts?: HstsObservation;
  error?: string;
}

export interface HttpRedirectObservation {
  port: number;
  /**
   * `redirects-to-https`: plain HTTP answers with a redirect to an https:// URL. `no-redirect`: it serves
   * plain HTTP. `redirects-elsewhere`: it redirects to another http:// URL. `not-offered`: nothing answers
   * plain HTTP on that port (refused or silent).
   */
  result: 'redirects-to-https' | 'no-redirect' | 'redirects-elsewhere' | 'not-offered';
  statusCode?: number;
  location?: string;
  error?: string;
}

export interface TlsObservations extends EndpointObservation {
  protocols: ProtocolProbe[];
  /** What a default client negotiates (the highest version and the server's choice of cipher). */
  negotiated: { version: string; cipher: string; keyExchange: KeyExchange | null } | null;
  ciphers: CipherEnumeration | null;
  certificate: CertificateObservation | null;
  /** Whether the server stapled an OCSP response when asked; null when no handshake completed. */
  ocspStapled: boolean | null;
  /** Only for services judged as HTTPS (`service` option); null otherwise. */
  https: HttpsObservation | null;
  httpRedirect: HttpRedirectObservation | null;
}
