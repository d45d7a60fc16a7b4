import { type Severity, severityAtLeast } from '../../../../platform/sarif.js';

/**
 * The release gate (guideline Art. 17): a release is scanned before it ships; a finding at or above the
 * release's threshold blocks it, and only an approver's risk acceptance with an expiry lets a blocked
 * release ship. For an outside developer's app (Art. 17.2) the vendor's attestations must be in.
 */

export const GATE_STATES = ['pending', 'scanned', 'blocked', 'accepted'] as const;
export type GateState = (typeof GATE_STATES)[number];
export const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];
export const RELEASE_STATUSES = ['draft', 'released'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** Art. 17.1 (1)–(3), what a vendor attests in place of the firm's own review of the source. */
export const ATTESTATION_SUBJECTS = ['no-malicious-code', 'no-sensitive-data', 'input-filtering'] as const;
export type AttestationSubject = (typeof ATTESTATION_SUBJECTS)[number];

/** The Art. 16 controls an app implements, and the checklist items (55–59) that ask about each. */
export const APP_CONTROLS = ['16.1', '16.2', '16.3', '16.4', '16.5'] as const;
export type AppControl = (typeof APP_CONTROLS)[number];

export function gateAfterScan(severities: readonly Severity[], failOn: FailOn): 'scanned' | 'blocked' {
  if (failOn === 'none') return 'scanned';
  return severities.some((s) => severityAtLeast(s, failOn)) ? 'blocked' : 'scanned';
}

/** An acceptance counts through its expiry day (Taipei calendar), and not after. */
export function acceptanceValid(expiresOn: string | null, today: string): boolean {
  return expiresOn !== null && expiresOn >= today;
}

/**
 * The gate as it stands today: an accepted gate whose latest acceptance has expired is blocked again
 * (the stored state records what was decided; this is what it means now).
 */
export function effectiveGate(
  stored: GateState,
  latestAcceptanceExpiresOn: string | null,
  today: string,
): GateState {
  if (stored === 'accepted' && !acceptanceValid(latestAcceptanceExpiresOn, today)) return 'blocked';
  return stored;
}

export interface ReleaseReadiness {
  status: ReleaseStatus;
  gate: GateState;
  vendorKind: 'in_house' | 'outside';
  /** Attestations not yet received. */
  attestationsOutstanding: number;
  attestationsRecorded: number;
}

/** Why the release cannot be marked released now, as an error code; null when it can. */
export function releaseRefusal(r: ReleaseReadiness): string | null {
  if (r.status === 'released') return 'APP_RELEASE_ALREADY_RELEASED';
  if (r.gate === 'pending') return 'APP_RELEASE_NOT_SCANNED';
  if (r.gate === 'blocked') return 'APP_RELEASE_GATE_BLOCKED';
  if (r.vendorKind === 'outside' && (r.attestationsRecorded === 0 || r.attestationsOutstanding > 0))
    return 'APP_RELEASE_ATTESTATIONS_OUTSTANDING';
  return null;
}

/** MASVS-NETWORK for MASVS-NETWORK-1; anything else is kept as it is. */
export function masvsGroup(control: string): string {
  const match = /^(MASVS-[A-Z]+)-\d+$/.exec(control);
  return match ? match[1]! : control;
}

/** The guideline article of a clause id: art-17.1.2 → art-17, for the findings view. */
export function articleOf(clause: string): string {
  const match = /^(art-\d+)/.exec(clause);
  return match ? match[1]! : clause;
}
