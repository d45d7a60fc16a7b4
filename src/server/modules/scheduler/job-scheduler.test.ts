import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../../../test/support/clock.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { type DatabaseHandle, openDatabase } from '../../db/database.js';
import { JobScheduler } from './job-scheduler.js';
import { SchedulerRepository } from './scheduler.repository.js';

const quiet = { warn() {} };

/**
 * The scheduler on both databases, with two instances on two connections (pools) to the same database,
 * as two Jianhe processes would be. Time moves only when the test moves the clock.
 */
describeEachDatabase('job scheduler', (db) => {
  const clock = new ManualClock('2026-03-02T00:00:00.000Z');
  let second: DatabaseHandle;
  let a: JobScheduler;
  let b: JobScheduler;
  const runs: Record<string, string[]> = {};

  const instance = (handle: DatabaseHandle, label: string, leaseMs = 60_000) => {
    const s = new JobScheduler(new SchedulerRepository(handle.db, handle.kind), clock, quiet, leaseMs);
    s.define<{ n: number }>('count', async ({ key }) => {
      runs[key] = [...(runs[key] ?? []), label];
    });
    return s;
  };

  beforeAll(() => {
    second = openDatabase(db().config.database, { poolSize: 4 });
    a = instance(db().handle, 'a');
    b = instance(second, 'b');
  });
  afterAll(async () => {
    await second.close();
  });

  it('queues one job per idempotency key', async () => {
    expect(await a.enqueue('count', { key: 'k:once', payload: { n: 1 } })).toBe(true);
    expect(await b.enqueue('count', { key: 'k:once', payload: { n: 2 } })).toBe(false);
    await a.tick();
    await a.tick();
    expect(runs['k:once']).toEqual(['a']);
  });

  it('two instances ticking together run each due job exactly once', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `k:race:${i}`);
    for (const key of keys) await a.enqueue('count', { key, payload: { n: 0 } });
    // Both instances claim concurrently, several rounds, with a small batch so they contend.
    for (let round = 0; round < 4; round += 1)
      await Promise.all([a.tick(5), b.tick(5), a.tick(5), b.tick(5)]);
    for (const key of keys) expect(runs[key], key).toHaveLength(1);
  });

  it('a job not yet due waits for its time', async () => {
    await a.enqueue('count', {
      key: 'k:later',
      payload: { n: 0 },
      runAt: new Date(clock.now().getTime() + 3_600_000),
    });
    await Promise.all([a.tick(), b.tick()]);
    expect(runs['k:later']).toBeUndefined();
    clock.advance(3_600_000);
    await Promise.all([a.tick(), b.tick()]);
    expect(runs['k:later']).toHaveLength(1);
  });

  it('a job whose instance died mid-run is picked up after its lease, and the dead run cannot finish it', async () => {
    const crashing = new JobScheduler(
      new SchedulerRepository(db().handle.db, db().handle.kind),
      clock,
      quiet,
      60_000,
    );
    let release: () => void = () => {};
    const started: string[] = [];
    crashing.define('work', async () => {
      started.push('crashing');
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    const survivor = new JobScheduler(new SchedulerRepository(second.db, second.kind), clock, quiet, 60_000);
    survivor.define('work', async ({ attempt }) => {
      started.push(`survivor attempt ${attempt}`);
    });
    await crashing.enqueue('work', { key: 'work:1', payload: null });
    // The first instance takes the job and hangs (as if its process was killed): never awaited.
    const hung = crashing.tick();
    await expect.poll(() => started).toEqual(['crashing']);
    await survivor.tick();
    expect(started).toEqual(['crashing']);
    clock.advance(61_000);
    await survivor.tick();
    expect(started).toEqual(['crashing', 'survivor attempt 2']);
    const repo = new SchedulerRepository(db().handle.db, db().handle.kind);
    expect((await repo.findByKey('work:1'))?.status).toBe('done');
    // The hung run now returns: its finish is fenced off (another attempt owns the job).
    release();
    await hung;
    const row = await repo.findByKey('work:1');
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a failing job is retried with backoff, then failed for good; operators see it', async () => {
    const s = new JobScheduler(new SchedulerRepository(db().handle.db, db().handle.kind), clock, quiet);
    let calls = 0;
    s.define(
      'flaky',
      async () => {
        calls += 1;
        throw new Error(`upstream refused (${calls})`);
      },
      { maxAttempts: 3 },
    );
    await s.enqueue('flaky', { key: 'flaky:1', payload: null });
    await s.tick();
    expect(calls).toBe(1);
    await s.tick();
    expect(calls).toBe(1);
    clock.advance(30_000);
    await s.tick();
    expect(calls).toBe(2);
    clock.advance(59_000);
    await s.tick();
    expect(calls).toBe(2);
    clock.advance(1_000);
    await s.tick();
    expect(calls).toBe(3);
    clock.advance(3_600_000);
    await s.tick();
    expect(calls).toBe(3);
    const row = await new SchedulerRepository(db().handle.db, db().handle.kind).findByKey('flaky:1');
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'upstream refused (3)' });
    const overview = (await s.overview()).find((o) => o.name === 'flaky');
    expect(overview).toMatchObject({ failed: 1, queued: 0 });
    expect((await s.recentFailures()).map((f) => f.key)).toContain('flaky:1');
  });

  it('a recurring schedule runs once per occurrence across instances, in Asia/Taipei', async () => {
    const daily: string[] = [];
    const make = (handle: DatabaseHandle) => {
      const s = new JobScheduler(new SchedulerRepository(handle.db, handle.kind), clock, quiet);
      s.recurring('daily-0800', '0 8 * * *', async ({ key }) => {
        daily.push(key);
      });
      return s;
    };
    clock.set('2026-03-10T00:30:00.000Z'); // 08:30 in Taipei: today's 08:00 has passed
    const [x, y] = [make(db().handle), make(second)];
    await Promise.all([x.syncSchedules(), y.syncSchedules()]);
    const next = (await x.overview()).find((o) => o.name === 'daily-0800')?.nextRunAt;
    expect(next).toBe('2026-03-11T00:00:00.000Z'); // 08:00 Asia/Taipei is 00:00 UTC
    await Promise.all([x.tick(), y.tick()]);
    expect(daily).toEqual([]);
    clock.set('2026-03-11T00:00:05.000Z');
    await Promise.all([x.tick(), y.tick(), x.tick(), y.tick()]);
    expect(daily).toEqual(['daily-0800@2026-03-11T00:00:00.000Z']);
    // Down for three days: the missed occurrences collapse into one run, then the schedule resumes.
    clock.set('2026-03-14T09:00:00.000Z');
    await Promise.all([x.tick(), y.tick()]);
    expect(daily).toHaveLength(2);
    const after = (await y.overview()).find((o) => o.name === 'daily-0800');
    expect(after).toMatchObject({ nextRunAt: '2026-03-15T00:00:00.000Z', lastStatus: 'done', done: 2 });
  });
});
