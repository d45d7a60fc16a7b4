import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../platform/canonical-json.js';
import { EXPIRY_WARNING_DAYS } from './certificate-rules.js';
import type { RuleResult, Verdict } from './verdict.js';

/** A check's outcome as stored: what the runner returned, or why it could not run. */
export interface StoredOutcome {
  kind: string;
  target: string;
  profile: { name: string; version: string };
  observations: Record<string, unknown>;
  results: RuleResult[];
  verdict: Verdict;
  errorCode: string | null;
}

/** The hash kept with a run (and quoted in its evidence): over everything that was judged. */
export function outcomeSha256(o: StoredOutcome): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        kind: o.kind,
        target: o.target,
        profile: o.profile,
        observations: o.observations,
        results: o.results,
        verdict: o.verdict,
        errorCode: o.errorCode,
      }),
    )
    .digest('hex');
}

interface CertificateFacts {
  notAfter: string;
  fingerprint256: string;
}

/** The leaf certificate a TLS run saw, if any. */
export function certificateOf(observations: Record<string, unknown>): CertificateFacts | null {
  const cert = observations.certificate as { leaf?: { notAfter?: string; fingerprint256?: string } } | null;
  const leaf = cert?.leaf;
  return leaf?.notAfter && leaf.fingerprint256
    ? { notAfter: leaf.notAfter, fingerprint256: leaf.fingerprint256 }
    : null;
}

/**
 * Whether this run should tell the owner about a coming expiry: the certificate expires within the
 * warning window (or already has) and this certificate was not the subject of the last notice.
 */
export function expiryNotice(
  observations: Record<string, unknown>,
  checkedAt: string,
  lastNotifiedFingerprint: string | null,
): { notAfter: string; daysToExpiry: number; fingerprint256: string } | null {
  const cert = certificateOf(observations);
  if (!cert || cert.fingerprint256 === lastNotifiedFingerprint) return null;
  const daysToExpiry = Math.floor((Date.parse(cert.notAfter) - Date.parse(checkedAt)) / 86_400_000);
  return daysToExpiry < EXPIRY_WARNING_DAYS ? { ...cert, daysToExpiry } : null;
}

export const failingRules = (results: RuleResult[]): RuleResult[] =>
  results.filter((r) => r.status === 'fail');

/** Catalog item ids as the checklist names them: item-1 … item-999. */
export const CATALOG_ITEM_ID = /^item-[1-9]\d{0,2}$/;
