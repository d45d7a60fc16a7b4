import { randomUUID } from 'node:crypto';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { EvidenceRepository } from '../evidence/evidence.repository.js';
import { todayInTaipei } from '../providers/domain/calendar-date.js';
import { itemEntry } from './assessment-insights.service.js';
import type { AssessmentLifecycleService } from './assessment-lifecycle.service.js';
import { toDraft } from './assessment-lifecycle.service.js';
import { toItemDto } from './assessments.mappers.js';
import type { Actor, AuditRecorder } from './assessments.ports.js';
import type { AssessmentItemRow, AssessmentsRepository } from './assessments.repository.js';
import { validateAnswer } from './domain/answer-rules.js';
import type { AssessmentResult } from './domain/results.js';
import { acceptsReviews } from './domain/workflow.js';

export interface ItemPatch {
  result?: AssessmentResult;
  explanation?: string;
  compensatingControl?: string;
  assigneeUserId?: string | null;
  dueDate?: string | null;
  overrideApplicable?: boolean;
  overrideReason?: string;
  /** Confirms a carried-forward answer (clears 待重新確認) without changing it. */
  confirm?: boolean;
}

const FIELD_COLUMNS = {
  result: 'result',
  explanation: 'explanation',
  compensatingControl: 'compensating_control',
  assigneeUserId: 'assignee_user_id',
  dueDate: 'due_date',
  overrideApplicable: 'override_applicable',
  overrideReason: 'override_reason',
} as const satisfies Record<Exclude<keyof ItemPatch, 'confirm'>, keyof AssessmentItemRow>;

export type FieldValue = string | number | boolean | null;

/** Told, inside the answer's transaction, when an item's result changes (remediation opens or updates its item). */
export type ResultChangeListener = (t: TenantScope, actor: Actor, item: AssessmentItemRow) => Promise<void>;

/** Answers, reviews, comments and history of single items, with optimistic concurrency throughout. */
export class AssessmentItemsService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: AssessmentsRepository,
    private readonly evidence: EvidenceRepository,
    private readonly lifecycle: AssessmentLifecycleService,
    private readonly audit: AuditRecorder,
  ) {}

  private resultListener: ResultChangeListener | null = null;

  /** Set once at start-up by the remediation module (services.ts), which is built after this one. */
  onResultChanged(listener: ResultChangeListener): void {
    this.resultListener = listener;
  }

  get(orgId: string, itemRowId: string): Promise<AssessmentItemRow> {
    return this.find(this.tenants.scope(orgId), itemRowId);
  }

  async find(t: TenantScope, itemRowId: string): Promise<AssessmentItemRow> {
    const item = await this.repo.findItem(t, itemRowId);
    if (!item) throw new AppError(404, 'ASSESSMENT_ITEM_NOT_FOUND');
    return item;
  }

  /** 409 with the item as it now stands, in its public form, so the client can show and merge. */
  private async conflict(t: TenantScope, itemRowId: string): Promise<never> {
    const item = await this.find(t, itemRowId);
    const entry = itemEntry(item, await this.evidence.listForItem(t, itemRowId), todayInTaipei());
    throw new AppError(409, 'VERSION_CONFLICT', { current: toItemDto(item, entry) });
  }

  async update(
    actor: Actor,
    itemRowId: string,
    expectedVersion: number,
    patch: ItemPatch,
  ): Promise<AssessmentItemRow> {
    // Checked before the transaction: the membership lookup runs outside it (one SQLite connection).
    await this.lifecycle.ensureMember(actor.orgId, patch.assigneeUserId);
    return this.tenants.transaction(actor.orgId, (t) =>
      this.updateWithin(t, actor, itemRowId, expectedVersion, patch),
    );
  }

  /**
   * Several items of one assessment in one transaction: every update applies, or (on the first stale
   * version or broken rule) none does. Spreadsheet re-import relies on this.
   */
  async updateMany(
    actor: Actor,
    updates: ReadonlyArray<{ itemRowId: string; expectedVersion: number; patch: ItemPatch }>,
  ): Promise<number> {
    for (const { patch } of updates) await this.lifecycle.ensureMember(actor.orgId, patch.assigneeUserId);
    return this.tenants.transaction(actor.orgId, async (t) => {
      for (const { itemRowId, expectedVersion, patch } of updates)
        await this.updateWithin(t, actor, itemRowId, expectedVersion, patch);
      return updates.length;
    });
  }

  private async updateWithin(
    t: TenantScope,
    actor: Actor,
    itemRowId: string,
    expectedVersion: number,
    patch: ItemPatch,
  ): Promise<AssessmentItemRow> {
    // The item and its assessment's state in one read; the answer is built from it, not read again.
    const found = await this.repo.findItemWithState(t, itemRowId);
    if (!found) throw new AppError(404, 'ASSESSMENT_ITEM_NOT_FOUND');
    const { assessment_state: state, ...item } = found;
    this.lifecycle.ensureDraft({ state });
    if (item.version !== expectedVersion) return this.conflict(t, itemRowId);

    const next: AssessmentItemRow = { ...item };
    if (patch.result !== undefined) next.result = patch.result;
    if (patch.explanation !== undefined) next.explanation = patch.explanation;
    if (patch.compensatingControl !== undefined) next.compensating_control = patch.compensatingControl;
    if (patch.assigneeUserId !== undefined) next.assignee_user_id = patch.assigneeUserId;
    if (patch.dueDate !== undefined) next.due_date = patch.dueDate;
    if (patch.overrideApplicable !== undefined) next.override_applicable = patch.overrideApplicable ? 1 : 0;
    if (patch.overrideReason !== undefined) next.override_reason = patch.overrideReason;
    next.applicable = next.scoped_applicable === 1 || next.override_applicable === 1 ? 1 : 0;

    const problems = validateAnswer(toDraft(next));
    if (problems.length > 0) throw new AppError(422, problems[0]!.code, { problems });

    const changes: Record<string, [unknown, unknown]> = {};
    for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
      if (item[column] !== next[column]) changes[field] = [item[column], next[column]];
    }
    const answerChanged = 'result' in changes || 'explanation' in changes || 'compensatingControl' in changes;
    const confirmed = patch.confirm === true || answerChanged;
    if (confirmed && item.needs_reconfirmation === 1) changes.needsReconfirmation = [true, false];
    const timestamp = new Date().toISOString();
    const written = {
      result: next.result,
      explanation: next.explanation,
      compensating_control: next.compensating_control,
      assignee_user_id: next.assignee_user_id,
      due_date: next.due_date,
      override_applicable: next.override_applicable,
      override_reason: next.override_reason,
      applicable: next.applicable,
      needs_reconfirmation: confirmed ? 0 : item.needs_reconfirmation,
      // A changed answer needs a fresh review.
      review_status: answerChanged ? 'pending' : item.review_status,
      updated_by: actor.userId,
      updated_at: timestamp,
    };
    const updated = await this.repo.updateItemIfVersion(t, itemRowId, expectedVersion, written);
    if (!updated) return this.conflict(t, itemRowId);
    // Exactly the row as it now stands: the one read, with what this update wrote.
    const saved: AssessmentItemRow = { ...item, ...written, version: expectedVersion + 1 };
    if (Object.keys(changes).length > 0) {
      await this.repo.recordItemChange(t, {
        id: randomUUID(),
        org_id: actor.orgId,
        assessment_item_id: itemRowId,
        version: expectedVersion + 1,
        changed_by: actor.userId,
        changed_at: timestamp,
        changes: JSON.stringify(changes),
      });
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'assessment.item.update',
        targetType: 'assessment_item',
        targetId: itemRowId,
        before: Object.fromEntries(Object.entries(changes).map(([k, [b]]) => [k, b])),
        after: Object.fromEntries(Object.entries(changes).map(([k, [, a]]) => [k, a])),
      });
    }
    if ('result' in changes && this.resultListener) await this.resultListener(t, actor, saved);
    return saved;
  }

  /** A reviewer validates an item, or flags it with a comment for the assessor. */
  async review(
    actor: Actor,
    itemRowId: string,
    expectedVersion: number,
    decision: { status: 'validated' | 'flagged'; comment?: string },
  ): Promise<AssessmentItemRow> {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const item = await this.find(t, itemRowId);
      await this.ensureReviewable(t, item.assessment_id);
      await this.recordReview(t, actor, item, expectedVersion, decision, new Date().toISOString());
      return this.find(t, itemRowId);
    });
  }

  /**
   * Confirms many items of one assessment at once, all or nothing: an item another person changed since
   * the reviewer loaded it (stale version) refuses the whole batch with 409, so nothing is confirmed unseen.
   */
  async reviewMany(
    actor: Actor,
    assessmentId: string,
    entries: ReadonlyArray<{ itemId: string; version: number }>,
  ): Promise<number> {
    return this.tenants.transaction(actor.orgId, async (t) => {
      await this.ensureReviewable(t, assessmentId);
      const items = new Map((await this.repo.listItems(t, assessmentId)).map((i) => [i.id, i]));
      const timestamp = new Date().toISOString();
      for (const entry of entries) {
        const item = items.get(entry.itemId);
        if (!item) throw new AppError(404, 'ASSESSMENT_ITEM_NOT_FOUND');
        await this.recordReview(t, actor, item, entry.version, { status: 'validated' }, timestamp);
      }
      return entries.length;
    });
  }

  private async ensureReviewable(t: TenantScope, assessmentId: string): Promise<void> {
    const assessment = await this.lifecycle.find(t, assessmentId);
    if (assessment.state === 'approved') throw new AppError(409, 'ASSESSMENT_LOCKED');
    if (!acceptsReviews(assessment.state as 'in_review')) throw new AppError(409, 'INVALID_TRANSITION');
  }

  private async recordReview(
    t: TenantScope,
    actor: Actor,
    item: AssessmentItemRow,
    expectedVersion: number,
    decision: { status: 'validated' | 'flagged'; comment?: string },
    timestamp: string,
  ): Promise<void> {
    const updated = await this.repo.updateItemIfVersion(t, item.id, expectedVersion, {
      review_status: decision.status,
      reviewed_by: actor.userId,
      reviewed_at: timestamp,
    });
    if (!updated) await this.conflict(t, item.id);
    if (decision.comment?.trim()) await this.insertComment(t, actor, item.id, decision.comment, timestamp);
    await this.audit.record(t.db, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'assessment.item.review',
      targetType: 'assessment_item',
      targetId: item.id,
      before: { reviewStatus: item.review_status },
      after: { reviewStatus: decision.status },
    });
  }

  /** Comments stay open in every state except approved: discussion is part of review. */
  async comment(actor: Actor, itemRowId: string, body: string) {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const item = await this.find(t, itemRowId);
      const assessment = await this.lifecycle.find(t, item.assessment_id);
      if (assessment.state === 'approved') throw new AppError(409, 'ASSESSMENT_LOCKED');
      return this.insertComment(t, actor, itemRowId, body, new Date().toISOString());
    });
  }

  private async insertComment(t: TenantScope, actor: Actor, itemRowId: string, body: string, at: string) {
    const row = {
      id: randomUUID(),
      org_id: actor.orgId,
      assessment_item_id: itemRowId,
      author_user_id: actor.userId,
      body: body.trim(),
      created_at: at,
    };
    await this.repo.addComment(t, row);
    await this.audit.record(t.db, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'assessment.item.comment',
      targetType: 'assessment_item',
      targetId: itemRowId,
      after: { commentId: row.id },
    });
    return row;
  }

  /** Each recorded change as field → [before, after]; values are what the columns held. */
  async history(orgId: string, itemRowId: string) {
    const t = this.tenants.scope(orgId);
    await this.find(t, itemRowId);
    const [changes, comments] = await Promise.all([
      this.repo.listItemChanges(t, itemRowId),
      this.repo.listComments(t, itemRowId),
    ]);
    return {
      changes: changes.map((c) => ({
        ...c,
        changes: JSON.parse(c.changes) as Record<string, [FieldValue, FieldValue]>,
      })),
      comments,
    };
  }
}
