/** Cloud-provider register tables (migration 0005). Conventions: docs/architecture.md. */
export interface ProviderTable {
  id: string;
  org_id: string;
  name: string;
  /** JSON array of 'IaaS' | 'PaaS' | 'SaaS' */
  service_models: string;
  service_description: string;
  /** Art. 3.1: touches critical systems, data or services. */
  critical: number;
  contract_start: string | null;
  contract_end: string | null;
  /** The last audit before the provider was registered, as the form asks (migration 0025). */
  last_audit_date: string | null;
  /** Art. 4.2: the contract states a recovery time. */
  contract_states_rto: number;
  rto_hours: number | null;
  /** Art. 4.1: service-level evaluation. */
  sla_evaluated_on: string | null;
  sla_result: string | null;
  sla_compensating_measures: string;
  star_status: string;
  star_valid_until: string | null;
  star_report_evidence_id: string | null;
  audit_interval_months: number;
  /** Hours within which the provider must notify an incident; later notices are flagged late. */
  incident_notice_hours: number;
  notes: string;
  /** The organisation's own cloud service (the firm as provider): asked the provider-side questions. */
  is_self: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProviderContactTable {
  id: string;
  org_id: string;
  provider_id: string;
  name: string;
  email: string;
  phone: string;
  title: string;
  created_at: string;
}

export interface ProviderAuditTable {
  id: string;
  org_id: string;
  provider_id: string;
  audit_date: string;
  audit_type: string;
  result: string;
  findings: string;
  evidence_id: string | null;
  created_by: string;
  created_at: string;
}

export interface ProviderIncidentTable {
  id: string;
  org_id: string;
  provider_id: string;
  kind: string;
  occurred_at: string;
  notified_at: string | null;
  summary: string;
  status: string;
  closed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ProviderIncidentUpdateTable {
  id: string;
  org_id: string;
  incident_id: string;
  at: string;
  note: string;
  created_by: string;
}

export interface QuestionnaireTable {
  id: string;
  org_id: string;
  provider_id: string;
  contact_id: string;
  /** The firm's assessment whose items receive accepted answers as evidence. */
  assessment_id: string | null;
  /** SHA-256 of the link token; the token itself is never stored. */
  token_hash: string;
  expires_at: string;
  status: string;
  sent_at: string | null;
  delivery: string;
  last_saved_at: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  created_by: string;
  created_at: string;
  version: number;
}

export interface QuestionnaireAnswerTable {
  org_id: string;
  questionnaire_id: string;
  item_id: string;
  answer: string;
  explanation: string;
  updated_at: string;
}

export interface QuestionnaireAttachmentTable {
  id: string;
  org_id: string;
  questionnaire_id: string;
  item_id: string;
  sha256: string;
  filename: string;
  mime_type: string;
  size_bytes: number;
  created_at: string;
}

export interface ProviderTables {
  provider: ProviderTable;
  provider_contact: ProviderContactTable;
  provider_audit: ProviderAuditTable;
  provider_incident: ProviderIncidentTable;
  provider_incident_update: ProviderIncidentUpdateTable;
  questionnaire: QuestionnaireTable;
  questionnaire_answer: QuestionnaireAnswerTable;
  questionnaire_attachment: QuestionnaireAttachmentTable;
}
