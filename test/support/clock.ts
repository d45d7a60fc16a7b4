import type { Clock } from '../../src/server/platform/clock.js';

/** A clock tests move by hand: scheduled work runs when the test says time has passed, never by sleeping. */
export class ManualClock implements Clock {
  private at: number;

  constructor(start: string | Date) {
    this.at = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  set(at: string | Date): void {
    this.at = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.at += ms;
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}
