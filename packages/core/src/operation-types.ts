/** The shapes every operation runner and the per-operation bookkeeping share. */
import type { kContext, kState } from './internal.js';
import type { PoolMember } from './pool-membership.js';
import type { SessionContext } from './session-context.js';
import type { LockOwner } from './session-lock.js';
import type { SessionState } from './types/session-state.js';

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
export interface RunnerHost extends LockOwner, PoolMember {
  readonly sessionId: string;
  readonly [kContext]: SessionContext;
  [kState]: SessionState;
}
