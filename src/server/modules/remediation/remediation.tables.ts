/** Remediation (POA&M) and risk-acceptance tables (migration 0012). Conventions: docs/architecture.md. */
export interface RemediationItemTable {
  id: string;
  org_id: string;
  title: string;
  description: string;
  /** `assessment-item`, `register-control`, `check`, `provider-audit` or `manual`. */
  source_kind: string;
  source_id: string | null;
  source_link: string;
  /** The same gap across assessments (e.g. `catalog-item:item-4`); one unfinished item per key. */
  match_key: string | null;
  owner_id: string | null;
  status: string;
  risk_statement: string;
  recommendation: string;
  planned_completion: string | null;
  actual_completion: string | null;
  closure_evidence_id: string | null;
  closure_note: string | null;
  close_requested_by: string | null;
  close_requested_at: string | null;
  closed_by: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RemediationSourceTable {
  org_id: string;
  item_id: string;
  source_kind: string;
  source_id: string;
  link: string;
  added_at: string;
}

export interface RemediationMilestoneTable {
  id: string;
  org_id: string;
  item_id: string;
  title: string;
  due_on: string;
  completed_on: string | null;
  position: number;
  created_at: string;
}

export interface RemediationEventTable {
  id: string;
  org_id: string;
  item_id: string;
  at: string;
  actor_id: string | null;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string;
}

export interface RiskAcceptanceTable {
  id: string;
  org_id: string;
  item_id: string;
  reason: string;
  compensating_control: string;
  expires_on: string;
  /** `active`, `expired`, `stale` or `revoked`. */
  status: string;
  /** The source's answer when accepted; a different answer later makes the acceptance stale. */
  basis: string | null;
  approved_by: string;
  approved_at: string;
  ended_at: string | null;
  ended_reason: string | null;
}

export interface RemediationTables {
  remediation_item: RemediationItemTable;
  remediation_source: RemediationSourceTable;
  remediation_milestone: RemediationMilestoneTable;
  remediation_event: RemediationEventTable;
  risk_acceptance: RiskAcceptanceTable;
}
