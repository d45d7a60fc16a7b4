import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.js';
import type { AssessmentLifecycleService } from './assessment-lifecycle.service.js';
import { toDraft } from './assessment-lifecycle.service.js';
import type { Actor, AuditRecorder } from './assessments.ports.js';
import type { AssessmentItemRow, AssessmentsRepository, Db } from './assessments.repository.js';
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

/** Answers, reviews, comments and history of single items, with optimistic concurrency throughout. */
export class AssessmentItemsService {
  constructor(
    private readonly repo: AssessmentsRepository,
    private readonly lifecycle: AssessmentLifecycleService,
    private readonly audit: AuditRecorder,
  ) {}

  async get(orgId: string, itemRowId: string, db?: Db): Promise<AssessmentItemRow> {
    const item = await this.repo.findItem(orgId, itemRowId, db);
    if (!item) throw new AppError(404, 'ASSESSMENT_ITEM_NOT_FOUND');
    return item;
  }

  private async conflict(orgId: string, itemRowId: string, db: Db): Promise<never> {
    throw new AppError(409, 'VERSION_CONFLICT', { current: await this.get(orgId, itemRowId, db) });
  }

  async update(
    actor: Actor,
    itemRowId: string,
    expectedVersion: number,
    patch: ItemPatch,
  ): Promise<AssessmentItemRow> {
    // Checked before the transaction: the membership lookup runs outside it (one SQLite connection).
    await this.lifecycle.ensureMember(actor.orgId, patch.assigneeUserId);
    return this.repo.transaction((trx) => this.updateWithin(trx, actor, itemRowId, expectedVersion, patch));
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
    return this.repo.transaction(async (trx) => {
      for (const { itemRowId, expectedVersion, patch } of updates)
        await this.updateWithin(trx, actor, itemRowId, expectedVersion, patch);
      return updates.length;
    });
  }

  private async updateWithin(
    trx: Db,
    actor: Actor,
    itemRowId: string,
    expectedVersion: number,
    patch: ItemPatch,
  ): Promise<AssessmentItemRow> {
    const item = await this.get(actor.orgId, itemRowId, trx);
    this.lifecycle.ensureDraft(await this.lifecycle.get(actor.orgId, item.assessment_id, trx));
    if (item.version !== expectedVersion) return this.conflict(actor.orgId, itemRowId, trx);

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
    const updated = await this.repo.updateItemIfVersion(trx, actor.orgId, itemRowId, expectedVersion, {
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
    });
    if (!updated) return this.conflict(actor.orgId, itemRowId, trx);
    if (Object.keys(changes).length > 0) {
      await this.repo.recordItemChange(trx, {
        id: randomUUID(),
        org_id: actor.orgId,
        assessment_item_id: itemRowId,
        version: expectedVersion + 1,
        changed_by: actor.userId,
        changed_at: timestamp,
        changes: JSON.stringify(changes),
      });
      await this.audit.record(trx, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'assessment.item.update',
        targetType: 'assessment_item',
        targetId: itemRowId,
        before: Object.fromEntries(Object.entries(changes).map(([k, [b]]) => [k, b])),
        after: Object.fromEntries(Object.entries(changes).map(([k, [, a]]) => [k, a])),
      });
    }
    return this.get(actor.orgId, itemRowId, trx);
  }

  /** A reviewer validates an item, or flags it with a comment for the assessor. */
  async review(
    actor: Actor,
    itemRowId: string,
    expectedVersion: number,
    decision: { status: 'validated' | 'flagged'; comment?: string },
  ): Promise<AssessmentItemRow> {
    return this.repo.transaction(async (trx) => {
      const item = await this.get(actor.orgId, itemRowId, trx);
      const assessment = await this.lifecycle.get(actor.orgId, item.assessment_id, trx);
      if (assessment.state === 'approved') throw new AppError(409, 'ASSESSMENT_LOCKED');
      if (!acceptsReviews(assessment.state as 'in_review')) throw new AppError(409, 'INVALID_TRANSITION');
      const timestamp = new Date().toISOString();
      const updated = await this.repo.updateItemIfVersion(trx, actor.orgId, itemRowId, expectedVersion, {
        review_status: decision.status,
        reviewed_by: actor.userId,
        reviewed_at: timestamp,
      });
      if (!updated) return this.conflict(actor.orgId, itemRowId, trx);
      if (decision.comment?.trim())
        await this.insertComment(trx, actor, itemRowId, decision.comment, timestamp);
      await this.audit.record(trx, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'assessment.item.review',
        targetType: 'assessment_item',
        targetId: itemRowId,
        before: { reviewStatus: item.review_status },
        after: { reviewStatus: decision.status },
      });
      return this.get(actor.orgId, itemRowId, trx);
    });
  }

  /** Comments stay open in every state except approved: discussion is part of review. */
  async comment(actor: Actor, itemRowId: string, body: string) {
    return this.repo.transaction(async (trx) => {
      const item = await this.get(actor.orgId, itemRowId, trx);
      const assessment = await this.lifecycle.get(actor.orgId, item.assessment_id, trx);
      if (assessment.state === 'approved') throw new AppError(409, 'ASSESSMENT_LOCKED');
      return this.insertComment(trx, actor, itemRowId, body, new Date().toISOString());
    });
  }

  private async insertComment(trx: Db, actor: Actor, itemRowId: string, body: string, at: string) {
    const row = {
      id: randomUUID(),
      org_id: actor.orgId,
      assessment_item_id: itemRowId,
      author_user_id: actor.userId,
      body: body.trim(),
      created_at: at,
    };
    await this.repo.addComment(trx, row);
    await this.audit.record(trx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'assessment.item.comment',
      targetType: 'assessment_item',
      targetId: itemRowId,
      after: { commentId: row.id },
    });
    return row;
  }

  async history(orgId: string, itemRowId: string) {
    await this.get(orgId, itemRowId);
    const [changes, comments] = await Promise.all([
      this.repo.listItemChanges(orgId, itemRowId),
      this.repo.listComments(orgId, itemRowId),
    ]);
    return {
      changes: changes.map((c) => ({
        ...c,
        changes: JSON.parse(c.changes) as Record<string, [unknown, unknown]>,
      })),
      comments,
    };
  }
}
