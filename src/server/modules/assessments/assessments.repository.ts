import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant, type TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { AssessmentItemTable, AssessmentTable } from './assessments.tables.js';

export type Db = Kysely<Database> | Transaction<Database>;
export type AssessmentRow = Selectable<AssessmentTable>;
export type AssessmentItemRow = Selectable<AssessmentItemTable>;

type ScopeColumn = 'scoped_applicable' | 'na_clause' | 'na_reason_zh' | 'na_reason_en' | 'applicable';

/** Rows per multi-row INSERT: well under SQLite's bound-parameter limit for our widest table. */
const INSERT_BATCH = 200;

export interface ItemFilters {
  result?: string;
  assigneeUserId?: string;
  applicable?: boolean;
  overdueAsOf?: string;
  chapter?: number;
}

export interface ResultCounts {
  chapter: number;
  role: string | null;
  applicable: number;
  not_applicable: number;
  compliant: number;
  partially_compliant: number;
  non_compliant: number;
  answered_not_applicable: number;
  not_assessed: number;
  overdue: number;
  unreviewed: number;
  unconfirmed: number;
}

/**
 * Every query runs through the caller's {@link TenantScope}, which pins it to one organisation: tenant
 * scoping is not optional anywhere in this file.
 */
export class AssessmentsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertAssessment(t: TenantScope, row: AssessmentRow): Promise<void> {
    await t.db.insertInto('assessment').values(row).execute();
  }

  async insertItems(t: TenantScope, rows: AssessmentItemRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await t.db
        .insertInto('assessment_item')
        .values(rows.slice(i, i + INSERT_BATCH))
        .execute();
    }
  }

  /**
   * The one lookup by id alone: which organisation an assessment belongs to. Callers (the CLI, the by-id
   * export route) must run the access check for that organisation before using it.
   */
  async organizationOf(assessmentId: string): Promise<string | undefined> {
    const row = await crossTenant(this.db, 'which organisation an assessment id belongs to')
      .selectFrom('assessment')
      .select('org_id')
      .where('id', '=', assessmentId)
      .executeTakeFirst();
    return row?.org_id;
  }

  findAssessment(t: TenantScope, id: string): Promise<AssessmentRow | undefined> {
    return t.db.selectFrom('assessment').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * The full read's whole validator input in one statement: the assessment's version; its items' count,
   * summed versions and latest update (every item write moves its version and updated_at, attaching or
   * detaching evidence included); its evidence links' count, latest attachment and re-confirmation flags.
   * Every full read asks it first. Undefined: not this organisation's assessment.
   */
  async readStamp(t: TenantScope, assessmentId: string) {
    // Aggregates without GROUP BY: each derived table is exactly one row, so a cross join needs no index.
    const row = await t.db
      .selectFrom('assessment')
      .crossJoin((eb) =>
        eb
          .selectFrom('assessment_item')
          .where('assessment_id', '=', assessmentId)
          .select((e) => [
            e.fn.countAll<number>().as('items'),
            e.fn.sum<number>('version').as('versions'),
            e.fn.max('updated_at').as('latest'),
          ])
          .as('i'),
      )
      .crossJoin((eb) =>
        eb
          .selectFrom('assessment_item_evidence as link')
          .innerJoin('assessment_item as item', 'item.id', 'link.assessment_item_id')
          .where('item.assessment_id', '=', assessmentId)
          .select((e) => [
            e.fn.countAll<number>().as('links'),
            e.fn.max('link.attached_at').as('latest_link'),
            e.fn.sum<number>('link.needs_reconfirmation').as('flags'),
          ])
          .as('l'),
      )
      .where('assessment.id', '=', assessmentId)
      .select([
        'assessment.version',
        'assessment.updated_at',
        'i.items',
        'i.versions',
        'i.latest',
        'l.links',
        'l.latest_link',
        'l.flags',
      ])
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      assessment: { version: row.version, updated_at: row.updated_at },
      items: `${row.items ?? 0}:${row.versions ?? 0}:${row.latest ?? ''}`,
      links: `${row.links ?? 0}:${row.latest_link ?? ''}:${row.flags ?? 0}`,
    };
  }

  /** Keyset pagination, newest first: the cursor is the (created_at, id) of the last row seen. */
  listAssessments(
    t: TenantScope,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<AssessmentRow[]> {
    let query = t.db.selectFrom('assessment').selectAll();
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async updateAssessmentIfVersion(
    t: TenantScope,
    id: string,
    expectedVersion: number,
    patch: Updateable<AssessmentTable>,
  ): Promise<boolean> {
    const result = await t.db
      .updateTable('assessment')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  listItems(t: TenantScope, assessmentId: string, filters: ItemFilters = {}): Promise<AssessmentItemRow[]> {
    let query = t.db.selectFrom('assessment_item').selectAll().where('assessment_id', '=', assessmentId);
    if (filters.result) query = query.where('result', '=', filters.result);
    if (filters.assigneeUserId) query = query.where('assignee_user_id', '=', filters.assigneeUserId);
    if (filters.applicable !== undefined) query = query.where('applicable', '=', filters.applicable ? 1 : 0);
    if (filters.chapter !== undefined) query = query.where('chapter', '=', filters.chapter);
    if (filters.overdueAsOf) {
      query = query
        .where('due_date', '<', filters.overdueAsOf)
        .where('result', '=', 'not_assessed')
        .where('applicable', '=', 1);
    }
    return query.orderBy('item_number').execute();
  }

  /** Items for these catalog item ids in every draft assessment: where new evidence can still go. */
  draftItemsFor(t: TenantScope, catalogItemIds: string[]): Promise<Array<{ id: string; item_id: string }>> {
    if (catalogItemIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('assessment_item')
      .innerJoin('assessment', 'assessment.id', 'assessment_item.assessment_id')
      .select(['assessment_item.id', 'assessment_item.item_id'])
      .where('assessment.state', '=', 'draft')
      .where('assessment_item.item_id', 'in', catalogItemIds)
      .orderBy('assessment_item.id')
      .execute();
  }

  findItem(t: TenantScope, itemRowId: string): Promise<AssessmentItemRow | undefined> {
    return t.db.selectFrom('assessment_item').selectAll().where('id', '=', itemRowId).executeTakeFirst();
  }

  /** The item with its assessment's state, in one statement (an update checks both). */
  findItemWithState(
    t: TenantScope,
    itemRowId: string,
  ): Promise<(AssessmentItemRow & { assessment_state: string }) | undefined> {
    return t.db
      .selectFrom('assessment_item')
      .innerJoin('assessment', 'assessment.id', 'assessment_item.assessment_id')
      .selectAll('assessment_item')
      .select('assessment.state as assessment_state')
      .where('assessment_item.id', '=', itemRowId)
      .executeTakeFirst();
  }

  /** Optimistic concurrency: the update lands only if nobody changed the row since `expectedVersion`. */
  async updateItemIfVersion(
    t: TenantScope,
    itemRowId: string,
    expectedVersion: number,
    patch: Updateable<AssessmentItemTable>,
  ): Promise<boolean> {
    const result = await t.db
      .updateTable('assessment_item')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', itemRowId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Evidence changed under a reviewed item: it needs another look. */
  async markForReview(t: TenantScope, itemRowId: string): Promise<void> {
    await t.db
      .updateTable('assessment_item')
      .set((eb) => ({
        review_status: 'pending',
        version: eb('version', '+', 1),
        updated_at: new Date().toISOString(),
      }))
      .where('id', '=', itemRowId)
      .execute();
  }

  async recordItemChange(
    t: TenantScope,
    row: {
      id: string;
      org_id: string;
      assessment_item_id: string;
      version: number;
      changed_by: string;
      changed_at: string;
      changes: string;
    },
  ): Promise<void> {
    await t.db.insertInto('assessment_item_change').values(row).execute();
  }

  listItemChanges(t: TenantScope, itemRowId: string) {
    return t.db
      .selectFrom('assessment_item_change')
      .selectAll()
      .where('assessment_item_id', '=', itemRowId)
      .orderBy('version', 'desc')
      .execute();
  }

  async addComment(
    t: TenantScope,
    row: {
      id: string;
      org_id: string;
      assessment_item_id: string;
      author_user_id: string;
      body: string;
      created_at: string;
    },
  ): Promise<void> {
    await t.db.insertInto('assessment_item_comment').values(row).execute();
  }

  listComments(t: TenantScope, itemRowId: string) {
    return t.db
      .selectFrom('assessment_item_comment')
      .selectAll()
      .where('assessment_item_id', '=', itemRowId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  async recordEvent(
    t: TenantScope,
    row: {
      id: string;
      org_id: string;
      assessment_id: string;
      action: string;
      actor_user_id: string;
      comment: string | null;
      created_at: string;
    },
  ): Promise<void> {
    await t.db.insertInto('assessment_event').values(row).execute();
  }

  /** The comments on the given items, for finding the note a reviewer wrote with each flag. */
  listCommentsOfItems(t: TenantScope, itemRowIds: string[]) {
    if (itemRowIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('assessment_item_comment')
      .select(['assessment_item_id', 'author_user_id', 'body', 'created_at'])
      .where('assessment_item_id', 'in', itemRowIds)
      .execute();
  }

  listEvents(t: TenantScope, assessmentId: string) {
    return t.db
      .selectFrom('assessment_event')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /**
   * Writes recomputed applicability. Items sharing an outcome are updated together, so a full
   * re-scope costs one UPDATE per distinct outcome (a handful), not one per item.
   */
  async updateScopeColumns(
    t: TenantScope,
    rows: Array<{ id: string } & Pick<Updateable<AssessmentItemTable>, ScopeColumn>>,
  ): Promise<void> {
    const groups = new Map<
      string,
      { patch: Pick<Updateable<AssessmentItemTable>, ScopeColumn>; ids: string[] }
    >();
    for (const { id, ...patch } of rows) {
      const key = JSON.stringify(patch);
      const group = groups.get(key) ?? { patch, ids: [] };
      group.ids.push(id);
      groups.set(key, group);
    }
    for (const { patch, ids } of groups.values()) {
      await t.db.updateTable('assessment_item').set(patch).where('id', 'in', ids).execute();
    }
  }

  /** Result counts per chapter and role in one GROUP BY; scores and progress derive from these. */
  countResults(t: TenantScope, assessmentId: string, today: string): Promise<ResultCounts[]> {
    const applicableWhere = (result: string) =>
      sql<number>`sum(case when applicable = 1 and result = ${result} then 1 else 0 end)`;
    return t.db
      .selectFrom('assessment_item')
      .select([
        'chapter',
        'role',
        sql<number>`sum(case when applicable = 1 then 1 else 0 end)`.as('applicable'),
        sql<number>`sum(case when applicable = 0 then 1 else 0 end)`.as('not_applicable'),
        applicableWhere('compliant').as('compliant'),
        applicableWhere('partially_compliant').as('partially_compliant'),
        applicableWhere('non_compliant').as('non_compliant'),
        applicableWhere('not_applicable').as('answered_not_applicable'),
        applicableWhere('not_assessed').as('not_assessed'),
        sql<number>`sum(case when applicable = 1 and result = 'not_assessed' and due_date < ${today} then 1 else 0 end)`.as(
          'overdue',
        ),
        sql<number>`sum(case when applicable = 1 and review_status <> 'validated' then 1 else 0 end)`.as(
          'unreviewed',
        ),
        sql<number>`sum(case when applicable = 1 and result <> 'not_assessed' and needs_reconfirmation = 1 then 1 else 0 end)`.as(
          'unconfirmed',
        ),
      ])
      .where('assessment_id', '=', assessmentId)
      .groupBy(['chapter', 'role'])
      .orderBy('chapter')
      .orderBy('role')
      .execute()
      .then((rows) =>
        rows.map((row) => {
          const numeric = { ...row } as Record<string, unknown>;
          for (const [key, value] of Object.entries(row))
            if (key !== 'role') numeric[key] = Number(value ?? 0);
          return numeric as unknown as ResultCounts;
        }),
      );
  }
}
