/**
 * A session's cleanup: its callbacks, each bounded in time and none able to
 * stop the others, then the clearing of what a removed session no longer
 * needs.
 */
import { SessionError } from './errors.js';
import { isPromiseLike, kAfterUpdate, kCleanup, kContext, kState } from './internal.js';
import { invalidField } from './validation.js';
import type { SessionContext } from './session-context.js';
import { type LockOwner, runLocked } from './session-lock.js';
import { withTimeout } from './timeout.js';
import type { SessionState } from './types/session-state.js';

/** What `cleanup()` resolves to: every failure of its callbacks (and of clearing), for the caller to see. */
export interface CleanupResult {
  /**
   * What failed, in order: each error a callback threw or rejected with, a
   * {@link SessionTimeoutError} for one that did not settle within
   * `timeouts.cleanupMs`, and any failure clearing the state. Empty when all went well.
   */
  errors: unknown[];
}

/** Security events a session keeps after cleanup. */
const EVENTS_KEPT_AFTER_CLEANUP = 50;

/**
 * Runs every callback in order. Synchronous callbacks run inline (the result
 * is then the error array itself, no promise); an async one gets
 * `timeouts.cleanupMs` to settle. Each failure is logged and collected.
 */
function runCleanupCallbacks(sessionId: string, callbacks: readonly (() => unknown)[], context: SessionContext): unknown[] | Promise<unknown[]> {
  const errors: unknown[] = [];
  for (let i = 0; i < callbacks.length; i++) {
    const pending = runOne(callbacks[i] as () => unknown, sessionId, context, errors);
    if (pending !== undefined) return finishAsync(pending, callbacks.slice(i + 1), sessionId, context, errors);
  }
  return errors;
}

async function finishAsync(
  pending: PromiseLike<unknown>,
  rest: readonly (() => unknown)[],
  sessionId: string,
  context: SessionContext,
  errors: unknown[],
): Promise<unknown[]> {
  await settle(pending, sessionId, context, errors);
  for (const callback of rest) {
    const next = runOne(callback, sessionId, context, errors);
    if (next !== undefined) await settle(next, sessionId, context, errors);
  }
  return errors;
}

/** Runs one callback; returns its promise if it is async, after recording a synchronous failure. */
function runOne(callback: () => unknown, sessionId: string, context: SessionContext, errors: unknown[]): PromiseLike<unknown> | undefined {
  try {
    const result = callback();
    return isPromiseLike(result) ? result : undefined;
  } catch (error) {
    failed(error, sessionId, context, errors);
    return undefined;
  }
}

async function settle(pending: PromiseLike<unknown>, sessionId: string, context: SessionContext, errors: unknown[]): Promise<void> {
  try {
    await withTimeout(pending, context.timeouts.cleanupMs, `A cleanup callback of session ${sessionId}`);
  } catch (error) {
    failed(error, sessionId, context, errors);
  }
}

function failed(error: unknown, sessionId: string, context: SessionContext, errors: unknown[]): void {
  errors.push(error);
  context.logger.warn(`sessionkit: a cleanup callback of session ${sessionId} failed`, { error });
}

/** Where a session keeps its callbacks, then its cleanup once it started. */
export type CleanupSlot = (() => unknown)[] | Promise<CleanupResult> | undefined;

/** What a cleanup needs of its session (a `Session` is one). */
export interface CleanupHost extends LockOwner {
  readonly sessionId: string;
  [kCleanup]: CleanupSlot;
  readonly [kContext]: SessionContext;
  readonly [kState]: SessionState;
  [kAfterUpdate](state: SessionState, threadsBefore: number, analysesBefore: number): void;
}

/** Registers a callback for the session's cleanup. */
export function addCleanupCallback(host: CleanupHost, fn: () => unknown): void {
  if (typeof fn !== 'function') throw invalidField(['callback'], `expected a function, received ${typeof fn}`, 'cleanup callback');
  const slot = host[kCleanup];
  if (slot instanceof Promise) throw new SessionError(`Session ${host.sessionId} was already cleaned up: a callback added now would never run`);
  if (slot === undefined) host[kCleanup] = [fn];
  else slot.push(fn);
}

/**
 * Runs the callbacks, then clears the state under the session's lock. Like
 * an operation, it runs inline while the lock is free and the callbacks were
 * synchronous (a sweep cleans up thousands of idle sessions). Never rejects;
 * a second call waits for the first and reports no errors.
 */
export function cleanUpSession(host: CleanupHost): Promise<CleanupResult> {
  const slot = host[kCleanup];
  if (slot instanceof Promise) return slot.then(() => ({ errors: [] }));
  const errors = runCleanupCallbacks(host.sessionId, slot ?? [], host[kContext]);
  const cleanup = isPromiseLike(errors) ? errors.then((settled) => clearState(host, settled)) : clearState(host, errors);
  host[kCleanup] = cleanup;
  return cleanup;
}

function clearState(host: CleanupHost, errors: unknown[]): Promise<CleanupResult> {
  return runLocked(host, 'cleanup', false, () => {
    const state = host[kState];
    const threadsBefore = state.threadCount;
    const analysesBefore = state.analysisCount;
    clearAfterCleanup(state);
    host[kAfterUpdate](state, threadsBefore, analysesBefore);
  }).then(
    () => ({ errors }),
    (error: unknown) => ({ errors: [...errors, error] }),
  );
}

/** Drops threads and analyses and keeps the newest security events. */
function clearAfterCleanup(state: SessionState): void {
  state.clearThreadsAndAnalyses();
  state.metrics.threadCount = 0;
  if (state.keptEventCount > EVENTS_KEPT_AFTER_CLEANUP) state.securityEvents = state.securityEvents.slice(-EVENTS_KEPT_AFTER_CLEANUP);
}
