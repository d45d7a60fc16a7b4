import { describe, expect, it } from 'vitest';
import { OrgSlots } from './org-slots.js';

/** Real timers and real promises: at most `limit` tasks of one organisation overlap, others are not held up. */
describe('per-organisation concurrency', () => {
  it('never runs more than the limit for one organisation, in order, and keeps organisations apart', async () => {
    const slots = new OrgSlots(2);
    let inFlight = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight--;
      order.push(n);
      return n;
    };
    const runs = [1, 2, 3, 4, 5, 6].map((n) => slots.run('org-a', task(n)));
    expect(slots.running('org-a')).toBe(2);
    expect(slots.waiting('org-a')).toBe(4);
    // Another organisation gets its own slots at once.
    let otherStarted = false;
    const other = slots.run('org-b', async () => {
      otherStarted = true;
    });
    expect(otherStarted).toBe(true);
    expect(await Promise.all(runs)).toEqual([1, 2, 3, 4, 5, 6]);
    await other;
    expect(peak).toBe(2);
    expect(order.slice(0, 2).sort()).toEqual([1, 2]);
    expect(slots.running('org-a')).toBe(0);
    expect(slots.waiting('org-a')).toBe(0);
  });

  it('a failing task frees its slot for the next one', async () => {
    const slots = new OrgSlots(1);
    const failed = slots.run('org', async () => {
      throw new Error('probe failed');
    });
    const next = slots.run('org', async () => 'ran');
    await expect(failed).rejects.toThrow('probe failed');
    expect(await next).toBe('ran');
  });
});
