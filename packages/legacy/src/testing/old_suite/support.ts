import { it, onTestFinished, vi } from 'vitest';
import type { OldSuiteLogger, OldSuiteSubject } from './subject.js';

/** Which implementation a run of the suite is testing. */
export type OldSuiteImplementation = 'legacy' | 'adapter';

/**
 * Why a ported test cannot pass somewhere. The bridge must pass every test
 * the old system passes, so `adapter` may only be given where `legacy` is.
 */
export interface KnownOutcome {
  /** The old system (this package) fails the test: why. It runs as `it.fails`, so a fix shows up. */
  legacy?: string;
  /** The bridge fails it as well: why (only next to `legacy`). */
  adapter?: string;
}

export type PortedTest = (title: string, body: () => unknown, known?: KnownOutcome) => void;
export type NotPortable = (title: string, reason: string) => void;

/** What each part of the suite is given. */
export interface SuiteContext {
  impl: OldSuiteSubject;
  /** Declares one ported test. */
  test: PortedTest;
  /** Declares a test of the old suite that has no meaning here, skipped with its reason. */
  notPortable: NotPortable;
}

export function suiteContext(impl: OldSuiteSubject, implementation: OldSuiteImplementation): SuiteContext {
  const test: PortedTest = (title, body, known = {}) => {
    if (known.adapter !== undefined && known.legacy === undefined) {
      throw new Error(`"${title}": the bridge may only be expected to fail a test the old system fails too`);
    }
    const reason = known[implementation];
    if (reason === undefined) it(title, body);
    else it.fails(`${title} [known failure: ${reason}]`, body);
  };
  const notPortable: NotPortable = (title, reason) => {
    it.skip(`${title} [not portable: ${reason}]`, () => {});
  };
  return { impl, test, notPortable };
}

/** The instant every test starts at (only `Date` is faked; timers are real). */
export const START = new Date('2031-03-04T05:06:07.089Z');
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** Moves the faked `Date` by `ms` (the old tests patched `datetime.now`; the port moves the clock). */
export function advance(ms: number): void {
  vi.setSystemTime(new Date(Date.now() + ms));
}

/** Sets the faked `Date`. */
export function setNow(date: Date | number): void {
  vi.setSystemTime(date);
}

/** A UTC date, as the old tests wrote `datetime(y, m, d, h, mi, s, tzinfo=timezone.utc)`. */
export function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

let sequence = 0;

/**
 * The old tests' session id, made unique in the process: they reused ids
 * such as `test-session-123` from test to test, relying on nothing outliving
 * a test; a bridge that joins objects by id must not see one test's session in the next.
 */
export function sessionId(oldId: string): string {
  sequence += 1;
  return `${oldId}.${process.pid}.${sequence}`;
}

/** Real time passing, as `asyncio.sleep` in the old tests. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Lets queued promise callbacks and lock hand-overs run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Records the debug lines the implementation logs until the test ends, for
 * the tests that checked the old log output. Returns the live list.
 */
export function captureDebug(impl: OldSuiteSubject): string[] {
  const previous = impl.getConfig().logger;
  const lines: string[] = [];
  const noop = (): void => {};
  const logger: OldSuiteLogger = { debug: (line) => lines.push(line), info: noop, warn: noop, error: noop };
  impl.setConfig({ logger });
  onTestFinished(() => {
    impl.setConfig({ logger: previous });
  });
  return lines;
}
