import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant, type TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { CheckEndpointTable, CheckRunTable } from './checks.tables.js';

export type CheckEndpointRow = Selectable<CheckEndpointTable>;
export type CheckRunRow = Selectable<CheckRunTable>;
/** The run columns an endpoint list shows, without the raw observations. */
export type RunSummary = Pick<
  CheckRunRow,
  | 'id'
  | 'started_at'
  | 'verdict'
  | 'error_code'
  | 'certificate_not_after'
  | 'profile_name'
  | 'profile_version'
>;
export type EndpointWithLatest = CheckEndpointRow & { latest: RunSummary | null };

const SUMMARY_COLUMNS = [
  'id',
  'started_at',
  'verdict',
  'error_code',
  'certificate_not_after',
  'profile_name',
  'profile_version',
] as const;

/** Check endpoints and their runs, through the caller's tenant scope (the scheduler's claim excepted). */
export class ChecksRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertEndpoint(t: TenantScope, row: Insertable<CheckEndpointTable>): Promise<void> {
    await t.db.insertInto('check_endpoint').values(row).execute();
  }

  findEndpoint(t: TenantScope, id: string): Promise<CheckEndpointRow | undefined> {
    return t.db.selectFrom('check_endpoint').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findEndpointByTarget(
    t: TenantScope,
    target: { kind: string; host: string; port: number },
  ): Promise<CheckEndpointRow | undefined> {
    return t.db
      .selectFrom('check_endpoint')
      .selectAll()
      .where('kind', '=', target.kind)
      .where('host', '=', target.host)
      .where('port', '=', target.port)
      .executeTakeFirst();
  }

  async updateEndpointIfVersion(
    t: TenantScope,
    id: string,
    expectedVersion: number,
    patch: Updateable<CheckEndpointTable>,
  ): Promise<boolean> {
    const result = await t.db
      .updateTable('check_endpoint')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Bookkeeping after a run (latest run, next run, expiry notice); not a user edit, so the version stays. */
  async recordRunOnEndpoint(
    t: TenantScope,
    id: string,
    patch: Pick<
      Updateable<CheckEndpointTable>,
      'last_run_id' | 'next_run_at' | 'expiry_notified_fingerprint'
    >,
  ): Promise<void> {
    await t.db.updateTable('check_endpoint').set(patch).where('id', '=', id).execute();
  }

  /**
   * Endpoints by host and id (keyset), each with its latest run's summary in the same query; optionally
   * one provider's, or only enabled ones.
   */
  async listEndpoints(
    t: TenantScope,
    filter: { providerId?: string; enabledOnly?: boolean; only?: string },
    limit: number,
    after?: { host: string; id: string },
  ): Promise<EndpointWithLatest[]> {
    let query = t.db
      .selectFrom('check_endpoint')
      .leftJoin('check_run', 'check_run.id', 'check_endpoint.last_run_id')
      .selectAll('check_endpoint')
      .select(SUMMARY_COLUMNS.map((c) => `check_run.${c} as run_${c}` as const));
    if (filter.providerId) query = query.where('check_endpoint.provider_id', '=', filter.providerId);
    if (filter.only) query = query.where('check_endpoint.id', '=', filter.only);
    if (filter.enabledOnly) query = query.where('check_endpoint.enabled', '=', 1);
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('check_endpoint.host', '>', after.host),
          eb.and([eb('check_endpoint.host', '=', after.host), eb('check_endpoint.id', '>', after.id)]),
        ]),
      );
    const rows = await query
      .orderBy('check_endpoint.host')
      .orderBy('check_endpoint.id')
      .limit(limit)
      .execute();
    return rows.map((row) => {
      const { run_id, run_started_at, run_verdict, run_error_code, run_certificate_not_after, ...rest } = row;
      const endpoint = { ...rest } as Record<string, unknown>;
      delete endpoint.run_profile_name;
      delete endpoint.run_profile_version;
      return {
        ...(endpoint as CheckEndpointRow),
        latest: run_id
          ? {
              id: run_id,
              started_at: run_started_at!,
              verdict: run_verdict!,
              error_code: run_error_code ?? null,
              certificate_not_after: run_certificate_not_after ?? null,
              profile_name: row.run_profile_name!,
              profile_version: row.run_profile_version!,
            }
          : null,
      };
    });
  }

  async insertRun(t: TenantScope, row: Insertable<CheckRunTable>): Promise<void> {
    await t.db.insertInto('check_run').values(row).execute();
  }

  async setRunEvidence(t: TenantScope, runId: string, evidenceId: string): Promise<void> {
    await t.db.updateTable('check_run').set({ evidence_id: evidenceId }).where('id', '=', runId).execute();
  }

  findRun(t: TenantScope, id: string): Promise<CheckRunRow | undefined> {
    return t.db.selectFrom('check_run').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** One endpoint's runs, newest first (keyset on started_at, id), without the raw observations. */
  listRuns(
    t: TenantScope,
    endpointId: string,
    limit: number,
    after?: { startedAt: string; id: string },
  ): Promise<Array<RunSummary & Pick<CheckRunRow, 'trigger' | 'duration_ms' | 'target' | 'evidence_id'>>> {
    let query = t.db
      .selectFrom('check_run')
      .select([...SUMMARY_COLUMNS, 'trigger', 'duration_ms', 'target', 'evidence_id'])
      .where('endpoint_id', '=', endpointId);
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('started_at', '<', after.startedAt),
          eb.and([eb('started_at', '=', after.startedAt), eb('id', '<', after.id)]),
        ]),
      );
    return query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** The latest certificate expiry of every TLS endpoint that has one, soonest first. */
  certificateCalendar(t: TenantScope, limit: number) {
    return t.db
      .selectFrom('check_endpoint')
      .innerJoin('check_run', 'check_run.id', 'check_endpoint.last_run_id')
      .select([
        'check_endpoint.id as endpoint_id',
        'check_endpoint.provider_id',
        'check_endpoint.host',
        'check_endpoint.port',
        'check_endpoint.purpose',
        'check_endpoint.owner_user_id',
        'check_run.id as run_id',
        'check_run.started_at',
        'check_run.certificate_not_after',
      ])
      .where('check_run.certificate_not_after', 'is not', null)
      .orderBy('check_run.certificate_not_after')
      .orderBy('check_endpoint.id')
      .limit(limit)
      .execute();
  }

  /**
   * The scheduler's one cross-tenant read: enabled endpoints of every organisation whose next run is due
   * at `now`, oldest first.
   */
  listDue(now: string, limit: number, orgId?: string): Promise<CheckEndpointRow[]> {
    let query = crossTenant(this.db, 'endpoints of every organisation due for a scheduled check')
      .selectFrom('check_endpoint')
      .selectAll()
      .where('enabled', '=', 1)
      .where('next_run_at', '<=', now);
    if (orgId) query = query.where('org_id', '=', orgId);
    return query.orderBy('next_run_at').orderBy('id').limit(limit).execute();
  }

  /**
   * Takes a due endpoint for this process: moves `next_run_at` on only if it is still the value read, so
   * two instances never run the same scheduled check twice.
   */
  async claim(t: TenantScope, id: string, seenNextRunAt: string, nextRunAt: string): Promise<boolean> {
    const result = await t.db
      .updateTable('check_endpoint')
      .set({ next_run_at: nextRunAt })
      .where('id', '=', id)
      .where('next_run_at', '=', seenNextRunAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
