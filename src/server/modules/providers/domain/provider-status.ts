import { auditModeFor, certificateExpiringSoon, nextAuditDue, type StarStatus } from './audit-schedule.js';
import { addMonths, todayInTaipei } from './calendar-date.js';

/** The stored facts a provider's status is derived from. */
export interface ProviderFacts {
  contract_start: string | null;
  created_at: string;
  audit_interval_months: number;
  star_status: string;
  star_valid_until: string | null;
}

/** Register status derived from stored facts (Art. 4.1–4.3) — computed, never stored. */
export function providerStatus(provider: ProviderFacts, lastAuditDate: string | null, today: string) {
  // Never audited: the audit cycle starts with the contract (or, without a contract date, with registration),
  // so the first audit falls due one interval later. A provider added today is not overdue today; one whose
  // contract began years ago without an audit is.
  const cycleStart = provider.contract_start ?? todayInTaipei(new Date(provider.created_at));
  const due = nextAuditDue(
    lastAuditDate,
    addMonths(cycleStart, provider.audit_interval_months),
    today,
    provider.audit_interval_months,
  );
  return {
    auditMode: auditModeFor(provider.star_status as StarStatus, provider.star_valid_until, today),
    lastAuditDate,
    nextAuditDue: due.nextDue,
    auditOverdue: due.overdue,
    starExpiringSoon: certificateExpiringSoon(provider.star_valid_until, today),
  };
}

export type ProviderStatus = ReturnType<typeof providerStatus>;
