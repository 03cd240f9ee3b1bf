import { readFileSync } from 'node:fs';
import type { Clock, Logger } from '../src/index.js';

/** A clock that only moves when told to. */
export function manualClock(start = Date.parse('2026-11-27T08:00:00.000Z')): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    set(ms) {
      now = ms;
    },
  };
}

export interface LoggedLine {
  level: keyof Logger;
  message: string;
  context: Record<string, unknown> | undefined;
}

/** A logger that keeps every line, so tests can assert on (or scan) what was logged. */
export function recordingLogger(): Logger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const log = (level: keyof Logger) => (message: string, context?: Record<string, unknown>) => {
    lines.push({ level, message, context });
  };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const VECTOR_SECRET = 'sessionkit-vector-secret-key-0001';

export function readVector(name: 'state-with-binding' | 'state-without-binding' | 'state-failed-validations'): Record<string, unknown> {
  // The old Python service's own exports, kept in this repository (test/fixtures/reference-python).
  const url = new URL(`./fixtures/reference-python/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

/** A promise plus the function that resolves it: holds an operation open until the test lets go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
