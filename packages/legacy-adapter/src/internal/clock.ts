import type { Clock } from '@sessionkit/core';

let pinned: number | undefined;

/**
 * The clock of every core session the adapter creates: `Date.now()`, as the
 * old system read time (so code and tests that fake `Date` keep working),
 * except while `atInstant` pins it. Core's `Session` reads its creation time
 * from its clock once, in the constructor; pinning is how an old
 * `new ContextSwitcherSession(id, createdAt)` gets the `createdAt` it asked for.
 */
export const adapterClock: Clock = { now: () => pinned ?? Date.now() };

/** Runs `fn` (synchronously) with the adapter clock reading `epochMs`. */
export function atInstant<T>(epochMs: number, fn: () => T): T {
  pinned = epochMs;
  try {
    return fn();
  } finally {
    pinned = undefined;
  }
}

/** The current time as core writes new timestamps (JS ISO). */
export function nowIso(): string {
  return new Date(adapterClock.now()).toISOString();
}
