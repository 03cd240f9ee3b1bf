/**
 * The body of `atomicUpdate`: the version check, the snapshot, the user's
 * function, the validation of what it left, and the commit or the rollback,
 * with the time bound on an async function. The session's lock engine runs it
 * like any other operation body.
 */
import { SessionConcurrencyError } from './errors.js';
import { isPromiseLike, kAfterUpdate, kContext, kDetachState } from './internal.js';
import { checkedVersion } from './operation-arguments.js';
import type { SessionContext } from './session-context.js';
import { checkUpdate } from './state-check.js';
import { StateSnapshot } from './state-snapshot.js';
import { withTimeout } from './timeout.js';
import type { SessionState } from './types/session-state.js';

const AsyncFunction = (async () => {}).constructor;

/** Whether `fn` is an `async` function (its continuations after an `await` are tracked, see session-lock.ts). */
export function isAsyncFunction(fn: unknown): boolean {
  return fn instanceof AsyncFunction;
}

/** What an update needs of its session (a `Session` is one). */
export interface UpdateHost {
  readonly sessionId: string;
  readonly [kContext]: SessionContext;
  [kAfterUpdate](state: SessionState, threadsBefore: number, analysesBefore: number): void;
  [kDetachState](): void;
}

export function runUpdate<T>(
  host: UpdateHost,
  state: SessionState,
  fn: (state: SessionState) => T | PromiseLike<T>,
  expectedVersion: number | undefined,
): T | Promise<T> {
  if (expectedVersion !== undefined) {
    const expected = checkedVersion(expectedVersion);
    if (state.version !== expected) {
      throw new SessionConcurrencyError(`Version conflict in session ${host.sessionId}: expected ${expected}, actual ${state.version}`, {
        expected,
        actual: state.version,
      });
    }
  }
  const snapshot = new StateSnapshot(state);
  const threadsBefore = state.threadCount;
  const analysesBefore = state.analysisCount;
  let result: T | PromiseLike<T>;
  try {
    result = fn(state);
  } catch (error) {
    snapshot.restore();
    throw error;
  }
  if (!isPromiseLike(result)) return commit(host, state, snapshot, threadsBefore, analysesBefore, result);
  let abandoned = false;
  const settled = Promise.resolve(result).then(
    (value) => (abandoned ? value : commit(host, state, snapshot, threadsBefore, analysesBefore, value)),
    (error: unknown) => {
      if (!abandoned) snapshot.restore();
      throw error;
    },
  );
  const context = host[kContext];
  return withTimeout(settled, context.timeouts.updateMs, `The atomicUpdate function of session ${host.sessionId}`, () => {
    abandoned = true;
    snapshot.restore();
    host[kDetachState]();
  });
}

/** Validates what the function left; commits it (one version) or rolls it back with the validation error. */
function commit<T>(host: UpdateHost, state: SessionState, snapshot: StateSnapshot, threadsBefore: number, analysesBefore: number, value: T): T {
  const invalid = checkUpdate(state, snapshot, host[kContext].limits);
  if (invalid !== null) {
    snapshot.restore();
    throw invalid;
  }
  state.version++;
  host[kAfterUpdate](state, threadsBefore, analysesBefore);
  return value;
}
