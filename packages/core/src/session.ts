/**
 * One session: its data, its security binding and its own lock. Every
 * operation is atomic with respect to the others on the same session; no
 * operation ever waits on another session or on the pool.
 *
 * How a call flows: the public method checks its arguments and hands a body
 * to `#run`, which passes it to the session's runner: the local runner (the
 * lock engine, `session-lock.ts`) or, for a session that lives in a shared
 * store, the write-through runner (`write-through.ts`). The runner calls back
 * into `[kExecute]`, which runs the body on the live state and does the
 * bookkeeping every operation shares (access metrics, failure events).
 */
import { newBinding } from './binding-signature.js';
import { clearFlags, validateBinding } from './security-check.js';
import { runUpdate } from './atomic-update.js';
import { addThreadTo, describeSession, recordAnalysisOn, reserveText } from './state-operations.js';
import { cleanUpSession, type CleanupResult } from './cleanup.js';
import { SessionError, SessionExpiredError, SessionNotFoundError } from './errors.js';
import {
  isPromiseLike, kAfterUpdate, kAtomicUpdate, kContext, kDetachState, kExecute, kFromState, kHeapIndex,
  kMutex, kNow, kOwner, kPool, kPoolStatus, kReserve, kState, kTrusted, kStored, kWriteDown, kWriteThrough, type PoolMembership,
} from './internal.js';
import { checkCount, checkLength } from './limits.js';
import { localRunner, type OperationBody, type OperationName, type OperationRunner } from './operation-runner.js';

export type { OperationName } from './operation-runner.js';
import { restoreState } from './restore.js';
import { SessionContext } from './session-context.js';
import { restoreOptionsSchema, type RestoreOptions, type SessionInfo, sessionOptionsSchema, type SessionOptions, type VersionInfo } from './session-options.js';
import { recordEvent } from './session-events.js';
import { isLocked } from './session-lock.js';
import type { Mutex } from 'async-mutex';
import type { SessionLimits } from './limits.js';
import type { AnalysisRecord } from './types/analysis-record.js';
import { ClientBinding } from './types/client-binding.js';
import { SessionMetrics } from './types/session-metrics.js';
import { SessionState, type SessionStateJSON } from './types/session-state.js';
import { Thread } from './types/thread.js';
import { checkedToolName, checkedVersion, assertThreadName, describeFailure } from './operation-arguments.js';
import { assertSessionId, invalidField, parseOrThrow } from './validation.js';

export type { RestoreOptions, SessionInfo, SessionOptions, VersionInfo } from './session-options.js';
export type { CleanupResult } from './cleanup.js';

const AsyncFunction = (async () => {}).constructor;
/** The membership of a session a pool let go of: it accepts no more writes and joins no other pool. */
const RETIRED = Object.freeze({ counters: { threads: 0, analyses: 0 }, ttlMs: Number.POSITIVE_INFINITY });

/**
 * One multi-perspective analysis session.
 *
 * @example
 * ```ts
 * const manager = new SimpleSessionManager({ secretKeys: [process.env.SESSION_KEY!] });
 * const session = await manager.createSession(generateSessionId(), { topic: 'pricing', initialPerspectives: ['technical', 'business'] });
 * await session.validateSecurity('analyze');
 * await session.recordAnalysis('Should we raise prices?', { technical: '…', business: '…' });
 * ```
 */
export class Session {
  /**
   * Creation time in epoch ms: what expiry is measured from. An own field
   * (not read through the state): every pool lookup checks it.
   */
  readonly createdAtMs: number;
  #state: SessionState;
  readonly #context: SessionContext;
  #runner: OperationRunner = localRunner;
  /** The pool the session is in; RETIRED once a pool let it go (for good). */
  #pool: PoolMembership | typeof RETIRED | null = null;
  /** The callbacks `cleanup()` will run, then the cleanup itself once it started. */
  #cleanup: (() => unknown)[] | Promise<CleanupResult> | undefined;
  /** @internal */
  [kHeapIndex] = -1;
  /** @internal The lock engine's mutex, created on first contention (see session-lock.ts). */
  [kMutex]: Mutex | undefined = undefined;

  static #internal: { context: SessionContext; state: SessionState } | undefined;

  /**
   * A standalone session with its own keys, clock and logger (most code gets
   * sessions from `SimpleSessionManager#createSession` instead).
   * @throws SessionValidationError for a bad id or option (unknown options included).
   */
  constructor(sessionId: string, options?: SessionOptions) {
    const internal = Session.#internal;
    if (internal !== undefined) {
      Session.#internal = undefined;
      this.#context = internal.context;
      this.#state = internal.state;
      this.createdAtMs = internal.state.createdAtMs;
      this.#adoptThreads();
      return;
    }
    assertSessionId(sessionId);
    const valid = parseOrThrow(sessionOptionsSchema, options ?? {}, 'session options');
    this.#context = SessionContext.resolve(valid);
    const now = this.#context.now();
    this.#state = Session.#newState(this.#context, sessionId, now, valid.principal ?? null, valid.createClientBinding ?? true, valid.topic ?? null);
    this.createdAtMs = now;
  }

  /** @internal A new session for a manager, with its topic and initial perspectives (part of its creation: version 0). */
  static [kTrusted](sessionId: string, context: SessionContext, principal: string | null, topic: string | null, threads: readonly Thread[]): Session {
    const state = Session.#newState(context, sessionId, context.now(), principal, true, topic);
    checkCount(threads.length, context.limits.maxThreads, 'maxThreads', ['initialPerspectives']);
    for (const thread of threads) state.threads.set(thread.name, thread);
    state.metrics.threadCount = state.threadCount;
    state.recountTextSize();
    return Session.#build(sessionId, context, state);
  }

  static #newState(context: SessionContext, sessionId: string, now: number, principal: string | null, bound: boolean, topic: string | null): SessionState {
    if (topic !== null) checkLength(topic, context.limits.maxTopicLength, 'maxTopicLength', ['topic']);
    const state = SessionState[kTrusted]({ sessionId, createdAt: now, topic, metrics: new SessionMetrics(now) });
    if (bound) state.clientBinding = newBinding(context.keyRing, sessionId, now, principal);
    return state;
  }

  static #build(sessionId: string, context: SessionContext, state: SessionState): Session {
    Session.#internal = { context, state };
    return new Session(sessionId);
  }

  /**
   * Rebuilds a session from `exportState()` output, or from the reference
   * implementation's `export_state()`. Version and metrics are kept as they were.
   * @throws SessionValidationError naming the first bad field: a malformed
   * state, a creation time in the future, a state over the limits, or a state
   * without a client binding (unless `allowUnbound: true`).
   */
  static async restoreFromState(json: unknown, options?: RestoreOptions): Promise<Session> {
    const valid = parseOrThrow(restoreOptionsSchema, options ?? {}, 'restore options');
    const context = SessionContext.resolve(valid);
    return Session[kFromState](restoreState(json, context), context);
  }

  /** @internal Builds a session around a state the stores already restored. */
  static [kFromState](state: SessionState, context: SessionContext): Session {
    return Session.#build(state.sessionId, context, state);
  }

  /** 1..256 characters of `[A-Za-z0-9_.:-]`. */
  get sessionId(): string {
    return this.#state.sessionId;
  }

  /** The mutation counter: 0 at creation, +1 per successful mutation. */
  get version(): number {
    return this.#state.version;
  }

  get topic(): string | null {
    return this.#state.topic;
  }

  /** The authenticated identity this session belongs to (covered by its binding's signature), or null. */
  get principal(): string | null {
    return this.#state.clientBinding?.principal ?? null;
  }

  /** ISO creation timestamp (verbatim when restored). */
  get createdAt(): string {
    return this.#state.createdAt;
  }

  get threadCount(): number {
    return this.#state.threadCount;
  }

  get analysisCount(): number {
    return this.#state.analysisCount;
  }

  /** True while an operation holds this session's lock. */
  get isLocked(): boolean {
    return isLocked(this);
  }

  /** The limits this session enforces. */
  get limits(): Readonly<SessionLimits> {
    return this.#context.limits;
  }

  // --- Security ---

  /**
   * Checks the client binding against this session's state. Resolves `true`,
   * or rejects with SessionSecurityError, counting a validation failure (or
   * refusing a suspicious session outright). Never changes `version`, not
   * even when it re-signs an old or rotated signature.
   */
  validateSecurity(toolName?: string): Promise<true> {
    return this.#run('validate_security', true, (state, now) => validateBinding(state, this.#context, checkedToolName(toolName), now));
  }

  /**
   * Operator action: resets the failure count and flags so a suspicious
   * session is served again. Recorded as a `security_flags_cleared` event.
   */
  clearSecurityFlags(): Promise<void> {
    return this.#run('clear_security_flags', true, (state, now) => clearFlags(state, now));
  }

  // --- Threads ---

  /**
   * Adds a perspective thread. Resolves false (and changes nothing) if the name is taken.
   * @throws SessionValidationError when `thread` is not a Thread or is over the limits.
   */
  addThread(thread: Thread): Promise<boolean> {
    return this.#run('add_thread', true, (state) => {
      if (!addThreadTo(state, thread, this.#context.limits)) return false;
      Thread[kOwner](thread, this);
      this.#countChange(1, 0);
      return true;
    });
  }

  getThread(name: string): Promise<Thread | null> {
    return this.#run('get_thread', false, (state) => {
      // A name the session holds is valid by construction: check the argument only on a miss.
      const thread = state.threadCount === 0 ? undefined : state.threads.get(name);
      if (thread !== undefined) return thread;
      assertThreadName(name);
      return null;
    });
  }

  removeThread(name: string): Promise<boolean> {
    return this.#run('remove_thread', true, (state) => {
      const thread = state.threadCount === 0 ? undefined : state.threads.get(name);
      if (thread === undefined) {
        assertThreadName(name);
        return false;
      }
      state.threads.delete(name);
      Thread[kOwner](thread, undefined);
      state.metrics.threadCount = state.threads.size;
      state.version++;
      this.#countChange(-1, 0);
      return true;
    });
  }

  /** A copy of the thread map (the threads themselves are live). */
  getAllThreads(): Promise<Map<string, Thread>> {
    return this.#run('get_all_threads', false, (state) => new Map(state.threadCount === 0 ? undefined : state.threads));
  }

  // --- Analyses ---

  /**
   * Records one fanned-out prompt. Perspectives that answered `[NO_RESPONSE]`
   * count as abstained, the rest as active.
   * @throws SessionValidationError for a bad argument or one over the limits.
   */
  recordAnalysis(prompt: string, responses: Record<string, string>, responseTimeSeconds = 0): Promise<void> {
    return this.#run('record_analysis', true, (state, now) => {
      recordAnalysisOn(state, prompt, responses, responseTimeSeconds, this.#context.limits, now);
      this.#countChange(0, 1);
    });
  }

  getLastAnalysis(): Promise<AnalysisRecord | null> {
    return this.#run('get_last_analysis', false, (state) => (state.analysisCount === 0 ? null : (state.analyses.at(-1) ?? null)));
  }

  // --- Information and versions ---

  getSessionInfo(): Promise<SessionInfo> {
    return this.#run('get_session_info', false, describeSession);
  }

  getVersionInfo(): Promise<VersionInfo> {
    return this.#run('get_version_info', false, (state) => ({ version: state.version, lastAccessed: state.metrics.lastAccessed }));
  }

  validateVersion(expected: number): Promise<boolean> {
    return this.#run('validate_version', false, (state) => state.version === checkedVersion(expected));
  }

  /**
   * Runs `fn` on the live state under this session's lock and bumps the
   * version by one when it succeeds.
   *
   * - With `expectedVersion`, a different current version rejects with
   *   SessionConcurrencyError before `fn` runs.
   * - The state `fn` leaves is validated before it commits: an invalid one
   *   (a field of the wrong type, a thread filed under another name, a
   *   changed `version`, a limit passed) is rolled back and rejects with a
   *   SessionValidationError naming the field.
   * - If `fn` throws or rejects, the state is rolled back and the error is
   *   rethrown, wrapped in SessionError unless it already is one.
   * - An async `fn` has `timeouts.updateMs` (default 60 s) to settle, else the
   *   update is rolled back and rejects with SessionTimeoutError; whatever
   *   `fn` still does after that touches a detached copy, not the session.
   * - Inside `fn`, change `state`; calling this session's own operations
   *   rejects with SessionReentrancyError (they would wait for this update).
   */
  atomicUpdate<T>(fn: (state: SessionState) => T | PromiseLike<T>, expectedVersion?: number): Promise<Awaited<T>> {
    return this[kAtomicUpdate](fn, expectedVersion, true);
  }

  /** @internal `atomicUpdate`, optionally without counting an access (`updateWithoutAccess` of `@sessionkit/core/interop`). */
  [kAtomicUpdate]<T>(fn: (state: SessionState) => T | PromiseLike<T>, expectedVersion: number | undefined, countAccess: boolean): Promise<Awaited<T>> {
    if (typeof fn !== 'function') {
      return this.#run('atomic_update', true, () => {
        throw invalidField(['fn'], `expected a function, received ${typeof fn}`, 'update function');
      });
    }
    return this.#run('atomic_update', true, (state) => runUpdate(this, state, fn, expectedVersion), fn instanceof AsyncFunction, countAccess) as Promise<
      Awaited<T>
    >;
  }

  // --- Lifecycle ---

  /** Registers a function `cleanup()` runs; it may be async, and its failure never stops the others. */
  addCleanupCallback(fn: () => unknown): void {
    if (typeof fn !== 'function') throw invalidField(['callback'], `expected a function, received ${typeof fn}`, 'cleanup callback');
    const pending = this.#cleanup;
    if (pending instanceof Promise) throw new SessionError(`Session ${this.sessionId} was already cleaned up: a callback added now would never run`);
    if (pending === undefined) this.#cleanup = [fn];
    else pending.push(fn);
  }

  /**
   * Runs every cleanup callback (each error, or a SessionTimeoutError for one
   * that does not settle within `timeouts.cleanupMs`, is logged and returned;
   * none stops the rest), then clears threads and analyses and keeps the
   * newest 50 security events. Callbacks run without the session's lock, so
   * they may still read the session (`exportState()`, say). Never throws. A
   * second call waits for the first and returns no errors.
   */
  cleanup(): Promise<CleanupResult> {
    const pending = this.#cleanup;
    if (pending instanceof Promise) return pending.then(() => ({ errors: [] }));
    this.#cleanup = cleanUpSession(this, pending ?? []);
    return this.#cleanup;
  }

  /** The state in the reference JSON shape. A snapshot: changes nothing, records nothing. */
  exportState(): Promise<SessionStateJSON> {
    return this.#runner.exportState(this);
  }

  /** Whether the session is older than `ttlHours`, by creation time and the session's clock. */
  isExpired(ttlHours: number): boolean {
    if (typeof ttlHours !== 'number' || !(ttlHours >= 0)) throw invalidField(['ttlHours'], `expected a non-negative number, received ${describeFailure(ttlHours)}`, 'ttlHours');
    return this.#context.now() - this.#state.createdAtMs > ttlHours * 3_600_000;
  }

  toString(): string {
    return `Session(${this.sessionId}, threads=${this.threadCount}, analyses=${this.analysisCount}, version=${this.version})`;
  }

  // --- Hooks for the pools, the runners and `@sessionkit/core/interop` ---

  /** @internal The pool admits (membership) or lets go of (null) this session; one let go is retired for good. */
  [kPool](membership: PoolMembership | null): void {
    this.#pool = membership === null && this.#pool !== null ? RETIRED : membership;
  }

  /** @internal Whether a pool holds this session, or once did (a removed session cannot join another pool). */
  get [kPoolStatus](): 'pooled' | 'retired' | 'free' {
    return this.#pool === null ? 'free' : this.#pool === RETIRED ? 'retired' : 'pooled';
  }

  /** @internal Switches to write-through (the stored pool's path). */
  [kWriteThrough](runner: OperationRunner): void {
    this.#runner = runner;
    // Every write exports the state: keep the binding's texts rather than recompute them each time.
    if (this.#state.clientBinding !== null) ClientBinding[kWriteDown](this.#state.clientBinding);
  }

  /** @internal The runners' access to the live state (a new one, say a reloaded state, is linked to its threads). */
  get [kState](): SessionState {
    return this.#state;
  }

  /** @internal */
  set [kState](state: SessionState) {
    this.#state = state;
    this.#adoptThreads();
  }

  /**
   * @internal
   * Runs an operation's body on the live state, now, with the bookkeeping
   * every operation shares: a success records an access, a failure an error
   * metric and an `operation_error_<name>` event, and throws (or rejects
   * with) a SessionError. A synchronous body's result is returned as it is,
   * so the lock engine can tell it needs no lock held. Writes to a retired or
   * expired session are refused. Takes no lock: the runner holds it.
   */
  [kExecute]<T>(operation: OperationName, write: boolean, body: OperationBody<T>, countAccess = true): T | Promise<T> {
    const context = this.#context;
    let now: number;
    let result: T | PromiseLike<T>;
    try {
      now = context.now();
      if (write) this.#assertWritable(now);
      result = body(this.#state, now);
    } catch (error) {
      throw this.#failed(operation, error);
    }
    if (!isPromiseLike(result)) {
      if (countAccess) this.#state.metrics.recordAccess(now);
      else this.#state.metrics.touch(now);
      return result;
    }
    return Promise.resolve(result).then(
      (value) => {
        if (countAccess) this.#state.metrics.recordAccess(context.nowOrSystem());
        else this.#state.metrics.touch(context.nowOrSystem());
        return value;
      },
      (error: unknown) => {
        throw this.#failed(operation, error);
      },
    );
  }

  /** @internal Keys, clock, logger, limits: for the runners. */
  get [kContext](): SessionContext {
    return this.#context;
  }

  /** @internal Whether changes are written through to a shared store (the synchronous interop hooks refuse those). */
  get [kStored](): boolean {
    return this.#runner !== localRunner;
  }

  // --- Internals ---

  #run<T>(operation: OperationName, write: boolean, body: OperationBody<T>, trackAsync = false, countAccess = true): Promise<T> {
    return this.#runner.run(this, operation, write, body, trackAsync, countAccess);
  }

  #assertWritable(now: number): void {
    const pool = this.#pool;
    if (pool === null) return;
    if (pool === RETIRED) {
      throw new SessionNotFoundError(`Session '${this.sessionId}' was removed from its pool; it accepts no more changes`);
    }
    if (now - this.createdAtMs > pool.ttlMs) {
      throw new SessionExpiredError(`Session '${this.sessionId}' has expired; it accepts no more changes`);
    }
  }

  /** @internal A thread of this session stamps its messages with the session's clock. */
  [kNow](): number {
    return this.#context.now();
  }

  /** @internal A thread of this session counts its messages against the session's size limit. */
  [kReserve](chars: number): void {
    reserveText(this.#state, chars, this.#context.limits);
  }

  /** @internal After an update function committed: count what it changed, link its threads to this session. */
  [kAfterUpdate](state: SessionState, threadsBefore: number, analysesBefore: number): void {
    state.metrics.threadCount = state.threadCount;
    if (state.threadCount > 0) for (const thread of state.threads.values()) Thread[kOwner](thread, this);
    this.#countChange(state.threadCount - threadsBefore, state.analysisCount - analysesBefore);
  }

  /** @internal After an update timed out: the session goes on with a copy, so the abandoned function touches nothing of it. */
  [kDetachState](): void {
    this[kState] = SessionState.fromJSON(this.#state.toJSON(), this.#context.nowOrSystem());
  }

  #adoptThreads(): void {
    const state = this.#state;
    if (state.threadCount > 0) for (const thread of state.threads.values()) Thread[kOwner](thread, this);
  }

  #countChange(threads: number, analyses: number): void {
    const pool = this.#pool;
    if (pool === null || pool === RETIRED) return;
    pool.counters.threads += threads;
    pool.counters.analyses += analyses;
  }

  /** Wraps the error and records it: an error metric and an `operation_error_<name>` event. */
  #failed(operation: OperationName, error: unknown): SessionError {
    const failure = SessionError.wrap(error, `Operation '${operation}' failed for session ${this.sessionId}`);
    try {
      const state = this.#state;
      state.metrics.recordError();
      recordEvent(state, `operation_error_${operation}`, { error: failure.message, operation }, this.#context.nowOrSystem());
      this.#context.logger.debug(`sessionkit: operation ${operation} failed on session ${this.sessionId}`, { error: failure });
    } catch {
      // Recording a failure must never replace the failure itself.
    }
    return failure;
  }
}
