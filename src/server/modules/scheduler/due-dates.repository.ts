import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant, type TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { DueDateTable } from './scheduler.tables.js';

export type DueDateRow = Selectable<DueDateTable>;

export class DueDatesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(t: TenantScope, row: Omit<DueDateRow, 'org_id'>): Promise<void> {
    await t.db
      .insertInto('due_date')
      .values({ ...row, org_id: t.orgId })
      .onConflict((oc) =>
        oc.columns(['org_id', 'source_kind', 'source_id']).doUpdateSet({
          title: row.title,
          link: row.link,
          owner_id: row.owner_id,
          due_on: row.due_on,
          recurrence: row.recurrence,
          completed_on: row.completed_on,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  find(t: TenantScope, sourceKind: string, sourceId: string) {
    return t.db
      .selectFrom('due_date')
      .selectAll()
      .where('source_kind', '=', sourceKind)
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
  }

  async update(
    t: TenantScope,
    id: string,
    set: Partial<Pick<DueDateRow, 'due_on' | 'completed_on' | 'updated_at'>>,
  ) {
    await t.db.updateTable('due_date').set(set).where('id', '=', id).execute();
  }

  async remove(t: TenantScope, sourceKind: string, sourceId: string): Promise<void> {
    await t.db
      .deleteFrom('due_date')
      .where('source_kind', '=', sourceKind)
      .where('source_id', '=', sourceId)
      .execute();
  }

  /** Open due dates up to `until`, optionally one person's, soonest first. */
  open(t: TenantScope, until: string, ownerId?: string): Promise<DueDateRow[]> {
    let q = t.db
      .selectFrom('due_date')
      .selectAll()
      .where('completed_on', 'is', null)
      .where('due_on', '<=', until);
    if (ownerId) q = q.where('owner_id', '=', ownerId);
    return q.orderBy('due_on').orderBy('id').limit(1000).execute();
  }

  /** Every organisation's open, owned due dates up to `until`, keyset-paginated by id (the reminder job). */
  openEverywhere(until: string, afterId: string | null, limit: number): Promise<DueDateRow[]> {
    let q = crossTenant(this.db, 'the reminder job reads every organisation’s due dates')
      .selectFrom('due_date')
      .selectAll()
      .where('completed_on', 'is', null)
      .where('owner_id', 'is not', null)
      .where('due_on', '<=', until);
    if (afterId) q = q.where('id', '>', afterId);
    return q.orderBy('id').limit(limit).execute();
  }
}
