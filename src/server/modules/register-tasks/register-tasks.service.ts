import { randomUUID } from 'node:crypto';
import { TenantScope, type Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import type { Db } from '../assessments/assessments.repository.js';
import type { MemberChange } from '../identity/member-change-hook.js';
import type { MemberDeparture, MemberDepartureListeners } from './member-departure.js';
import './register-tasks.errors.js';
import type { RegisterTaskRow, RegisterTasksRepository, TaskFilter } from './register-tasks.repository.js';

/**
 * The one place register tasks are raised and closed. Identity calls `onMemberChange` inside its own
 * transaction; every listening register says which of its records the member holds; each becomes an open
 * task, audited. A register closes a task only together with the event that did the work.
 */
export class RegisterTasksService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: RegisterTasksRepository,
    private readonly listeners: MemberDepartureListeners,
    private readonly audit: AuditRecorder,
  ) {}

  /** The identity hook (`MemberChangeHook`). */
  readonly onMemberChange = async (trx: Db, change: MemberChange): Promise<void> => {
    await this.raiseWithin(TenantScope.of(trx, change.orgId), change.actorUserId, {
      memberUserId: change.memberUserId,
      reason: change.reason,
      before: change.before,
      ...(change.after ? { after: change.after } : {}),
    });
  };

  /** Asks every register for its tasks and writes the new ones; returns them. */
  async raiseWithin(
    t: TenantScope,
    actorUserId: string | null,
    departure: MemberDeparture,
  ): Promise<RegisterTaskRow[]> {
    const now = new Date().toISOString();
    const rows: RegisterTaskRow[] = [];
    for (const listener of this.listeners.all) {
      for (const request of await listener.onMemberDeparted(t, departure)) {
        rows.push({
          id: randomUUID(),
          org_id: t.orgId,
          register: listener.register,
          subject_id: request.subjectId,
          subject_label: request.subjectLabel,
          kind: request.kind,
          member_user_id: departure.memberUserId,
          reason: departure.reason,
          detail: JSON.stringify({ before: departure.before ?? null, after: departure.after ?? null }),
          status: 'open',
          raised_by: actorUserId,
          raised_at: now,
          done_by: null,
          done_at: null,
          done_event_id: null,
        });
      }
    }
    const inserted = await this.repo.insertNew(t, rows);
    for (const row of inserted) {
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId,
        action: 'register_task.raise',
        targetType: 'register_task',
        targetId: row.id,
        after: {
          register: row.register,
          subjectId: row.subject_id,
          kind: row.kind,
          memberUserId: row.member_user_id,
          reason: row.reason,
        },
      });
    }
    return inserted;
  }

  get(orgId: string, id: string): Promise<RegisterTaskRow> {
    return this.find(this.tenants.scope(orgId), id);
  }

  /** Within the caller's scope (and transaction): the organisation's own task, or 404. */
  async find(t: TenantScope, id: string): Promise<RegisterTaskRow> {
    const row = await this.repo.find(t, id);
    if (!row) throw new AppError(404, 'REGISTER_TASK_NOT_FOUND');
    return row;
  }

  list(orgId: string, filter: TaskFilter, limit: number, after?: { raisedAt: string; id: string }) {
    return this.listWithin(this.tenants.scope(orgId), filter, limit, after);
  }

  /**
   * Within the caller's scope (and transaction): a register that closes tasks with its own change reads
   * them in that transaction, so it decides on the tasks as they are when the change commits.
   */
  listWithin(t: TenantScope, filter: TaskFilter, limit: number, after?: { raisedAt: string; id: string }) {
    return this.repo.list(t, filter, limit, after);
  }

  /**
   * Closes a task with the register event that did the work, inside the register's transaction (the event
   * and the closing commit together). The task must be open and about `subject` of `register`.
   */
  async completeWithin(
    t: TenantScope,
    actor: Actor,
    taskId: string,
    done: { register: string; subjectId: string; eventId: string },
  ): Promise<RegisterTaskRow> {
    const task = await this.repo.find(t, taskId);
    if (!task) throw new AppError(404, 'REGISTER_TASK_NOT_FOUND');
    if (task.register !== done.register || task.subject_id !== done.subjectId)
      throw new AppError(409, 'REGISTER_TASK_OTHER_SUBJECT');
    const at = new Date().toISOString();
    if (
      !(await this.repo.close(t, taskId, { done_by: actor.userId, done_at: at, done_event_id: done.eventId }))
    )
      throw new AppError(409, 'REGISTER_TASK_NOT_OPEN');
    await this.audit.record(t.db, {
      orgId: t.orgId,
      actorUserId: actor.userId,
      action: 'register_task.done',
      targetType: 'register_task',
      targetId: taskId,
      before: { status: 'open' },
      after: { status: 'done', eventId: done.eventId },
    });
    return { ...task, status: 'done', done_by: actor.userId, done_at: at, done_event_id: done.eventId };
  }
}
