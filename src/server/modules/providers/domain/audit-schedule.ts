import { addMonths, daysBetween } from './calendar-date.js';

/** CSA STAR standing of a cloud provider, as recorded in the register. */
export const STAR_STATUSES = [
  'none',
  'level1_self_assessment',
  'level2_certification_bronze',
  'level2_certification_silver',
  'level2_certification_gold',
  'level2_attestation',
] as const;
export type StarStatus = (typeof STAR_STATUSES)[number];

export type AuditMode = 'onsite_required' | 'report_or_onsite';

export interface AuditModeDecision {
  mode: AuditMode;
  /** Why, for display next to the decision; names the clause. */
  basis: 'art-4.3-certified' | 'art-4.3-not-certified' | 'art-4.3-certificate-expired';
}

const CERTIFIED_BRONZE_OR_ABOVE: readonly StarStatus[] = [
  'level2_certification_bronze',
  'level2_certification_silver',
  'level2_certification_gold',
];

/**
 * Art. 4.3: providers holding CSA STAR certification at bronze or above may be audited by requesting the
 * certification report, or on site; all others are audited on site. The guideline names the bronze-and-above
 * certification specifically, so a Level 1 self-assessment and a STAR attestation (which has no medal
 * grading) still call for an on-site audit; a certificate expired on the audit date counts as none.
 */
export function auditModeFor(
  status: StarStatus,
  certificateValidUntil: string | null,
  onDate: string,
): AuditModeDecision {
  if (!CERTIFIED_BRONZE_OR_ABOVE.includes(status))
    return { mode: 'onsite_required', basis: 'art-4.3-not-certified' };
  if (certificateValidUntil !== null && daysBetween(onDate, certificateValidUntil) < 0) {
    return { mode: 'onsite_required', basis: 'art-4.3-certificate-expired' };
  }
  return { mode: 'report_or_onsite', basis: 'art-4.3-certified' };
}

export const DEFAULT_AUDIT_INTERVAL_MONTHS = 12;

export interface AuditDue {
  nextDue: string;
  overdue: boolean;
  /** Days until due (negative when overdue). */
  daysLeft: number;
}

/** The next audit falls `intervalMonths` after the last one; with no audit yet it is due from the contract start. */
export function nextAuditDue(
  lastAuditDate: string | null,
  firstDueFrom: string,
  today: string,
  intervalMonths = DEFAULT_AUDIT_INTERVAL_MONTHS,
): AuditDue {
  if (!Number.isInteger(intervalMonths) || intervalMonths < 1)
    throw new Error('interval must be a positive whole number of months');
  const nextDue = lastAuditDate === null ? firstDueFrom : addMonths(lastAuditDate, intervalMonths);
  const daysLeft = daysBetween(today, nextDue);
  return { nextDue, overdue: daysLeft < 0, daysLeft };
}

/** A certificate expiring within `withinDays` (default 60) from today, not yet expired. */
export function certificateExpiringSoon(validUntil: string | null, today: string, withinDays = 60): boolean {
  if (validUntil === null) return false;
  const left = daysBetween(today, validUntil);
  return left >= 0 && left <= withinDays;
}
