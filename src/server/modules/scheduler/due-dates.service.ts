import { randomUUID } from 'node:crypto';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import type { Clock } from '../../platform/clock.js';
import { nextOccurrence, type Recurrence } from './domain/recurrence.js';
import type { DueDateRow, DueDatesRepository } from './due-dates.repository.js';

export interface DueDateInput {
  /** The module's kind of record: `remediation`, `provider-audit`, `privacy-review` … */
  sourceKind: string;
  sourceId: string;
  title: string;
  /** Path in the web app that opens the record (reminders and the calendar link to it). */
  link: string;
  ownerId: string | null;
  /** YYYY-MM-DD (Asia/Taipei). */
  dueOn: string;
  /** Omit for a one-off date; completing a recurring one moves it to the next occurrence. */
  recurrence?: Recurrence | null;
}

export interface DueDate extends Omit<DueDateInput, 'recurrence'> {
  id: string;
  recurrence: Recurrence | null;
  completedOn: string | null;
}

export function toDueDate(row: DueDateRow): DueDate {
  return {
    id: row.id,
    sourceKind: row.source_kind,
    sourceId: row.source_id,
    title: row.title,
    link: row.link,
    ownerId: row.owner_id,
    dueOn: row.due_on,
    recurrence: row.recurrence ? (JSON.parse(row.recurrence) as Recurrence) : null,
    completedOn: row.completed_on,
  };
}

/**
 * Due dates and recurring duties of every module, in one place (docs/remediation.md, "Due dates"). A
 * module calls `set` when its record gets or changes a date, `complete` when the duty is done and
 * `remove` when the record goes; the reminder job, the home page and the iCal feed read them. Calls join
 * the caller's scope (and so its transaction).
 */
export class DueDatesService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: DueDatesRepository,
    private readonly clock: Clock,
  ) {}

  /** An organisation id, or the caller's scope to join its transaction. */
  private scoped(target: TenantScope | string): TenantScope {
    return typeof target === 'string' ? this.tenants.scope(target) : target;
  }

  async set(target: TenantScope | string, input: DueDateInput): Promise<void> {
    const scope = this.scoped(target);
    const now = this.clock.now().toISOString();
    await this.repo.upsert(scope, {
      id: randomUUID(),
      source_kind: input.sourceKind,
      source_id: input.sourceId,
      title: input.title,
      link: input.link,
      owner_id: input.ownerId,
      due_on: input.dueOn,
      recurrence: input.recurrence ? JSON.stringify(input.recurrence) : null,
      completed_on: null,
      created_at: now,
      updated_at: now,
    });
  }

  /**
   * Marks the duty done on `completedOn`. A recurring duty moves to its next occurrence after the current
   * due date (and ends after its `until`); returns the new due date, or null when nothing is due any more.
   */
  async complete(
    target: TenantScope | string,
    sourceKind: string,
    sourceId: string,
    completedOn: string,
  ): Promise<string | null> {
    const scope = this.scoped(target);
    const row = await this.repo.find(scope, sourceKind, sourceId);
    if (!row) return null;
    const now = this.clock.now().toISOString();
    const rule = row.recurrence ? (JSON.parse(row.recurrence) as Recurrence) : null;
    const next = rule ? nextOccurrence(rule, row.due_on) : null;
    await this.repo.update(
      scope,
      row.id,
      next ? { due_on: next, updated_at: now } : { completed_on: completedOn, updated_at: now },
    );
    return next;
  }

  remove(target: TenantScope | string, sourceKind: string, sourceId: string): Promise<void> {
    return this.repo.remove(this.scoped(target), sourceKind, sourceId);
  }

  async find(orgId: string, sourceKind: string, sourceId: string): Promise<DueDate | undefined> {
    const row = await this.repo.find(this.tenants.scope(orgId), sourceKind, sourceId);
    return row ? toDueDate(row) : undefined;
  }

  /** Open due dates up to `until` (YYYY-MM-DD), the organisation's or one person's. */
  async open(orgId: string, until: string, ownerId?: string): Promise<DueDate[]> {
    return (await this.repo.open(this.tenants.scope(orgId), until, ownerId)).map(toDueDate);
  }
}
