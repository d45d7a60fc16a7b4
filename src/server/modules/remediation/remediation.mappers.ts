import type { RemediationStatus, SourceKind } from './domain/lifecycle.js';
import type {
  AcceptanceRow,
  EventRow,
  MilestoneRow,
  RemediationRow,
  SourceRow,
} from './remediation.repository.js';

export function toRemediationDto(row: RemediationRow, today: string) {
  const unfinished = row.status !== 'completed' && row.status !== 'risk_accepted';
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    source: { kind: row.source_kind as SourceKind, id: row.source_id, link: row.source_link },
    matchKey: row.match_key,
    ownerId: row.owner_id,
    status: row.status as RemediationStatus,
    riskStatement: row.risk_statement,
    recommendation: row.recommendation,
    plannedCompletion: row.planned_completion,
    actualCompletion: row.actual_completion,
    overdue: unfinished && row.planned_completion !== null && row.planned_completion < today,
    closure: {
      evidenceId: row.closure_evidence_id,
      note: row.closure_note,
      requestedBy: row.close_requested_by,
      requestedAt: row.close_requested_at,
      confirmedBy: row.closed_by,
    },
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export type RemediationDto = ReturnType<typeof toRemediationDto>;

export const toMilestoneDto = (m: MilestoneRow) => ({
  id: m.id,
  title: m.title,
  dueOn: m.due_on,
  completedOn: m.completed_on,
  position: m.position,
});

export const toEventDto = (e: EventRow) => ({
  id: e.id,
  at: e.at,
  actorId: e.actor_id,
  kind: e.kind,
  fromStatus: e.from_status,
  toStatus: e.to_status,
  note: e.note,
});

export const toSourceDto = (s: SourceRow) => ({
  kind: s.source_kind,
  id: s.source_id,
  link: s.link,
  addedAt: s.added_at,
});

export const toAcceptanceDto = (a: AcceptanceRow) => ({
  id: a.id,
  reason: a.reason,
  compensatingControl: a.compensating_control,
  expiresOn: a.expires_on,
  status: a.status as 'active' | 'expired' | 'stale' | 'revoked',
  basis: a.basis,
  approvedBy: a.approved_by,
  approvedAt: a.approved_at,
  endedAt: a.ended_at,
  endedReason: a.ended_reason,
});
