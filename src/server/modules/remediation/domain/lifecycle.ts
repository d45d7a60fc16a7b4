/**
 * A remediation item's life (issue 13): open → in progress → awaiting closure → completed, or → risk
 * accepted. Closing needs evidence and a second person: whoever confirms the closure did not request it.
 * An accepted risk goes back to open when its acceptance expires, goes stale or is revoked.
 */
export const REMEDIATION_STATUSES = [
  'open',
  'in_progress',
  'awaiting_closure',
  'completed',
  'risk_accepted',
] as const;
export type RemediationStatus = (typeof REMEDIATION_STATUSES)[number];

/** Where an item came from; the link goes back to it. */
export const SOURCE_KINDS = [
  'assessment-item',
  'register-control',
  'check',
  'provider-audit',
  'manual',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Statuses in which the work is not finished (the item counts as open on the home page and in reports). */
export const UNFINISHED: readonly RemediationStatus[] = [
  'open',
  'in_progress',
  'awaiting_closure',
  'risk_accepted',
];

/** Status changes a person may make by editing the item; the others have their own actions. */
const EDITABLE: Partial<Record<RemediationStatus, readonly RemediationStatus[]>> = {
  open: ['in_progress'],
  in_progress: ['open'],
};

export function canEditStatus(from: RemediationStatus, to: RemediationStatus): boolean {
  return from === to || (EDITABLE[from]?.includes(to) ?? false);
}

export function canRequestClosure(status: RemediationStatus): boolean {
  return status === 'open' || status === 'in_progress';
}

export function canAcceptRisk(status: RemediationStatus): boolean {
  return status === 'open' || status === 'in_progress';
}

/** Results that are gaps: each needs a plan (Art. 4.1 補償性措施 where a provider falls short). */
export function isGapResult(result: string): boolean {
  return result === 'partially_compliant' || result === 'non_compliant';
}
