/**
 * The test-only clock behind `SESSIONKIT_TEST_CLOCK=manual`: real time plus an
 * offset that the `test_advance_clock` tool moves forward. It lets a client in
 * another process expire a session without sleeping.
 */
import type { Clock } from '@sessionkit/core';

export class AdjustableClock implements Clock {
  #offsetMs = 0;

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Moves the clock forward; time never goes backwards. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`expected a non-negative number of milliseconds, received ${ms}`);
    this.#offsetMs += ms;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }
}
