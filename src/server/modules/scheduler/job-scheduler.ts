import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { CALENDAR_TIME_ZONE, type Clock } from '../../platform/clock.js';
import { causeOf } from '../../platform/errors.js';
import type { ProcessLogger } from '../../platform/process-logger.js';
import type { Db } from '../assessments/assessments.repository.js';
import { retryDelayMs } from './backoff.js';
import type { JobRow, SchedulerRepository } from './scheduler.repository.js';

/** What a handler is given. Handlers must be safe to run again: a retried or resumed job runs again. */
export interface JobContext<P = unknown> {
  jobId: string;
  key: string;
  payload: P;
  /** 1 on the first run, 2 on the first retry … */
  attempt: number;
  /** The scheduler's clock at the start of the run. */
  now: Date;
}

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<void>;

export interface JobOptions {
  /** Runs before the job is failed for good (default 5). */
  maxAttempts?: number;
}

export interface EnqueueInput<P = unknown> {
  /** Idempotency key: the same key is one job, ever (e.g. `reminder:remediation:{id}:{due}:7`). */
  key: string;
  payload: P;
  /** Not before this instant (default now). */
  runAt?: Date;
}

export interface TickResult {
  scheduled: number;
  ran: number;
  failed: number;
}

export interface JobOverview {
  name: string;
  pattern: string | null;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastStatus: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  queued: number;
  running: number;
  failed: number;
  done: number;
}

interface Registration {
  handler: JobHandler<never>;
  maxAttempts: number;
  pattern?: string;
}

const DEFAULT_LEASE_MS = 5 * 60_000;

/**
 * The one scheduler (docs/remediation.md, "Scheduler"): jobs live in the database, so instances sharing a
 * PostgreSQL share the work and SQLite needs nothing else. Modules register named handlers (`define`) and
 * recurring schedules (`recurring`, croner patterns in Asia/Taipei) at start-up, and enqueue keyed one-off
 * jobs (`enqueue`) inside their own transactions. `tick()` does one round; `start()` repeats it.
 */
export class JobScheduler {
  private readonly registrations = new Map<string, Registration>();
  private readonly owner = `instance-${randomUUID()}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly repo: SchedulerRepository,
    private readonly clock: Clock,
    private readonly log: ProcessLogger,
    private readonly leaseMs = DEFAULT_LEASE_MS,
  ) {}

  /** Registers the handler for jobs named `name` (one-off jobs enqueued by key). */
  define<P>(name: string, handler: JobHandler<P>, options: JobOptions = {}): void {
    if (this.registrations.has(name)) throw new Error(`job ${name} is defined twice`);
    this.registrations.set(name, {
      handler: handler as JobHandler<never>,
      maxAttempts: options.maxAttempts ?? 5,
    });
  }

  /** Registers a recurring job: each occurrence of `pattern` (Asia/Taipei) becomes one keyed job. */
  recurring(name: string, pattern: string, handler: JobHandler<null>, options: JobOptions = {}): void {
    new Cron(pattern, { timezone: CALENDAR_TIME_ZONE, paused: true });
    this.define(name, handler, options);
    this.registrations.get(name)!.pattern = pattern;
  }

  names(): string[] {
    return [...this.registrations.keys()].sort();
  }

  /**
   * Queues a one-off job; a key already queued (or run) is not queued again. Pass the caller's
   * transaction as `db` to queue the job with the change that causes it. True when newly queued.
   */
  async enqueue<P>(name: string, input: EnqueueInput<P>, db?: Db): Promise<boolean> {
    const registration = this.registrations.get(name);
    if (!registration) throw new Error(`job ${name} is not defined`);
    const now = this.clock.now();
    return this.repo.insertJob(
      {
        name,
        key: input.key,
        payload: input.payload,
        runAt: (input.runAt ?? now).toISOString(),
        maxAttempts: registration.maxAttempts,
      },
      now.toISOString(),
      db,
    );
  }

  /** Writes each recurring job's schedule row (first occurrence from now); a changed pattern replaces it. */
  async syncSchedules(): Promise<void> {
    const now = this.clock.now();
    for (const [name, registration] of this.registrations) {
      if (!registration.pattern) continue;
      const next = this.nextOccurrence(registration.pattern, now);
      await this.repo.upsertSchedule(name, registration.pattern, CALENDAR_TIME_ZONE, next, now.toISOString());
    }
  }

  /** One round: due schedule occurrences become jobs, then runnable jobs are claimed and run in turn. */
  async tick(batch = 20): Promise<TickResult> {
    const scheduled = await this.materialiseSchedules();
    const now = this.clock.now();
    const claimed = await this.repo.claim(
      this.names(),
      this.owner,
      now.toISOString(),
      new Date(now.getTime() + this.leaseMs).toISOString(),
      batch,
    );
    let failed = 0;
    for (const job of claimed) if (!(await this.run(job))) failed += 1;
    return { scheduled, ran: claimed.length, failed };
  }

  /** Operators' "run now": queues an extra run of `name` and runs everything due. */
  async runNow(name: string, payload: unknown = null): Promise<TickResult> {
    await this.syncOnce();
    await this.enqueue(name, {
      key: `${name}:manual:${this.clock.now().toISOString()}:${randomUUID()}`,
      payload,
    });
    return this.tick();
  }

  /** Ticks every `intervalMs` until `stop()`; a round never overlaps the previous one. */
  start(intervalMs = 15_000): void {
    if (this.timer) return;
    const round = () => {
      if (this.running) return;
      this.running = this.syncOnce()
        .then(() => this.tick())
        .catch((error) => this.log.warn({ cause: causeOf(error, 'scheduler') }, 'scheduler round failed'))
        .finally(() => {
          this.running = null;
        });
    };
    this.timer = setInterval(round, intervalMs);
    this.timer.unref();
    round();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Platform administrators' view: every job name with its schedule, counts and last failure. */
  async overview(): Promise<JobOverview[]> {
    const [schedules, summary] = await Promise.all([this.repo.schedules(), this.repo.jobSummary()]);
    const byName = new Map(summary.map((s) => [s.name, s]));
    const scheduleByName = new Map(schedules.map((s) => [s.name, s]));
    const names = new Set([...this.names(), ...byName.keys(), ...scheduleByName.keys()]);
    return [...names].sort().map((name) => {
      const s = scheduleByName.get(name);
      const c = byName.get(name);
      return {
        name,
        pattern: s?.pattern ?? null,
        nextRunAt: s?.next_run_at ?? null,
        lastRunAt: s?.last_run_at ?? (c?.last_finished_at as string | null | undefined) ?? null,
        lastStatus: s?.last_status ?? null,
        lastError: s?.last_error ?? null,
        consecutiveFailures: s?.failures ?? 0,
        queued: Number(c?.queued ?? 0),
        running: Number(c?.running ?? 0),
        failed: Number(c?.failed ?? 0),
        done: Number(c?.done ?? 0),
      };
    });
  }

  recentFailures(limit = 20) {
    return this.repo.recentFailures(limit);
  }

  private synced = false;
  private async syncOnce(): Promise<void> {
    if (this.synced) return;
    await this.syncSchedules();
    this.synced = true;
  }

  private nextOccurrence(pattern: string, after: Date): string {
    const next = new Cron(pattern, { timezone: CALENDAR_TIME_ZONE, paused: true }).nextRun(after);
    if (!next) throw new Error(`schedule ${pattern} has no next occurrence`);
    return next.toISOString();
  }

  /**
   * Each due occurrence is claimed by compare-and-set on `next_run_at` and queued under the key
   * `{name}@{occurrence}`, so two instances (or a restart) never queue one occurrence twice. Missed
   * occurrences while everything was down collapse into one run.
   */
  private async materialiseSchedules(): Promise<number> {
    const now = this.clock.now();
    let queued = 0;
    for (const schedule of await this.repo.schedules()) {
      const registration = this.registrations.get(schedule.name);
      if (!registration?.pattern || schedule.next_run_at > now.toISOString()) continue;
      const next = this.nextOccurrence(registration.pattern, now);
      if (!(await this.repo.advanceSchedule(schedule.name, schedule.next_run_at, next, now.toISOString())))
        continue;
      if (
        await this.repo.insertJob(
          {
            name: schedule.name,
            key: `${schedule.name}@${schedule.next_run_at}`,
            payload: null,
            runAt: schedule.next_run_at,
            maxAttempts: registration.maxAttempts,
          },
          now.toISOString(),
        )
      )
        queued += 1;
    }
    return queued;
  }

  private async run(job: JobRow): Promise<boolean> {
    const registration = this.registrations.get(job.name)!;
    const started = this.clock.now();
    try {
      await registration.handler({
        jobId: job.id,
        key: job.key,
        payload: JSON.parse(job.payload) as never,
        attempt: job.attempts,
        now: started,
      });
      const at = this.clock.now().toISOString();
      await this.repo.finish(
        job,
        { status: 'done', run_at: job.run_at, last_error: null, finished_at: at },
        at,
      );
      if (registration.pattern) await this.repo.recordScheduleRun(job.name, true, null, at);
      return true;
    } catch (error) {
      const cause = causeOf(error, job.name);
      const at = this.clock.now();
      const final = job.attempts >= job.max_attempts;
      await this.repo.finish(
        job,
        {
          status: final ? 'failed' : 'queued',
          run_at: final ? job.run_at : new Date(at.getTime() + retryDelayMs(job.attempts)).toISOString(),
          last_error: cause.message,
          finished_at: final ? at.toISOString() : null,
        },
        at.toISOString(),
      );
      if (registration.pattern)
        await this.repo.recordScheduleRun(job.name, false, cause.message, at.toISOString());
      this.log.warn({ job: job.name, attempt: job.attempts, final, cause }, 'job failed');
      return false;
    }
  }
}
