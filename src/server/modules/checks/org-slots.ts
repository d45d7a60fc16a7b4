/**
 * At most `limit` checks of one organisation run at once; the rest wait in order. One organisation's
 * many endpoints never take every connection this process can make, nor flood one provider. A finished
 * check hands its slot straight to the next waiting one, so a newcomer can never slip in between.
 */
export class OrgSlots {
  private readonly active = new Map<string, number>();
  private readonly queues = new Map<string, Array<() => void>>();

  constructor(private readonly limit: number) {}

  waiting(orgId: string): number {
    return this.queues.get(orgId)?.length ?? 0;
  }

  running(orgId: string): number {
    return this.active.get(orgId) ?? 0;
  }

  async run<T>(orgId: string, task: () => Promise<T>): Promise<T> {
    if (this.running(orgId) >= this.limit) {
      // The slot is handed over by release(): `active` already counts this task when it resumes.
      await new Promise<void>((resolve) => {
        const queue = this.queues.get(orgId) ?? [];
        queue.push(resolve);
        this.queues.set(orgId, queue);
      });
    } else {
      this.active.set(orgId, this.running(orgId) + 1);
    }
    try {
      return await task();
    } finally {
      this.release(orgId);
    }
  }

  private release(orgId: string): void {
    const queue = this.queues.get(orgId);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.queues.delete(orgId);
    if (next) {
      next();
      return;
    }
    const left = this.running(orgId) - 1;
    if (left <= 0) this.active.delete(orgId);
    else this.active.set(orgId, left);
  }
}
