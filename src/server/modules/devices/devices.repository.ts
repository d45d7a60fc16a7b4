import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { DeviceEventTable, DeviceImportTable, DeviceTable } from './devices.tables.js';

export type DeviceRow = Selectable<DeviceTable>;
export type DeviceEventRow = Selectable<DeviceEventTable>;
export type DeviceImportRow = Selectable<DeviceImportTable>;

export interface DeviceFilters {
  platform?: string;
  ownership?: string;
  posture?: 'failing' | 'unknown';
  /** Last check-in before this instant (or none at all). */
  staleBefore?: string;
  scope?: 'in' | 'excluded';
  missing?: boolean;
  holderUserId?: string;
}

/** Rows per multi-row statement: 31 columns × 400 stays far below both dialects' parameter limits. */
const BATCH = 400;

/** The device register through the caller's tenant scope. */
export class DevicesRepository {
  find(t: TenantScope, id: string): Promise<DeviceRow | undefined> {
    return t.db.selectFrom('device').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Keyset pagination by name, then id. */
  list(t: TenantScope, filters: DeviceFilters, limit: number, after?: { name: string; id: string }) {
    let query = t.db.selectFrom('device').selectAll();
    if (filters.platform) query = query.where('platform', '=', filters.platform);
    if (filters.ownership) query = query.where('ownership', '=', filters.ownership);
    if (filters.posture === 'failing') query = query.where('failing', '>', 0);
    if (filters.posture === 'unknown') query = query.where('unknown', '>', 0);
    if (filters.scope) query = query.where('in_scope', '=', filters.scope === 'in' ? 1 : 0);
    if (filters.missing) query = query.where('missing_since', 'is not', null);
    if (filters.holderUserId) query = query.where('holder_user_id', '=', filters.holderUserId);
    if (filters.staleBefore) {
      const before = filters.staleBefore;
      query = query.where((eb) => eb.or([eb('last_check_in', 'is', null), eb('last_check_in', '<', before)]));
    }
    if (after)
      query = query.where((eb) =>
        eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
      );
    return query.orderBy('name').orderBy('id').limit(limit).execute();
  }

  /** Every device, in id order, a page at a time: the summary and the policy recompute stream through this. */
  async *all(t: TenantScope, pageSize = 2_000): AsyncGenerator<DeviceRow[]> {
    let after = '';
    for (;;) {
      const page = await t.db
        .selectFrom('device')
        .selectAll()
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute();
      if (page.length === 0) return;
      yield page;
      after = page.at(-1)!.id;
    }
  }

  async insert(t: TenantScope, row: Insertable<DeviceTable>): Promise<void> {
    await t.db.insertInto('device').values(row).execute();
  }

  /** Optimistic update: false when the version moved on. */
  async update(t: TenantScope, id: string, version: number, set: Updateable<DeviceTable>): Promise<boolean> {
    const result = await t.db
      .updateTable('device')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Writes whole rows, new or existing, in multi-row statements (INSERT … ON CONFLICT (id) DO UPDATE):
   * a 50,000-row import is about 125 statements, not 50,000.
   */
  async upsertMany(t: TenantScope, rows: Array<Insertable<DeviceTable>>): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      await t.db
        .insertInto('device')
        .values(rows.slice(i, i + BATCH))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            version: sql<number>`device.version + 1`,
            name: eb.ref('excluded.name'),
            type: eb.ref('excluded.type'),
            platform: eb.ref('excluded.platform'),
            os_version: eb.ref('excluded.os_version'),
            model: eb.ref('excluded.model'),
            serial_number: eb.ref('excluded.serial_number'),
            imei: eb.ref('excluded.imei'),
            holder_name: eb.ref('excluded.holder_name'),
            holder_phone: eb.ref('excluded.holder_phone'),
            holder_user_id: eb.ref('excluded.holder_user_id'),
            department: eb.ref('excluded.department'),
            ownership: eb.ref('excluded.ownership'),
            handles_sensitive: eb.ref('excluded.handles_sensitive'),
            connects_directly: eb.ref('excluded.connects_directly'),
            mdm_source: eb.ref('excluded.mdm_source'),
            mdm_device_id: eb.ref('excluded.mdm_device_id'),
            enrolled: eb.ref('excluded.enrolled'),
            last_check_in: eb.ref('excluded.last_check_in'),
            posture: eb.ref('excluded.posture'),
            failing: eb.ref('excluded.failing'),
            unknown: eb.ref('excluded.unknown'),
            in_scope: eb.ref('excluded.in_scope'),
            missing_since: eb.ref('excluded.missing_since'),
            last_import_id: eb.ref('excluded.last_import_id'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  /** Sets the evaluated columns of many devices, one statement per distinct result and batch. */
  async setEvaluations(
    t: TenantScope,
    evaluations: Array<{ id: string; failing: number; unknown: number; in_scope: number }>,
  ): Promise<void> {
    const groups = new Map<string, string[]>();
    for (const e of evaluations) {
      const key = `${e.failing}:${e.unknown}:${e.in_scope}`;
      groups.set(key, [...(groups.get(key) ?? []), e.id]);
    }
    for (const [key, ids] of groups) {
      const [failing, unknown, inScope] = key.split(':').map(Number) as [number, number, number];
      for (let i = 0; i < ids.length; i += BATCH)
        await t.db
          .updateTable('device')
          .set({ failing, unknown, in_scope: inScope })
          .where('id', 'in', ids.slice(i, i + BATCH))
          .execute();
    }
  }

  async insertImport(t: TenantScope, row: DeviceImportRow): Promise<void> {
    await t.db.insertInto('device_import').values(row).execute();
  }

  listImports(t: TenantScope, limit: number): Promise<DeviceImportRow[]> {
    return t.db.selectFrom('device_import').selectAll().orderBy('imported_at', 'desc').limit(limit).execute();
  }

  async insertEvent(t: TenantScope, row: DeviceEventRow): Promise<void> {
    await t.db.insertInto('device_event').values(row).execute();
  }

  listEvents(t: TenantScope, deviceId: string): Promise<DeviceEventRow[]> {
    return t.db
      .selectFrom('device_event')
      .selectAll()
      .where('device_id', '=', deviceId)
      .orderBy('recorded_at')
      .orderBy('id')
      .execute();
  }

  /** Active devices a member holds (the register's answer to a departure). */
  heldBy(t: TenantScope, userId: string): Promise<DeviceRow[]> {
    return t.db
      .selectFrom('device')
      .selectAll()
      .where('holder_user_id', '=', userId)
      .where('status', '=', 'active')
      .orderBy('name')
      .execute();
  }

  async countBy(t: TenantScope, table: 'allowed_app' | 'device_document', kind?: string): Promise<number> {
    let query = t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (kind && table === 'device_document') query = query.where('kind', '=', kind);
    const row = await query.executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
