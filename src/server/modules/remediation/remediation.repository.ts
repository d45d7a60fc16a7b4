import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant, type TenantScope } from '../../db/tenancy/tenant-scope.js';
import type {
  RemediationEventTable,
  RemediationItemTable,
  RemediationMilestoneTable,
  RemediationSourceTable,
  RiskAcceptanceTable,
} from './remediation.tables.js';

export type RemediationRow = Selectable<RemediationItemTable>;
export type MilestoneRow = Selectable<RemediationMilestoneTable>;
export type EventRow = Selectable<RemediationEventTable>;
export type SourceRow = Selectable<RemediationSourceTable>;
export type AcceptanceRow = Selectable<RiskAcceptanceTable>;

export interface RemediationFilters {
  ownerId?: string;
  status?: string;
  dueBefore?: string;
  sourceKind?: string;
}

/** Remediation queries, each through the organisation's scope (the expiry job's one read names its reason). */
export class RemediationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(t: TenantScope, row: Omit<RemediationRow, 'org_id'>): Promise<void> {
    await t.db
      .insertInto('remediation_item')
      .values({ ...row, org_id: t.orgId })
      .execute();
  }

  find(t: TenantScope, id: string): Promise<RemediationRow | undefined> {
    return t.db.selectFrom('remediation_item').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The unfinished item for a gap key (at most one: a partial unique index). */
  findOpenByMatchKey(t: TenantScope, matchKey: string): Promise<RemediationRow | undefined> {
    return t.db
      .selectFrom('remediation_item')
      .selectAll()
      .where('match_key', '=', matchKey)
      .where('status', '<>', 'completed')
      .executeTakeFirst();
  }

  async findBySource(
    t: TenantScope,
    sourceKind: string,
    sourceId: string,
  ): Promise<RemediationRow | undefined> {
    return (await this.itemsBySource(t, sourceKind, sourceId))[0];
  }

  /** Owners must be members of the organisation (the scope pins membership to it). */
  async isMember(t: TenantScope, userId: string): Promise<boolean> {
    const row = await t.db
      .selectFrom('membership')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Members holding one of `roles` (who may confirm a closure), in a stable order. */
  async memberIdsWithRoles(t: TenantScope, roles: readonly string[]): Promise<string[]> {
    if (roles.length === 0) return [];
    const rows = await t.db
      .selectFrom('membership')
      .select('user_id')
      .where('role', 'in', [...roles])
      .orderBy('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Items answering a finding (through their sources). */
  itemsBySource(t: TenantScope, sourceKind: string, sourceId: string): Promise<RemediationRow[]> {
    return t.db
      .selectFrom('remediation_source')
      .innerJoin('remediation_item', 'remediation_item.id', 'remediation_source.item_id')
      .selectAll('remediation_item')
      .where('remediation_source.source_kind', '=', sourceKind)
      .where('remediation_source.source_id', '=', sourceId)
      .execute();
  }

  /** Updates the row if it still has `version`; false when someone else changed it first. */
  async updateIfVersion(
    t: TenantScope,
    id: string,
    version: number,
    set: Updateable<RemediationItemTable>,
  ): Promise<boolean> {
    const result = await t.db
      .updateTable('remediation_item')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Keyset page ordered by planned completion (undated last), then id. */
  list(
    t: TenantScope,
    filters: RemediationFilters,
    limit: number,
    after?: { due: string; id: string },
  ): Promise<RemediationRow[]> {
    const due = sql<string>`coalesce(planned_completion, '9999-12-31')`;
    let q = t.db.selectFrom('remediation_item').selectAll();
    if (filters.ownerId) q = q.where('owner_id', '=', filters.ownerId);
    if (filters.status) q = q.where('status', '=', filters.status);
    if (filters.sourceKind) q = q.where('source_kind', '=', filters.sourceKind);
    if (filters.dueBefore) q = q.where('planned_completion', '<=', filters.dueBefore);
    if (after)
      q = q.where((eb) =>
        eb.or([eb(due, '>', after.due), eb.and([eb(due, '=', after.due), eb('id', '>', after.id)])]),
      );
    return q.orderBy(due).orderBy('id').limit(limit).execute();
  }

  /** Every item of the organisation (reports), planned completion first. */
  all(t: TenantScope): Promise<RemediationRow[]> {
    return t.db.selectFrom('remediation_item').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  /** Items answering any of the findings `sourceIds` of one kind, each with the finding it answers. */
  itemsForSources(t: TenantScope, sourceKind: string, sourceIds: readonly string[]) {
    if (sourceIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('remediation_source')
      .innerJoin('remediation_item', 'remediation_item.id', 'remediation_source.item_id')
      .selectAll('remediation_item')
      .select('remediation_source.source_id as linked_source_id')
      .where('remediation_source.source_kind', '=', sourceKind)
      .where('remediation_source.source_id', 'in', [...sourceIds])
      .execute();
  }

  /** Items in any of `statuses` (the report's other unfinished items). */
  itemsWithStatus(t: TenantScope, statuses: readonly string[]): Promise<RemediationRow[]> {
    return t.db
      .selectFrom('remediation_item')
      .selectAll()
      .where('status', 'in', [...statuses])
      .execute();
  }

  async addSource(t: TenantScope, row: Omit<SourceRow, 'org_id'>): Promise<void> {
    await t.db
      .insertInto('remediation_source')
      .values({ ...row, org_id: t.orgId })
      .onConflict((oc) => oc.columns(['org_id', 'source_kind', 'source_id']).doNothing())
      .execute();
  }

  sources(t: TenantScope, itemIds: string[]): Promise<SourceRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('remediation_source')
      .selectAll()
      .where('item_id', 'in', itemIds)
      .orderBy('added_at')
      .execute();
  }

  async insertMilestone(t: TenantScope, row: Omit<MilestoneRow, 'org_id'>): Promise<void> {
    await t.db
      .insertInto('remediation_milestone')
      .values({ ...row, org_id: t.orgId })
      .execute();
  }

  async updateMilestone(t: TenantScope, id: string, set: Updateable<RemediationMilestoneTable>) {
    await t.db.updateTable('remediation_milestone').set(set).where('id', '=', id).execute();
  }

  findMilestone(t: TenantScope, id: string): Promise<MilestoneRow | undefined> {
    return t.db.selectFrom('remediation_milestone').selectAll().where('id', '=', id).executeTakeFirst();
  }

  milestones(t: TenantScope, itemIds: string[]): Promise<MilestoneRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('remediation_milestone')
      .selectAll()
      .where('item_id', 'in', itemIds)
      .orderBy('item_id')
      .orderBy('position')
      .execute();
  }

  async insertEvent(t: TenantScope, row: Omit<EventRow, 'org_id'>): Promise<void> {
    await t.db
      .insertInto('remediation_event')
      .values({ ...row, org_id: t.orgId })
      .execute();
  }

  events(t: TenantScope, itemIds: string[]): Promise<EventRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('remediation_event')
      .selectAll()
      .where('item_id', 'in', itemIds)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  async insertAcceptance(t: TenantScope, row: Omit<AcceptanceRow, 'org_id'>): Promise<void> {
    await t.db
      .insertInto('risk_acceptance')
      .values({ ...row, org_id: t.orgId })
      .execute();
  }

  acceptances(t: TenantScope, itemIds: string[]): Promise<AcceptanceRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('risk_acceptance')
      .selectAll()
      .where('item_id', 'in', itemIds)
      .orderBy('approved_at')
      .execute();
  }

  activeAcceptance(t: TenantScope, itemId: string): Promise<AcceptanceRow | undefined> {
    return t.db
      .selectFrom('risk_acceptance')
      .selectAll()
      .where('item_id', '=', itemId)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  /** Ends an active acceptance; false when it was no longer active (another run ended it). */
  async endAcceptance(
    t: TenantScope,
    id: string,
    status: string,
    at: string,
    reason: string,
  ): Promise<boolean> {
    const result = await t.db
      .updateTable('risk_acceptance')
      .set({ status, ended_at: at, ended_reason: reason })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Active acceptances past their expiry, in every organisation (the daily expiry job). */
  expiredEverywhere(today: string) {
    return crossTenant(this.db, 'the risk-acceptance expiry job reads every organisation’s acceptances')
      .selectFrom('risk_acceptance')
      .select(['id', 'org_id', 'item_id'])
      .where('status', '=', 'active')
      .where('expires_on', '<', today)
      .orderBy('id')
      .limit(1000)
      .execute();
  }
}
