// Written for core already: its options, spread in or passed as a value, are core's own (nothing to mark).
import { SimpleSessionManager } from '@sessionkit/core';

const base = { maxSessions: 20, cleanupIntervalSeconds: 120 };

export const fromValue = new SimpleSessionManager(base);

export function fromSpread(secretKeys: string[] | null): SimpleSessionManager {
  return new SimpleSessionManager({
    ...base,
    sessionTtlHours: 2,
    ...(secretKeys === null ? {} : { secretKeys }),
  });
}
