import type { Static } from 'typebox';
import type { StarStatus } from './domain/audit-schedule.js';
import type { providerStatus } from './domain/provider-status.js';
import type { ContactRow, ProviderRow, QuestionnaireRow } from './providers.repository.js';
import type { Provider, Questionnaire } from './providers.schemas.js';

export function toProviderDto(
  row: ProviderRow,
  contacts: ContactRow[],
  status: ReturnType<typeof providerStatus>,
): Static<typeof Provider> {
  return {
    id: row.id,
    name: row.name,
    serviceModels: JSON.parse(row.service_models) as Array<'IaaS' | 'PaaS' | 'SaaS'>,
    serviceDescription: row.service_description,
    critical: row.critical === 1,
    contractStart: row.contract_start,
    contractEnd: row.contract_end,
    lastAuditDate: row.last_audit_date,
    contractStatesRto: row.contract_states_rto === 1,
    rtoHours: row.rto_hours,
    slaEvaluatedOn: row.sla_evaluated_on,
    slaResult: row.sla_result as 'meets' | 'partially' | 'fails' | null,
    slaCompensatingMeasures: row.sla_compensating_measures,
    starStatus: row.star_status as StarStatus,
    starValidUntil: row.star_valid_until,
    starReportEvidenceId: row.star_report_evidence_id,
    auditIntervalMonths: row.audit_interval_months,
    incidentNoticeHours: row.incident_notice_hours,
    notes: row.notes,
    isSelf: row.is_self === 1,
    version: row.version,
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      title: c.title,
    })),
    status: {
      auditMode: status.auditMode.mode,
      auditModeBasis: status.auditMode.basis,
      lastAuditDate: status.lastAuditDate,
      nextAuditDue: status.nextAuditDue,
      auditDueBasis: status.auditDueBasis,
      auditOverdue: status.auditOverdue,
      starExpiringSoon: status.starExpiringSoon,
    },
  };
}

export function toQuestionnaireDto(row: QuestionnaireRow): Static<typeof Questionnaire> {
  return {
    id: row.id,
    providerId: row.provider_id,
    contactId: row.contact_id,
    assessmentId: row.assessment_id,
    status: row.status as Static<typeof Questionnaire>['status'],
    expiresAt: row.expires_at,
    delivery: row.delivery,
    sentAt: row.sent_at,
    submittedAt: row.submitted_at,
    reviewedAt: row.reviewed_at,
    reviewComment: row.review_comment,
  };
}
