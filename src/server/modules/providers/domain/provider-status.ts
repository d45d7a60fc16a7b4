import { auditModeFor, certificateExpiringSoon, type StarStatus } from './audit-schedule.js';
import { addMonths, daysBetween, todayInTaipei } from './calendar-date.js';

/** The stored facts a provider's status is derived from. */
export interface ProviderFacts {
  contract_start: string | null;
  /** The last audit before the provider was registered, as the form asks for it. */
  last_audit_date: string | null;
  created_at: string;
  audit_interval_months: number;
  star_status: string;
  star_valid_until: string | null;
}

/** Months a provider entered without a recent audit is given for its first audit in the register. */
export const FIRST_AUDIT_GRACE_MONTHS = 3;

/** What the next audit's date was counted from, shown next to it. */
export type AuditDueBasis = 'last_audit' | 'contract_start' | 'registration' | 'registration_grace';

export interface ProviderAuditDue {
  lastAuditDate: string | null;
  nextDue: string;
  overdue: boolean;
  basis: AuditDueBasis;
}

/**
 * When the next audit falls due (Art. 4.1). The cycle runs from the latest audit known — recorded in the
 * register, or the last-audit date given when the provider was entered — else from the contract start, else
 * from registration, one interval later. A provider is never overdue on the day it is entered: while no
 * audit is recorded in the register, the due date is at least `FIRST_AUDIT_GRACE_MONTHS` after
 * registration (a provider whose contract began years ago without an audit gets that long to catch up).
 */
export function providerAuditDue(
  facts: Pick<ProviderFacts, 'contract_start' | 'last_audit_date' | 'created_at' | 'audit_interval_months'>,
  recordedLastAudit: string | null,
  today: string,
): ProviderAuditDue {
  const interval = facts.audit_interval_months;
  if (!Number.isInteger(interval) || interval < 1)
    throw new Error('interval must be a positive whole number of months');
  const registeredOn = todayInTaipei(new Date(facts.created_at));
  const declared = facts.last_audit_date;
  const lastAuditDate =
    recordedLastAudit !== null && (declared === null || recordedLastAudit >= declared)
      ? recordedLastAudit
      : declared;
  const result = (nextDue: string, basis: AuditDueBasis): ProviderAuditDue => ({
    lastAuditDate,
    nextDue,
    overdue: daysBetween(today, nextDue) < 0,
    basis,
  });
  // An audit recorded in the register is a fact of the register's own time: no grace after it.
  if (recordedLastAudit !== null && lastAuditDate === recordedLastAudit)
    return result(addMonths(recordedLastAudit, interval), 'last_audit');
  const [anchor, basis]: [string, AuditDueBasis] =
    lastAuditDate !== null
      ? [lastAuditDate, 'last_audit']
      : facts.contract_start !== null
        ? [facts.contract_start, 'contract_start']
        : [registeredOn, 'registration'];
  const due = addMonths(anchor, interval);
  const earliest = addMonths(registeredOn, FIRST_AUDIT_GRACE_MONTHS);
  return due < earliest ? result(earliest, 'registration_grace') : result(due, basis);
}

/** Register status derived from stored facts (Art. 4.1–4.3) — computed, never stored. */
export function providerStatus(provider: ProviderFacts, recordedLastAudit: string | null, today: string) {
  const due = providerAuditDue(provider, recordedLastAudit, today);
  return {
    auditMode: auditModeFor(provider.star_status as StarStatus, provider.star_valid_until, today),
    lastAuditDate: due.lastAuditDate,
    nextAuditDue: due.nextDue,
    auditOverdue: due.overdue,
    auditDueBasis: due.basis,
    starExpiringSoon: certificateExpiringSoon(provider.star_valid_until, today),
  };
}

export type ProviderStatus = ReturnType<typeof providerStatus>;
