/** Scheduler and due-date tables (migration 0011). Conventions: docs/architecture.md. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobTable {
  id: string;
  name: string;
  /** Idempotency key: one job per key, ever (e.g. `reminder:{entity}:{due}:{offset}`). */
  key: string;
  /** JSON */
  payload: string;
  status: JobStatus;
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  /** A running job's lease; past it, the job is taken to have died and is claimed again. */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface JobScheduleTable {
  name: string;
  /** croner pattern, evaluated in `timezone` (Asia/Taipei). */
  pattern: string;
  timezone: string;
  next_run_at: string;
  last_run_at: string | null;
  last_status: string | null;
  last_error: string | null;
  failures: number;
  updated_at: string;
}

export interface DueDateTable {
  id: string;
  org_id: string;
  /** The module's kind of record, e.g. `remediation`, `provider-audit`, `privacy-review`. */
  source_kind: string;
  source_id: string;
  title: string;
  /** Path inside the web app that opens the record. */
  link: string;
  owner_id: string | null;
  /** Calendar date (YYYY-MM-DD, Asia/Taipei). */
  due_on: string;
  /** JSON {@link Recurrence} or null for a one-off due date. */
  recurrence: string | null;
  completed_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface SchedulerTables {
  job: JobTable;
  job_schedule: JobScheduleTable;
  due_date: DueDateTable;
}
