/** Assessment tables (migration 0004). Conventions: see docs/architecture.md. */
export interface AssessmentTable {
  id: string;
  org_id: string;
  catalog_id: string;
  name: string;
  period: string;
  owner_user_id: string | null;
  due_date: string | null;
  state: string;
  revision: number;
  /** The approved revision this one reopened, if any. */
  previous_revision_id: string | null;
  /** The earlier assessment answers were carried forward from, if any. */
  carried_from_id: string | null;
  /** ScopingAnswers as JSON; null until the questionnaire is answered. */
  scoping: string | null;
  fingerprint: string | null;
  fingerprint_algorithm: string | null;
  approved_by: string | null;
  approved_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AssessmentItemTable {
  id: string;
  org_id: string;
  assessment_id: string;
  item_id: string;
  item_number: number;
  chapter: number;
  role: string | null;
  tags: string;
  /**
   * The checklist wording as assessed, copied from the catalog version at creation so the record (and its
   * exports) stay self-contained and unchanged however catalogs evolve.
   */
  question_zh: string;
  question_en: string;
  provenance: string;
  /** JSON array of clause node ids */
  item_references: string;
  scoped_applicable: number;
  na_clause: string | null;
  na_reason_zh: string | null;
  na_reason_en: string | null;
  override_applicable: number;
  override_reason: string;
  /** scoped_applicable OR override_applicable, kept in step by the service so aggregates stay plain SQL. */
  applicable: number;
  result: string;
  explanation: string;
  compensating_control: string;
  assignee_user_id: string | null;
  due_date: string | null;
  /** 待重新確認: carried forward and not yet confirmed this period. */
  needs_reconfirmation: number;
  review_status: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

export interface AssessmentItemChangeTable {
  id: string;
  org_id: string;
  assessment_item_id: string;
  version: number;
  changed_by: string;
  changed_at: string;
  /** { field: [before, after] } */
  changes: string;
}

export interface AssessmentItemCommentTable {
  id: string;
  org_id: string;
  assessment_item_id: string;
  author_user_id: string;
  body: string;
  created_at: string;
}

export interface AssessmentEventTable {
  id: string;
  org_id: string;
  assessment_id: string;
  action: string;
  actor_user_id: string;
  comment: string | null;
  created_at: string;
}

export interface EvidenceTable {
  id: string;
  org_id: string;
  kind: string;
  title: string;
  sha256: string | null;
  size_bytes: number | null;
  mime_type: string | null;
  original_filename: string | null;
  url: string | null;
  note: string | null;
  valid_until: string | null;
  /** manual | provider-questionnaire | check, with source_ref pointing at the origin record. */
  source: string;
  source_ref: string | null;
  created_by: string;
  created_at: string;
}

export interface AssessmentItemEvidenceTable {
  org_id: string;
  assessment_item_id: string;
  evidence_id: string;
  attached_by: string;
  attached_at: string;
  needs_reconfirmation: number;
}

export interface AssessmentTables {
  assessment: AssessmentTable;
  assessment_item: AssessmentItemTable;
  assessment_item_change: AssessmentItemChangeTable;
  assessment_item_comment: AssessmentItemCommentTable;
  assessment_event: AssessmentEventTable;
  evidence: EvidenceTable;
  assessment_item_evidence: AssessmentItemEvidenceTable;
}
