/**
 * What every operation does around its body, whichever runner holds the
 * lock: read the clock, refuse a write to a removed or expired session, run
 * the body on the live state, then record an access (a success) or an error
 * metric and an `operation_error_<name>` event (a failure, which rejects with
 * a SessionError). A synchronous body's result is returned as it is, so the
 * lock engine can tell it needs no lock held.
 */
import { SessionError } from './errors.js';
import { isPromiseLike, kContext, kState } from './internal.js';
import type { OperationBody, OperationName, RunnerHost } from './operation-types.js';
import { assertWritable } from './pool-membership.js';
import { recordEvent } from './session-events.js';
import { enterInline, holdUntilSettled, leaveInline, resolvedWith } from './session-lock.js';

export function executeBody<T>(host: RunnerHost, operation: OperationName, write: boolean, body: OperationBody<T>, countAccess: boolean): T | Promise<T> {
  const context = host[kContext];
  let now: number;
  let result: T | PromiseLike<T>;
  try {
    now = context.now();
    if (write) assertWritable(host, now);
    result = body(host[kState], now);
  } catch (error) {
    throw recordFailure(host, operation, error);
  }
  if (!isPromiseLike(result)) {
    if (countAccess) host[kState].metrics.recordAccess(now);
    else host[kState].metrics.touch(now);
    return result;
  }
  return Promise.resolve(result).then(
    (value) => {
      if (countAccess) host[kState].metrics.recordAccess(context.nowOrSystem());
      else host[kState].metrics.touch(context.nowOrSystem());
      return value;
    },
    (error: unknown) => {
      throw recordFailure(host, operation, error);
    },
  );
}

/**
 * {@link executeBody} under the lock engine's inline fast path, fused into one
 * frame (the session is free: see `canRunInline`). Same steps, same results;
 * an async body takes the lock until it settles.
 */
export function executeInline<T>(host: RunnerHost, operation: OperationName, write: boolean, body: OperationBody<T>, countAccess: boolean): Promise<T> {
  const previous = enterInline(host);
  let result: T | PromiseLike<T>;
  const state = host[kState];
  try {
    const now = host[kContext].now();
    if (write) assertWritable(host, now);
    result = body(state, now);
    if (!isPromiseLike(result)) {
      if (countAccess) state.metrics.recordAccess(now);
      else state.metrics.touch(now);
      return resolvedWith(result);
    }
  } catch (error) {
    return Promise.reject(recordFailure(host, operation, error));
  } finally {
    leaveInline(previous);
  }
  const context = host[kContext];
  const settled = Promise.resolve(result).then(
    (value) => {
      if (countAccess) host[kState].metrics.recordAccess(context.nowOrSystem());
      else host[kState].metrics.touch(context.nowOrSystem());
      return value;
    },
    (error: unknown) => {
      throw recordFailure(host, operation, error);
    },
  );
  return holdUntilSettled(host, settled);
}

/** Wraps the error and records it: an error metric and an `operation_error_<name>` event. */
function recordFailure(host: RunnerHost, operation: OperationName, error: unknown): SessionError {
  const failure = SessionError.wrap(error, `Operation '${operation}' failed for session ${host.sessionId}`);
  try {
    const context = host[kContext];
    const state = host[kState];
    state.metrics.recordError();
    recordEvent(state, `operation_error_${operation}`, { error: failure.message, operation }, context.nowOrSystem());
    context.logger.debug(`sessionkit: operation ${operation} failed on session ${host.sessionId}`, { error: failure });
  } catch {
    // Recording a failure must never replace the failure itself.
  }
  return failure;
}
