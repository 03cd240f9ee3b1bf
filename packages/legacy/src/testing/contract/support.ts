import { vi } from 'vitest';

/** The fixed "now" every contract test starts at. */
export const T0 = new Date('2030-01-01T00:00:00.000Z');
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** Moves the faked `Date` forward. Only `Date` is faked: the contract never patches internals. */
export function advanceTime(ms: number): void {
  vi.setSystemTime(new Date(Date.now() + ms));
}

let sequence = 0;

/** A session id unique within the process, from core's alphabet `[A-Za-z0-9_.:-]`. */
export function uniqueSessionId(label: string): string {
  sequence += 1;
  return `contract-${label}-${process.pid}.${sequence}`;
}

/** Lets every queued promise callback (and lock hand-over) run. Not a sleep: nothing waits on a clock. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export interface Gate {
  promise: Promise<void>;
  open(): void;
}

/** A promise the test resolves by hand, to hold a critical section open. */
export function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Milliseconds since the epoch of an ISO / Python `isoformat()` timestamp. */
export function epochOf(timestamp: string): number {
  return new Date(timestamp).getTime();
}
