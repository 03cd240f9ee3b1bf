import type { Clock } from '../clock.js';

/**
 * A clock that only moves when told to: inject it (`clock` option) to test
 * expiry, cleanup and metrics without sleeping.
 *
 * @example
 * ```ts
 * const clock = new ManualClock();
 * const manager = new SimpleSessionManager({ clock, sessionTtlHours: 1 });
 * clock.advance(3_600_001); // the manager's sessions are now expired
 * ```
 */
export class ManualClock implements Clock {
  #now: number;

  /** @param startMs - Epoch ms to start at (default: the real time now). */
  constructor(startMs: number = Date.now()) {
    this.#now = startMs;
  }

  /** The clock's time, epoch ms: `startMs` plus every `advance`, or the last `set`. */
  now(): number {
    return this.#now;
  }

  /**
   * Moves the clock forward (or back, with a negative `ms`).
   * @param ms - Milliseconds to add.
   */
  advance(ms: number): void {
    this.#now += ms;
  }

  /**
   * Sets the clock to `ms` epoch milliseconds.
   * @param ms - The new time, epoch ms.
   */
  set(ms: number): void {
    this.#now = ms;
  }
}
