import mozilla from '../profiles/mozilla-server-side-tls-5.7.json' with { type: 'json' };
import type { TlsVersion } from './tls-observations.js';

/** One Mozilla server-side TLS configuration, in the guideline's own field names. */
export interface TlsProfileRules {
  tls_versions: TlsVersion[];
  ciphersuites: string[];
  ciphers: { iana: string[]; openssl: string[] };
  certificate_types: string[];
  certificate_curves: string[];
  certificate_signatures: string[];
  rsa_key_size: number | null;
  dh_param_size: number | null;
  ecdh_param_size: number | null;
  tls_curves: string[];
  hsts_min_age: number;
  maximum_certificate_lifespan: number;
  recommended_certificate_lifespan: number;
  ocsp_staple: boolean;
}

export type TlsProfileName = 'intermediate' | 'modern';
export const TLS_PROFILE_NAMES: readonly TlsProfileName[] = ['intermediate', 'modern'];

export interface TlsProfile {
  name: TlsProfileName;
  /** e.g. "Mozilla Server Side TLS 5.7 intermediate": stored with every run. */
  label: string;
  guideline: { name: string; version: string; source: string };
  rules: TlsProfileRules;
}

export function tlsProfile(name: TlsProfileName = 'intermediate'): TlsProfile {
  return {
    name,
    label: `${mozilla.name} ${mozilla.version} ${name}`,
    guideline: { name: mozilla.name, version: mozilla.version, source: mozilla.source },
    rules: mozilla.configurations[name] as TlsProfileRules,
  };
}

export function isTlsProfileName(value: string): value is TlsProfileName {
  return (TLS_PROFILE_NAMES as readonly string[]).includes(value);
}
