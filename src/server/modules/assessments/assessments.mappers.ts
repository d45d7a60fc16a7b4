import type { Static } from 'typebox';
import type { AttachedEvidenceRow, EvidenceRow } from '../evidence/evidence.repository.js';
import type { AssessmentItemRow, AssessmentRow } from './assessments.repository.js';
import type { Assessment, AssessmentItem, EvidenceSummary } from './assessments.schemas.js';
import type { ScopingAnswers } from './domain/scoping.js';

export function toAssessmentDto(row: AssessmentRow): Static<typeof Assessment> {
  return {
    id: row.id,
    name: row.name,
    period: row.period,
    catalogId: row.catalog_id,
    state: row.state as Static<typeof Assessment>['state'],
    revision: row.revision,
    previousRevisionId: row.previous_revision_id,
    carriedFromId: row.carried_from_id,
    ownerUserId: row.owner_user_id,
    dueDate: row.due_date,
    scoping: row.scoping ? (JSON.parse(row.scoping) as ScopingAnswers) : null,
    fingerprint: row.fingerprint,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toEvidenceDto(
  row: EvidenceRow | AttachedEvidenceRow,
  expired: boolean,
): Static<typeof EvidenceSummary> {
  return {
    id: row.id,
    kind: row.kind as 'file' | 'link' | 'note',
    title: row.title,
    sha256: row.sha256,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    mimeType: row.mime_type,
    url: row.url,
    note: row.note,
    validUntil: row.valid_until,
    expired,
    source: row.source,
    createdAt: row.created_at,
  };
}

export function toItemDto(
  row: AssessmentItemRow,
  extras: {
    overdue: boolean;
    evidence: Array<{ row: AttachedEvidenceRow; expired: boolean }>;
    reviewNote?: string | null;
  },
): Static<typeof AssessmentItem> {
  return {
    id: row.id,
    itemId: row.item_id,
    number: row.item_number,
    chapter: row.chapter,
    role: row.role,
    tags: JSON.parse(row.tags) as string[],
    question: { 'zh-TW': row.question_zh, en: row.question_en },
    provenance: row.provenance as 'published' | 'derived',
    references: JSON.parse(row.item_references) as string[],
    scopedApplicable: row.scoped_applicable === 1,
    notApplicableClause: row.na_clause,
    notApplicableReason:
      row.na_reason_zh === null
        ? null
        : { 'zh-TW': row.na_reason_zh, en: row.na_reason_en ?? row.na_reason_zh },
    overrideApplicable: row.override_applicable === 1,
    overrideReason: row.override_reason,
    applicable: row.applicable === 1,
    result: row.result as Static<typeof AssessmentItem>['result'],
    explanation: row.explanation,
    compensatingControl: row.compensating_control,
    assigneeUserId: row.assignee_user_id,
    dueDate: row.due_date,
    overdue: extras.overdue,
    needsReconfirmation: row.needs_reconfirmation === 1,
    reviewStatus: row.review_status as Static<typeof AssessmentItem>['reviewStatus'],
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    reviewNote: extras.reviewNote ?? null,
    version: row.version,
    updatedAt: row.updated_at,
    evidence: extras.evidence.map((e) => toEvidenceDto(e.row, e.expired)),
  };
}
