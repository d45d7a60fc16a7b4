import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseKind } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Db } from '../assessments/assessments.repository.js';
import type { JobScheduleTable, JobTable } from './scheduler.tables.js';

export type JobRow = Selectable<JobTable>;
export type ScheduleRow = Selectable<JobScheduleTable>;

export interface NewJob {
  name: string;
  key: string;
  payload: unknown;
  runAt: string;
  maxAttempts: number;
}

/** Queries on the platform's `job` and `job_schedule` tables (not tenant data: a payload names its organisation). */
export class SchedulerRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
  ) {}

  /** Inserts the job unless its key exists; true when this call created it. Joins `db` when it is a transaction. */
  async insertJob(job: NewJob, now: string, db: Db = this.db): Promise<boolean> {
    const result = await db
      .insertInto('job')
      .values({
        id: randomUUID(),
        name: job.name,
        key: job.key,
        payload: JSON.stringify(job.payload ?? null),
        status: 'queued',
        run_at: job.runAt,
        attempts: 0,
        max_attempts: job.maxAttempts,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /**
   * Takes up to `limit` runnable jobs of the given names for `owner`: queued and due, or running with a
   * lapsed lease (their process died). One statement: on PostgreSQL the candidates are locked with
   * FOR UPDATE SKIP LOCKED, so instances sharing the database never take the same job; SQLite runs one
   * writer at a time. Each claim counts an attempt, which doubles as the fencing token of the run.
   */
  async claim(names: string[], owner: string, now: string, leaseUntil: string, limit: number) {
    if (names.length === 0) return [];
    let candidates = this.db
      .selectFrom('job')
      .select('id')
      .where('name', 'in', names)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .limit(limit);
    if (this.kind === 'postgres') candidates = candidates.forUpdate().skipLocked();
    return this.db
      .updateTable('job')
      .set((eb) => ({
        status: 'running',
        locked_by: owner,
        locked_until: leaseUntil,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('id', 'in', candidates)
      .returningAll()
      .execute();
  }

  /** Records a run's outcome, but only if this run still holds the job (same attempt, still running). */
  async finish(
    job: { id: string; attempts: number },
    outcome: Pick<JobRow, 'status' | 'run_at' | 'last_error' | 'finished_at'>,
    now: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('job')
      .set({ ...outcome, locked_by: null, locked_until: null, updated_at: now })
      .where('id', '=', job.id)
      .where('attempts', '=', job.attempts)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  schedules(): Promise<ScheduleRow[]> {
    return this.db.selectFrom('job_schedule').selectAll().orderBy('name').execute();
  }

  async upsertSchedule(name: string, pattern: string, timezone: string, nextRunAt: string, now: string) {
    await this.db
      .insertInto('job_schedule')
      .values({
        name,
        pattern,
        timezone,
        next_run_at: nextRunAt,
        last_run_at: null,
        last_status: null,
        last_error: null,
        failures: 0,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    // A changed pattern takes effect from its next occurrence.
    await this.db
      .updateTable('job_schedule')
      .set({ pattern, timezone, next_run_at: nextRunAt, updated_at: now })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('pattern', '<>', pattern), eb('timezone', '<>', timezone)]))
      .execute();
  }

  /** Moves a schedule from `from` to `to`; false when another instance already did (compare-and-set). */
  async advanceSchedule(name: string, from: string, to: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('job_schedule')
      .set({ next_run_at: to, updated_at: now })
      .where('name', '=', name)
      .where('next_run_at', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async recordScheduleRun(name: string, ok: boolean, error: string | null, now: string): Promise<void> {
    await this.db
      .updateTable('job_schedule')
      .set((eb) => ({
        last_run_at: now,
        last_status: ok ? 'done' : 'failed',
        last_error: error,
        failures: ok ? 0 : eb('failures', '+', 1),
        updated_at: now,
      }))
      .where('name', '=', name)
      .execute();
  }

  /** Per job name: counts by status, the last finished run and the last error (SQL aggregates). */
  jobSummary() {
    return this.db
      .selectFrom('job')
      .select((eb) => [
        'name',
        eb.fn.countAll<number>().filterWhere('status', '=', 'queued').as('queued'),
        eb.fn.countAll<number>().filterWhere('status', '=', 'running').as('running'),
        eb.fn.countAll<number>().filterWhere('status', '=', 'failed').as('failed'),
        eb.fn.countAll<number>().filterWhere('status', '=', 'done').as('done'),
        eb.fn.max('finished_at').as('last_finished_at'),
      ])
      .groupBy('name')
      .execute();
  }

  recentFailures(limit: number) {
    return this.db
      .selectFrom('job')
      .select(['name', 'key', 'attempts', 'last_error', 'updated_at', 'status'])
      .where('last_error', 'is not', null)
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute();
  }

  findByKey(key: string) {
    return this.db.selectFrom('job').selectAll().where('key', '=', key).executeTakeFirst();
  }
}
