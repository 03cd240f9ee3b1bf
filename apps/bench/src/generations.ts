/**
 * Sessions created in generations on a clock moved by hand, so a sweep can
 * expire exactly one generation at a time. The pool holds generations
 * g..g+live, each TTL/live apart: moving the clock just past generation g's
 * TTL expires exactly that one and leaves `live` generations; then the next
 * generation is created (untimed) and the next sweep expires g+1. The clock
 * only moves forward.
 */
import { ManualClock } from './fixtures.js';

export class RollingGenerations {
  readonly clock: ManualClock;
  readonly #start: number;
  readonly #ttlMs: number;
  /** Generations that stay live after a sweep. */
  readonly live: number;
  #next = 0;

  /** `live`: generations that stay live after a sweep. */
  constructor(start: number, ttlMs: number, live: number) {
    this.#start = start;
    this.#ttlMs = ttlMs;
    this.live = live;
    this.clock = new ManualClock(start);
  }

  get #step(): number {
    return this.#ttlMs / this.live;
  }

  /** Sets the clock to the next generation's creation time and returns its number. */
  beginGeneration(): number {
    this.clock.set(this.#start + this.#next * this.#step);
    return this.#next++;
  }

  /** Moves the clock 1 ms past the TTL of the oldest generation still in the pool. */
  expireOldest(): void {
    const oldest = this.#next - this.live - 1;
    this.clock.set(this.#start + oldest * this.#step + this.#ttlMs + 1);
  }
}
