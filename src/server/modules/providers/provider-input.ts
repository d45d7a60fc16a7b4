import type { StarStatus } from './domain/audit-schedule.js';
import type { ProviderRow } from './providers.repository.js';

/** What a caller may set on a provider, and how it maps onto the row's columns. */
export interface ProviderInput {
  name: string;
  serviceModels: Array<'IaaS' | 'PaaS' | 'SaaS'>;
  serviceDescription?: string;
  critical: boolean;
  contractStart?: string | null;
  contractEnd?: string | null;
  lastAuditDate?: string | null;
  contractStatesRto?: boolean;
  rtoHours?: number | null;
  slaEvaluatedOn?: string | null;
  slaResult?: 'meets' | 'partially' | 'fails' | null;
  slaCompensatingMeasures?: string;
  starStatus?: StarStatus;
  starValidUntil?: string | null;
  starReportEvidenceId?: string | null;
  auditIntervalMonths?: number;
  incidentNoticeHours?: number;
  notes?: string;
  isSelf?: boolean;
}

export function columns(input: Partial<ProviderInput>): Partial<ProviderRow> {
  const map: Partial<ProviderRow> = {};
  if (input.name !== undefined) map.name = input.name;
  if (input.serviceModels !== undefined) map.service_models = JSON.stringify(input.serviceModels);
  if (input.serviceDescription !== undefined) map.service_description = input.serviceDescription;
  if (input.critical !== undefined) map.critical = input.critical ? 1 : 0;
  if (input.contractStart !== undefined) map.contract_start = input.contractStart;
  if (input.contractEnd !== undefined) map.contract_end = input.contractEnd;
  if (input.lastAuditDate !== undefined) map.last_audit_date = input.lastAuditDate;
  if (input.contractStatesRto !== undefined) map.contract_states_rto = input.contractStatesRto ? 1 : 0;
  if (input.rtoHours !== undefined) map.rto_hours = input.rtoHours;
  if (input.slaEvaluatedOn !== undefined) map.sla_evaluated_on = input.slaEvaluatedOn;
  if (input.slaResult !== undefined) map.sla_result = input.slaResult;
  if (input.slaCompensatingMeasures !== undefined)
    map.sla_compensating_measures = input.slaCompensatingMeasures;
  if (input.starStatus !== undefined) map.star_status = input.starStatus;
  if (input.starValidUntil !== undefined) map.star_valid_until = input.starValidUntil;
  if (input.starReportEvidenceId !== undefined) map.star_report_evidence_id = input.starReportEvidenceId;
  if (input.auditIntervalMonths !== undefined) map.audit_interval_months = input.auditIntervalMonths;
  if (input.incidentNoticeHours !== undefined) map.incident_notice_hours = input.incidentNoticeHours;
  if (input.notes !== undefined) map.notes = input.notes;
  if (input.isSelf !== undefined) map.is_self = input.isSelf ? 1 : 0;
  return map;
}
