import type { Selectable } from 'kysely';
import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { RegisterTaskTable } from './register-tasks.tables.js';

export type RegisterTaskRow = Selectable<RegisterTaskTable>;

export interface TaskFilter {
  status?: 'open' | 'done';
  register?: string;
  subjectId?: string;
}

/** Register tasks through the caller's tenant scope. */
export class RegisterTasksRepository {
  /** Inserts the tasks that are not already open (same subject, kind and member); returns those inserted. */
  async insertNew(t: TenantScope, rows: RegisterTaskRow[]): Promise<RegisterTaskRow[]> {
    const inserted: RegisterTaskRow[] = [];
    for (const row of rows) {
      const result = await t.db
        .insertInto('register_task')
        .values(row)
        // The only unique key a new row can meet is register_task_open_once (its id is fresh).
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) inserted.push(row);
    }
    return inserted;
  }

  find(t: TenantScope, id: string): Promise<RegisterTaskRow | undefined> {
    return t.db.selectFrom('register_task').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Keyset pagination, oldest first (the longest-open task leads). */
  list(
    t: TenantScope,
    filter: TaskFilter,
    limit: number,
    after?: { raisedAt: string; id: string },
  ): Promise<RegisterTaskRow[]> {
    let query = t.db.selectFrom('register_task').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.register) query = query.where('register', '=', filter.register);
    if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('raised_at', '>', after.raisedAt),
          eb.and([eb('raised_at', '=', after.raisedAt), eb('id', '>', after.id)]),
        ]),
      );
    return query.orderBy('raised_at').orderBy('id').limit(limit).execute();
  }

  /** Closes an open task; false when it was not open (already done, or raced). */
  async close(
    t: TenantScope,
    id: string,
    done: { done_by: string | null; done_at: string; done_event_id: string },
  ): Promise<boolean> {
    const result = await t.db
      .updateTable('register_task')
      .set({ ...done, status: 'done' })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
