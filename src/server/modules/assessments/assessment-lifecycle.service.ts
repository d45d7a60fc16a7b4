import { randomUUID } from 'node:crypto';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import { todayInTaipei } from '../providers/domain/calendar-date.js';
import './assessments.errors.js';
import type { EvidenceRepository } from '../evidence/evidence.repository.js';
import { toAssessmentDto } from './assessments.mappers.js';
import type {
  Actor,
  AuditRecorder,
  CatalogItemSnapshot,
  CatalogItemsSource,
  MembershipCheck,
} from './assessments.ports.js';
import type { AssessmentItemRow, AssessmentRow, AssessmentsRepository } from './assessments.repository.js';
import { validateAnswer } from './domain/answer-rules.js';
import { FINGERPRINT_ALGORITHM } from './domain/fingerprint.js';
import type { AssessmentResult } from './domain/results.js';
import { applicabilityOf, FULL_SCOPE, type ScopingAnswers } from './domain/scoping.js';
import { type AssessmentState, transition, type WorkflowAction } from './domain/workflow.js';
import type { FingerprintService } from './fingerprint.service.js';

export interface CreateAssessmentInput {
  catalogRef: string;
  name: string;
  period: string;
  ownerUserId?: string | null;
  dueDate?: string | null;
  scoping?: ScopingAnswers;
  carryForwardFrom?: string;
}

const now = () => new Date().toISOString();

function scopeColumns(tags: string[], answers: ScopingAnswers, overrideApplicable: boolean) {
  const applicability = applicabilityOf(tags, answers);
  return {
    scoped_applicable: applicability.applicable ? 1 : 0,
    na_clause: applicability.applicable ? null : applicability.clause,
    na_reason_zh: applicability.applicable ? null : applicability.reason['zh-TW'],
    na_reason_en: applicability.applicable ? null : applicability.reason.en,
    applicable: applicability.applicable || overrideApplicable ? 1 : 0,
  };
}

/**
 * Carry-forward: last period's answers become this period's starting point, each marked 待重新確認
 * until someone confirms it. An applicability override survives only while scoping still excludes the item.
 */
function carryAnswersForward(items: AssessmentItemRow[], previousItems: AssessmentItemRow[]): void {
  const previous = new Map(previousItems.map((i) => [i.item_id, i]));
  for (const item of items) {
    const before = previous.get(item.item_id);
    if (!before) continue;
    const overrideApplicable = before.override_applicable === 1 && item.scoped_applicable === 0;
    const applicable = item.scoped_applicable === 1 || overrideApplicable;
    // An item this period's scope excludes is not asked: last year's answer would only make it invalid
    // (an answer on an out-of-scope item) and block submission, and there is nothing to re-confirm.
    Object.assign(item, {
      result: applicable || before.result === 'not_applicable' ? before.result : 'not_assessed',
      explanation: applicable ? before.explanation : '',
      compensating_control: applicable ? before.compensating_control : '',
      override_applicable: overrideApplicable ? 1 : 0,
      override_reason: overrideApplicable ? before.override_reason : '',
      applicable: applicable ? 1 : 0,
      assignee_user_id: before.assignee_user_id,
      needs_reconfirmation: applicable ? 1 : 0,
    });
  }
}

function newItemRow(
  assessment: AssessmentRow,
  item: CatalogItemSnapshot,
  answers: ScopingAnswers,
): AssessmentItemRow {
  return {
    id: randomUUID(),
    org_id: assessment.org_id,
    assessment_id: assessment.id,
    item_id: item.itemId,
    item_number: item.number,
    chapter: item.chapter,
    role: item.role,
    tags: JSON.stringify(item.tags),
    question_zh: item.question['zh-TW'],
    question_en: item.question.en,
    provenance: item.provenance,
    item_references: JSON.stringify(item.references),
    ...scopeColumns(item.tags, answers, false),
    override_applicable: 0,
    override_reason: '',
    result: 'not_assessed',
    explanation: '',
    compensating_control: '',
    assignee_user_id: null,
    due_date: assessment.due_date,
    needs_reconfirmation: 0,
    review_status: 'pending',
    reviewed_by: null,
    reviewed_at: null,
    version: 1,
    updated_by: null,
    updated_at: assessment.created_at,
  };
}

/** Creation, scoping, workflow transitions, sign-off and reopening of whole assessments. */
export class AssessmentLifecycleService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: AssessmentsRepository,
    private readonly catalogs: CatalogItemsSource,
    private readonly audit: AuditRecorder,
    private readonly fingerprints: FingerprintService,
    private readonly evidence: EvidenceRepository,
    private readonly isMember: MembershipCheck,
  ) {}

  /** Owners and assignees come from the organisation's own members, never another tenant's users. */
  async ensureMember(orgId: string, userId: string | null | undefined): Promise<void> {
    if (userId && !(await this.isMember(orgId, userId))) throw new AppError(422, 'USER_NOT_A_MEMBER');
  }

  get(orgId: string, id: string): Promise<AssessmentRow> {
    return this.find(this.tenants.scope(orgId), id);
  }

  /** Within a caller's scope (and transaction): the organisation's own assessment, or 404. */
  async find(t: TenantScope, id: string): Promise<AssessmentRow> {
    const assessment = await this.repo.findAssessment(t, id);
    if (!assessment) throw new AppError(404, 'ASSESSMENT_NOT_FOUND');
    return assessment;
  }

  /** See `AssessmentsRepository.organizationOf`: check access for the organisation before using it. */
  organizationOf(assessmentId: string): Promise<string | undefined> {
    return this.repo.organizationOf(assessmentId);
  }

  list(orgId: string, limit: number, after?: { createdAt: string; id: string }) {
    return this.repo.listAssessments(this.tenants.scope(orgId), limit, after);
  }

  async create(actor: Actor, input: CreateAssessmentInput): Promise<AssessmentRow> {
    const catalog = await this.catalogs.resolve(input.catalogRef);
    if (!catalog) throw new AppError(404, 'CATALOG_NOT_FOUND_FOR_ASSESSMENT');
    await this.ensureMember(actor.orgId, input.ownerUserId);
    const scope = this.tenants.scope(actor.orgId);
    const source = input.carryForwardFrom ? await this.find(scope, input.carryForwardFrom) : undefined;
    if (source && source.state !== 'approved') throw new AppError(409, 'CARRY_FORWARD_SOURCE_NOT_APPROVED');
    const answers =
      input.scoping ?? (source?.scoping ? (JSON.parse(source.scoping) as ScopingAnswers) : undefined);
    const timestamp = now();
    const assessment: AssessmentRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      catalog_id: catalog.catalogId,
      name: input.name,
      period: input.period,
      owner_user_id: input.ownerUserId ?? actor.userId,
      due_date: input.dueDate ?? null,
      state: 'draft',
      revision: 1,
      previous_revision_id: null,
      carried_from_id: source?.id ?? null,
      scoping: answers ? JSON.stringify(answers) : null,
      fingerprint: null,
      fingerprint_algorithm: null,
      approved_by: null,
      approved_at: null,
      created_by: actor.userId,
      created_at: timestamp,
      updated_at: timestamp,
      version: 1,
    };
    const items = catalog.items.map((item) => newItemRow(assessment, item, answers ?? FULL_SCOPE));
    if (source) carryAnswersForward(items, await this.repo.listItems(scope, source.id));
    return scope.transaction(async (t) => {
      await this.repo.insertAssessment(t, assessment);
      await this.repo.insertItems(t, items);
      if (source) await this.evidence.copyLinks(t, source.id, assessment.id, actor.userId, timestamp, true);
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'assessment.create',
        targetType: 'assessment',
        targetId: assessment.id,
        after: { name: assessment.name, period: assessment.period, carriedFrom: source?.id ?? null },
      });
      return assessment;
    });
  }

  async setScoping(
    actor: Actor,
    id: string,
    expectedVersion: number,
    answers: ScopingAnswers,
  ): Promise<AssessmentRow> {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const assessment = await this.find(t, id);
      this.ensureDraft(assessment);
      const updated = await this.repo.updateAssessmentIfVersion(t, id, expectedVersion, {
        scoping: JSON.stringify(answers),
        updated_at: now(),
      });
      if (!updated)
        throw new AppError(409, 'VERSION_CONFLICT', { current: toAssessmentDto(await this.find(t, id)) });
      const items = await this.repo.listItems(t, id);
      await this.repo.updateScopeColumns(
        t,
        items.map((item) => ({
          id: item.id,
          ...scopeColumns(JSON.parse(item.tags) as string[], answers, item.override_applicable === 1),
        })),
      );
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'assessment.scope',
        targetType: 'assessment',
        targetId: id,
        before: assessment.scoping ? JSON.parse(assessment.scoping) : null,
        after: answers,
      });
      return this.find(t, id);
    });
  }

  ensureDraft(assessment: Pick<AssessmentRow, 'state'>): void {
    if (assessment.state === 'approved') throw new AppError(409, 'ASSESSMENT_LOCKED');
    if (assessment.state !== 'draft') throw new AppError(409, 'ASSESSMENT_NOT_EDITABLE');
  }

  async act(
    actor: Actor,
    id: string,
    action: WorkflowAction,
    options: { comment?: string; secondFactorConfirmed?: boolean } = {},
  ): Promise<AssessmentRow> {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const assessment = await this.find(t, id);
      const facts = workflowFacts(await this.repo.listItems(t, id));
      const outcome = transition(assessment.state as AssessmentState, action, {
        comment: options.comment ?? '',
        submission: {
          unassessedItems: facts.unassessed.length,
          invalidItems: facts.invalid.length,
          unconfirmedItems: facts.unconfirmed.length,
        },
        approval: {
          unreviewedItems: facts.unreviewed.length,
          secondFactorConfirmed: options.secondFactorConfirmed === true,
        },
      });
      if (!outcome.ok) {
        // The blocking items travel with the refusal, so the client can count and link them.
        const blocking = {
          ITEMS_NOT_ASSESSED: facts.unassessed,
          ITEMS_INVALID: facts.invalid,
          ITEMS_NOT_RECONFIRMED: facts.unconfirmed,
        }[outcome.code];
        throw new AppError(409, outcome.code, blocking ? { items: blocking } : undefined);
      }
      const timestamp = now();
      const patch =
        action === 'approve'
          ? {
              state: outcome.to,
              approved_by: actor.userId,
              approved_at: timestamp,
              fingerprint: await this.fingerprints.compute(t, assessment, actor.userId, timestamp),
              fingerprint_algorithm: FINGERPRINT_ALGORITHM,
              updated_at: timestamp,
            }
          : { state: outcome.to, updated_at: timestamp };
      const updated = await this.repo.updateAssessmentIfVersion(t, id, assessment.version, patch);
      if (!updated) throw new AppError(409, 'VERSION_CONFLICT');
      const past = { submit: 'submitted', return: 'returned', approve: 'approved' }[action];
      await this.repo.recordEvent(t, {
        id: randomUUID(),
        org_id: actor.orgId,
        assessment_id: id,
        action: past,
        actor_user_id: actor.userId,
        comment: options.comment?.trim() || null,
        created_at: timestamp,
      });
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: `assessment.${action}`,
        targetType: 'assessment',
        targetId: id,
        before: { state: assessment.state },
        after: { state: outcome.to, fingerprint: patch.fingerprint ?? null },
      });
      return this.find(t, id);
    });
  }

  /** Reopening never touches the approved revision: it copies it into a new draft revision. */
  async reopen(actor: Actor, id: string): Promise<AssessmentRow> {
    const scope = this.tenants.scope(actor.orgId);
    const approved = await this.find(scope, id);
    if (approved.state !== 'approved') throw new AppError(409, 'INVALID_TRANSITION');
    const catalogItems = await this.repo.listItems(scope, id);
    const timestamp = now();
    const revision: AssessmentRow = {
      ...approved,
      id: randomUUID(),
      state: 'draft',
      revision: approved.revision + 1,
      previous_revision_id: approved.id,
      fingerprint: null,
      fingerprint_algorithm: null,
      approved_by: null,
      approved_at: null,
      created_by: actor.userId,
      created_at: timestamp,
      updated_at: timestamp,
      version: 1,
    };
    const items = catalogItems.map((item) => ({
      ...item,
      id: randomUUID(),
      assessment_id: revision.id,
      review_status: 'pending',
      reviewed_by: null,
      reviewed_at: null,
      version: 1,
    }));
    return scope.transaction(async (t) => {
      await this.repo.insertAssessment(t, revision);
      await this.repo.insertItems(t, items);
      await this.evidence.copyLinks(t, approved.id, revision.id, actor.userId, timestamp, false);
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'assessment.reopen',
        targetType: 'assessment',
        targetId: revision.id,
        after: { previousRevision: approved.id, revision: revision.revision },
      });
      return revision;
    });
  }

  /** Recomputes the fingerprint of an approved assessment from what is stored now. */
  async verify(
    orgId: string,
    id: string,
  ): Promise<{ ok: boolean; stored: string | null; computed: string | null }> {
    const scope = this.tenants.scope(orgId);
    const assessment = await this.find(scope, id);
    if (assessment.state !== 'approved' || !assessment.approved_by || !assessment.approved_at) {
      return { ok: false, stored: assessment.fingerprint, computed: null };
    }
    const computed = await this.fingerprints.compute(
      scope,
      assessment,
      assessment.approved_by,
      assessment.approved_at,
    );
    return { ok: computed === assessment.fingerprint, stored: assessment.fingerprint, computed };
  }

  today(): string {
    return todayInTaipei();
  }
}

/** The item numbers that block each workflow step, from the assessment's items. */
export function workflowFacts(items: readonly AssessmentItemRow[]) {
  const applicable = items.filter((i) => i.applicable === 1);
  return {
    unassessed: applicable.filter((i) => i.result === 'not_assessed').map((i) => i.item_number),
    invalid: items.filter((i) => validateAnswer(toDraft(i)).length > 0).map((i) => i.item_number),
    unreviewed: applicable.filter((i) => i.review_status !== 'validated').map((i) => i.item_number),
    unconfirmed: applicable.filter((i) => i.needs_reconfirmation === 1).map((i) => i.item_number),
  };
}

export function toDraft(item: AssessmentItemRow) {
  return {
    result: item.result as AssessmentResult,
    explanation: item.explanation,
    compensatingControl: item.compensating_control,
    scopedApplicable: item.scoped_applicable === 1,
    overrideApplicable: item.override_applicable === 1,
    overrideReason: item.override_reason,
  };
}
