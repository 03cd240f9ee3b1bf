/**
 * The per-session lock engine: who holds a session, and who waits.
 *
 * Every `Session` operation runs through `runLocked`. While the session is
 * free, a synchronous body runs inline, right now, with no promise hop (that
 * is what keeps operations at microseconds); a body that returns a promise
 * takes the session's lock until the promise settles. While the lock is held,
 * bodies queue on an `async-mutex` Mutex, created on first contention, so an
 * idle session carries no lock objects at all.
 *
 * A call made from inside the body that holds a session (directly, or after
 * an `await` in an async `atomicUpdate` function) would wait for the body
 * that waits for it. It fails fast with a SessionReentrancyError instead.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Mutex } from 'async-mutex';
import { SessionReentrancyError } from './errors.js';
import { isPromiseLike, kMutex } from './internal.js';

/** What the engine keeps on each session: its mutex, once one was needed. */
export interface LockOwner {
  [kMutex]: Mutex | undefined;
}

/**
 * The owner whose body's synchronous part is on the stack right now: a call
 * for that owner can only be a nested one. (One at a time: JavaScript runs
 * one stack; a body that calls another session's operation saves and
 * restores it.)
 */
let runningOwner: LockOwner | undefined;

/**
 * The owner whose async body the current code runs in. Entered only for
 * `async` update functions, and disabled again soon after none runs: on Node
 * 20 an enabled AsyncLocalStorage makes every `await` in the process ~2x slower.
 */
const insideBody = new AsyncLocalStorage<LockOwner>();
let trackedBodies = 0;

/** Shared by every operation that resolves to nothing: a settled promise can be handed out any number of times. */
const RESOLVED: Promise<void> = Promise.resolve();

/** True while an operation holds `owner`'s lock. */
export function isLocked(owner: LockOwner): boolean {
  return runningOwner === owner || (owner[kMutex]?.isLocked() ?? false);
}

/**
 * Runs `body(a, b, c, d)` exclusively on `owner` and resolves to its result.
 * The arguments are passed through (rather than captured in a closure) so
 * the inline fast path allocates nothing.
 * @param operation named in the reentrancy error.
 * @param trackAsync recognise calls from the body's continuations after an
 *   `await` (for `async` user functions).
 * @returns a rejection with SessionReentrancyError when called from inside
 *   `owner`'s own body.
 */
export function runLocked<T, A = undefined, B = undefined, C = undefined, D = undefined>(
  owner: LockOwner,
  operation: string,
  trackAsync: boolean,
  body: (a: A, b: B, c: C, d: D) => T | PromiseLike<T>,
  a?: A,
  b?: B,
  c?: C,
  d?: D,
): Promise<T> {
  if (runningOwner === owner || (trackedBodies > 0 && insideBody.getStore() === owner)) return Promise.reject(reentrancy(operation));
  const mutex = owner[kMutex];
  if (mutex !== undefined && mutex.isLocked()) return mutex.runExclusive(() => execute(owner, trackAsync, true, body, a as A, b as B, c as C, d as D));
  return execute(owner, trackAsync, false, body, a as A, b as B, c as C, d as D);
}

/**
 * The primitives of the inline fast path, for the operation runner's hot path
 * (execute-body.ts): whether `owner` can run a body inline right now (free,
 * and not called from inside its own body), marking it busy while the body's
 * synchronous part runs, and holding the lock while an async result settles.
 */
export function canRunInline(owner: LockOwner): boolean {
  return runningOwner !== owner && trackedBodies === 0 && (owner[kMutex] === undefined || !(owner[kMutex] as Mutex).isLocked());
}

/** Marks `owner` as running a body inline; returns what to restore with {@link leaveInline}. */
export function enterInline(owner: LockOwner): LockOwner | undefined {
  const previous = runningOwner;
  runningOwner = owner;
  return previous;
}

export function leaveInline(previous: LockOwner | undefined): void {
  runningOwner = previous;
}

/** Holds `owner`'s lock (free, so taken synchronously) until `pending` settles. */
export function holdUntilSettled<T>(owner: LockOwner, pending: PromiseLike<T>): Promise<T> {
  const mutex = (owner[kMutex] ??= new Mutex());
  void mutex.acquire();
  return Promise.resolve(pending).finally(() => mutex.release());
}

/** Shared by every operation that resolves to nothing. */
export function resolvedWith<T>(value: T): Promise<T> {
  return value === undefined ? (RESOLVED as Promise<T>) : Promise.resolve(value);
}

/** Runs a synchronous function with `owner` marked busy (for the synchronous interop hooks). */
export function runSyncAs<T>(owner: LockOwner, fn: () => T): T {
  const previous = runningOwner;
  runningOwner = owner;
  try {
    return fn();
  } finally {
    runningOwner = previous;
  }
}

function execute<T, A, B, C, D>(
  owner: LockOwner,
  trackAsync: boolean,
  locked: boolean,
  body: (a: A, b: B, c: C, d: D) => T | PromiseLike<T>,
  a: A,
  b: B,
  c: C,
  d: D,
): Promise<T> {
  let result: T | PromiseLike<T>;
  const previous = runningOwner;
  runningOwner = owner;
  try {
    result = trackAsync ? callTracked(owner, () => body(a, b, c, d)) : body(a, b, c, d);
  } catch (error) {
    return Promise.reject(error);
  } finally {
    runningOwner = previous;
  }
  if (!isPromiseLike(result)) return resolvedWith(result);
  if (locked) return Promise.resolve(result);
  return holdUntilSettled(owner, result);
}

function callTracked<T>(owner: LockOwner, body: () => T | PromiseLike<T>): T | PromiseLike<T> {
  trackedBodies++;
  let result: T | PromiseLike<T>;
  try {
    result = insideBody.run(owner, body);
  } catch (error) {
    untrack();
    throw error;
  }
  if (isPromiseLike(result)) Promise.resolve(result).then(untrack, untrack);
  else untrack();
  return result;
}

let disableScheduled = false;

function untrack(): void {
  if (--trackedBodies > 0 || disableScheduled) return;
  // Not at once: re-enabling costs ~1 µs, and a loop of async updates goes
  // 1 -> 0 -> 1 on every turn. Once the process is idle for a moment, off.
  disableScheduled = true;
  setImmediate(() => {
    disableScheduled = false;
    if (trackedBodies === 0) insideBody.disable();
  }).unref();
}

function reentrancy(operation: string): SessionReentrancyError {
  return new SessionReentrancyError(
    `'${operation}' was called on a session from inside its own atomicUpdate (it would wait for the update that waits for it). ` +
      'Change the state the update function receives, or call it after the update resolves.',
  );
}
