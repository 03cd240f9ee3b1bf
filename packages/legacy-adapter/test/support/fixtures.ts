import { vi } from 'vitest';
import { Thread } from '../../src/index.js';

export const T0 = new Date('2030-01-01T00:00:00.000Z');
export const HOUR_MS = 3_600_000;

let sequence = 0;
/** A session id unique in this process, in core's alphabet. */
export const newId = (label: string): string => `adapter-${label}-${process.pid}.${++sequence}`;

export const thread = (name: string, sessionId = 's'): Thread =>
  new Thread({ id: `${sessionId}_${name}`, name, systemPrompt: `You are ${name}.`, modelBackend: 'bedrock' });

/** Lets queued promise callbacks and lock hand-overs run; waits on no clock. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A promise the test resolves by hand, to hold an operation open. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export function useFakeDate(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
}
