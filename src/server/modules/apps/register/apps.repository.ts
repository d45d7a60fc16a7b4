import { type Selectable, sql } from 'kysely';
import type { TenantScope } from '../../../db/tenancy/tenant-scope.js';
import type {
  AppNotificationTemplateTable,
  AppReleaseFindingTable,
  AppReleaseTable,
  AppRiskAcceptanceTable,
  AppVendorAttestationTable,
  MobileAppControlTable,
  MobileAppTable,
} from './apps.tables.js';

export type AppRow = Selectable<MobileAppTable>;
export type ControlRow = Selectable<MobileAppControlTable>;
export type ReleaseRow = Selectable<AppReleaseTable>;
export type FindingRow = Selectable<AppReleaseFindingTable>;
export type AcceptanceRow = Selectable<AppRiskAcceptanceTable>;
export type AttestationRow = Selectable<AppVendorAttestationTable>;
export type TemplateRow = Selectable<AppNotificationTemplateTable>;

/** The app register's queries, always through the caller's tenant scope. */
export class AppsRepository {
  insertApp(t: TenantScope, row: AppRow) {
    return t.db.insertInto('mobile_app').values(row).execute();
  }

  findApp(t: TenantScope, id: string): Promise<AppRow | undefined> {
    return t.db.selectFrom('mobile_app').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findAppByBundle(t: TenantScope, bundleId: string): Promise<AppRow | undefined> {
    return t.db.selectFrom('mobile_app').selectAll().where('bundle_id', '=', bundleId).executeTakeFirst();
  }

  /** The apps a member owns (the register's answer when that member leaves or changes role). */
  appsOwnedBy(t: TenantScope, userId: string): Promise<AppRow[]> {
    return t.db
      .selectFrom('mobile_app')
      .selectAll()
      .where('owner_user_id', '=', userId)
      .orderBy('name')
      .orderBy('id')
      .execute();
  }

  listApps(t: TenantScope, limit: number, after?: { name: string; id: string }, bundleId?: string) {
    let query = t.db.selectFrom('mobile_app').selectAll();
    if (bundleId !== undefined) query = query.where('bundle_id', '=', bundleId);
    if (after)
      query = query.where((eb) =>
        eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
      );
    return query.orderBy('name').orderBy('id').limit(limit).execute();
  }

  async updateAppIfVersion(t: TenantScope, id: string, version: number, patch: Partial<AppRow>) {
    const result = await t.db
      .updateTable('mobile_app')
      .set({ ...patch, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  listControls(t: TenantScope, appIds: string[]): Promise<ControlRow[]> {
    if (appIds.length === 0) return Promise.resolve([]);
    return t.db.selectFrom('mobile_app_control').selectAll().where('app_id', 'in', appIds).execute();
  }

  upsertControl(t: TenantScope, row: ControlRow) {
    const { org_id: _org, app_id: _app, control: _control, ...changes } = row;
    return t.db
      .insertInto('mobile_app_control')
      .values(row)
      .onConflict((oc) => oc.columns(['org_id', 'app_id', 'control']).doUpdateSet(changes))
      .execute();
  }

  insertRelease(t: TenantScope, row: ReleaseRow) {
    return t.db.insertInto('app_release').values(row).execute();
  }

  findRelease(t: TenantScope, id: string): Promise<ReleaseRow | undefined> {
    return t.db.selectFrom('app_release').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findReleaseByBuild(t: TenantScope, appId: string, appVersion: string, build: string) {
    return t.db
      .selectFrom('app_release')
      .selectAll()
      .where('app_id', '=', appId)
      .where('app_version', '=', appVersion)
      .where('build_number', '=', build)
      .executeTakeFirst();
  }

  /** Newest first, keyset on (created_at, id). */
  listReleases(t: TenantScope, appId: string, limit: number, after?: { createdAt: string; id: string }) {
    let query = t.db.selectFrom('app_release').selectAll().where('app_id', '=', appId);
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** Each app's most recent release (by creation), one query for the whole register. */
  latestReleases(t: TenantScope): Promise<ReleaseRow[]> {
    return t.db
      .selectFrom('app_release as r')
      .selectAll('r')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('app_release as newer')
              .select('newer.id')
              .whereRef('newer.app_id', '=', 'r.app_id')
              .where((eb) =>
                eb.or([
                  eb('newer.created_at', '>', eb.ref('r.created_at')),
                  eb.and([
                    eb('newer.created_at', '=', eb.ref('r.created_at')),
                    eb('newer.id', '>', eb.ref('r.id')),
                  ]),
                ]),
              ),
          ),
        ),
      )
      .execute();
  }

  async updateReleaseIfVersion(t: TenantScope, id: string, version: number, patch: Partial<ReleaseRow>) {
    const result = await t.db
      .updateTable('app_release')
      .set({ ...patch, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async replaceFindings(t: TenantScope, releaseId: string, rows: FindingRow[]) {
    await t.db.deleteFrom('app_release_finding').where('release_id', '=', releaseId).execute();
    // Chunks keep each statement under both databases' bound-parameter limits.
    for (let i = 0; i < rows.length; i += 500)
      await t.db
        .insertInto('app_release_finding')
        .values(rows.slice(i, i + 500))
        .execute();
  }

  listFindings(t: TenantScope, releaseId: string, limit: number): Promise<FindingRow[]> {
    return t.db
      .selectFrom('app_release_finding')
      .selectAll()
      .where('release_id', '=', releaseId)
      .orderBy('clause')
      .orderBy('rule_id')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Counts per (clause, MASVS group, severity), aggregated in SQL. */
  findingGroups(t: TenantScope, releaseId: string) {
    return t.db
      .selectFrom('app_release_finding')
      .select(['clause', 'masvs_group', 'severity', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('release_id', '=', releaseId)
      .groupBy(['clause', 'masvs_group', 'severity'])
      .execute();
  }

  /** Per release: how many findings come from secret and personal-data rules (items 61). */
  stringFindingCounts(t: TenantScope, releaseIds: string[]) {
    if (releaseIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('app_release_finding')
      .select([
        'release_id',
        (eb) =>
          eb.fn
            .sum<number | string>(eb.case().when('rule_id', 'like', 'secret-%').then(1).else(0).end())
            .as('secrets'),
        (eb) =>
          eb.fn
            .sum<number | string>(eb.case().when('rule_id', 'like', 'pii-%').then(1).else(0).end())
            .as('pii'),
      ])
      .where('release_id', 'in', releaseIds)
      .groupBy('release_id')
      .execute();
  }

  insertAcceptance(t: TenantScope, row: AcceptanceRow) {
    return t.db.insertInto('app_risk_acceptance').values(row).execute();
  }

  listAcceptances(t: TenantScope, releaseIds: string[]): Promise<AcceptanceRow[]> {
    if (releaseIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('app_risk_acceptance')
      .selectAll()
      .where('release_id', 'in', releaseIds)
      .orderBy('accepted_at')
      .execute();
  }

  insertAttestation(t: TenantScope, row: AttestationRow) {
    return t.db.insertInto('app_vendor_attestation').values(row).execute();
  }

  findAttestation(t: TenantScope, id: string): Promise<AttestationRow | undefined> {
    return t.db.selectFrom('app_vendor_attestation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listAttestations(t: TenantScope, releaseIds: string[]): Promise<AttestationRow[]> {
    if (releaseIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('app_vendor_attestation')
      .selectAll()
      .where('release_id', 'in', releaseIds)
      .orderBy('due_date')
      .orderBy('id')
      .execute();
  }

  async updateAttestationIfVersion(
    t: TenantScope,
    id: string,
    version: number,
    patch: Partial<AttestationRow>,
  ) {
    const result = await t.db
      .updateTable('app_vendor_attestation')
      .set({ ...patch, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  insertTemplate(t: TenantScope, row: TemplateRow) {
    return t.db.insertInto('app_notification_template').values(row).execute();
  }

  findTemplate(t: TenantScope, id: string): Promise<TemplateRow | undefined> {
    return t.db.selectFrom('app_notification_template').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listTemplates(t: TenantScope, appId: string): Promise<TemplateRow[]> {
    return t.db
      .selectFrom('app_notification_template')
      .selectAll()
      .where('app_id', '=', appId)
      .orderBy('name')
      .orderBy('id')
      .limit(500)
      .execute();
  }

  async updateTemplateIfVersion(t: TenantScope, id: string, version: number, patch: Partial<TemplateRow>) {
    const result = await t.db
      .updateTable('app_notification_template')
      .set({ ...patch, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
