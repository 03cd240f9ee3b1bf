/**
 * How an operation reaches a session's state. A session in a pool's memory
 * uses `localRunner`: the lock engine, then the body. A session that lives in
 * a shared store uses a `WriteThrough` (`write-through.ts`), which also
 * reloads a stale copy and saves every change with compare-and-set. Session
 * and manager code never ask which one they have.
 */
import { SessionError } from './errors.js';
import { kState } from './internal.js';
import type { OperationBody, OperationName, RunnerHost } from './operation-types.js';
import { executeBody, executeInline } from './execute-body.js';
import { canRunInline, runLocked } from './session-lock.js';
import type { SessionStateJSON } from './types/session-state.js';

export type { OperationBody, OperationName, RunnerHost } from './operation-types.js';

export interface OperationRunner {
  /** Runs one operation atomically; `write` says whether it may change the state. */
  run<T>(session: RunnerHost, operation: OperationName, write: boolean, body: OperationBody<T>, trackAsync: boolean, countAccess: boolean): Promise<T>;
  /** The state in the reference JSON shape, as a consistent snapshot. */
  exportState(session: RunnerHost): Promise<SessionStateJSON>;
}

/** Bit flags of an operation, passed down without a closure: it may change the state; it counts as an access. */
export const WRITES = 1;
export const COUNTS_ACCESS = 2;

/** The local runner's body: the session runs it on its live state. */
function executeOn<T>(session: RunnerHost, operation: OperationName, flags: number, body: OperationBody<T>): T | Promise<T> {
  return executeBody(session, operation, (flags & WRITES) !== 0, body, (flags & COUNTS_ACCESS) !== 0);
}

export const localRunner: OperationRunner = {
  run(session, operation, write, body, trackAsync, countAccess) {
    // The microsecond path: a free session, a body without user code to track.
    if (!trackAsync && canRunInline(session)) return executeInline(session, operation, write, body, countAccess);
    const flags = (write ? WRITES : 0) | (countAccess ? COUNTS_ACCESS : 0);
    return runLocked(session, operation, trackAsync, executeOn, session, operation, flags, body);
  },
  exportState(session) {
    return runLocked(session, 'export_state', false, exportOf, session);
  },
};

/** `toJSON` of the live state; a state that cannot be exported is reported as a SessionError. */
export function exportOf(session: RunnerHost): SessionStateJSON {
  try {
    return session[kState].toJSON();
  } catch (error) {
    throw SessionError.wrap(error, `Operation 'export_state' failed for session ${session.sessionId}`);
  }
}
