/** One fake clock for every scenario: `Date` only, so timers and promises run as usual. */
import { vi } from 'vitest';

export const T0 = new Date('2031-03-04T09:00:00.000Z');

export function startClock(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
}

export function advanceMinutes(minutes: number): void {
  vi.setSystemTime(new Date(Date.now() + minutes * 60_000));
}

export function stopClock(): void {
  vi.useRealTimers();
}
