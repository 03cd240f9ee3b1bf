/**
 * How an operation reaches a session's state. A session in a pool's memory
 * uses `localRunner`: the lock engine, then the body. A session that lives in
 * a shared store uses a `WriteThrough` (`write-through.ts`), which also
 * reloads a stale copy and saves every change with compare-and-set. Session
 * and manager code never ask which one they have.
 */
import { SessionError } from './errors.js';
import { type kContext, kExecute, kState } from './internal.js';
import type { SessionContext } from './session-context.js';
import { type LockOwner, runLocked } from './session-lock.js';
import type { SessionState, SessionStateJSON } from './types/session-state.js';

/** Operation names, as they appear in `operation_error_<name>` security events. */
export type OperationName =
  | 'validate_security'
  | 'add_thread'
  | 'get_thread'
  | 'remove_thread'
  | 'get_all_threads'
  | 'record_analysis'
  | 'get_last_analysis'
  | 'get_session_info'
  | 'get_version_info'
  | 'validate_version'
  | 'export_state'
  | 'atomic_update'
  | 'clear_security_flags';

/** A session body: runs on the live state, at the operation's time. */
export type OperationBody<T> = (state: SessionState, now: number) => T | PromiseLike<T>;

/** What a runner needs of a session (a `Session` is one). */
export interface RunnerHost extends LockOwner {
  readonly sessionId: string;
  readonly [kContext]: SessionContext;
  [kState]: SessionState;
  /** Runs the body on the live state with the shared bookkeeping; takes no lock. */
  [kExecute]<T>(operation: OperationName, write: boolean, body: OperationBody<T>, countAccess: boolean): T | Promise<T>;
}

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
  return session[kExecute](operation, (flags & WRITES) !== 0, body, (flags & COUNTS_ACCESS) !== 0);
}

export const localRunner: OperationRunner = {
  run(session, operation, write, body, trackAsync, countAccess) {
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
