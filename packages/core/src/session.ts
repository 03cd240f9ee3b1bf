/**
 * `Session`. A call flows: the method checks its arguments and hands a body to the session's runner (the lock engine,
 * `session-lock.ts`, or for a session in a shared store `write-through.ts`), which runs it through `execute-body.ts`.
 */
import { clearFlags, validateBinding } from './security-check.js';
import { isAsyncFunction, runUpdate } from './atomic-update.js';
import { addThreadTo, describeSession, linkThreads, newSessionState, recordAnalysisOn, reserveText } from './state-operations.js';
import { addCleanupCallback, cleanUpSession, type CleanupResult, type CleanupSlot } from './cleanup.js';
import { countChange } from './pool-membership.js';
import { kAfterUpdate, kAtomicUpdate, kCleanup, kContext, kDetachState, kFromState, kHeapIndex, kMutex, kNow } from './internal.js';
import { kOwner, kPool, kReserve, kState, kTrusted, kStored, kWriteThrough, type PoolMembership } from './internal.js';
import { localRunner, type OperationBody, type OperationName, type OperationRunner } from './operation-runner.js';
import { restoreState } from './restore.js';
import { SessionContext } from './session-context.js';
import { restoreOptionsSchema, type RestoreOptions, type SessionInfo, sessionOptionsSchema, type SessionOptions, type VersionInfo } from './session-options.js';
import { isLocked } from './session-lock.js';
import type { Mutex } from 'async-mutex';
import type { SessionLimits } from './limits.js';
import type { AnalysisRecord } from './types/analysis-record.js';
import { SessionState, type SessionStateJSON, threadTextSize } from './types/session-state.js';
import { Thread } from './types/thread.js';
import { checkedToolName, checkedTtlHours, checkedVersion, assertThreadName } from './operation-arguments.js';
import { assertSessionId, invalidField, parseOrThrow } from './validation.js';

export type { RestoreOptions, SessionInfo, SessionOptions, VersionInfo } from './session-options.js';
export type { CleanupResult } from './cleanup.js';
export type { OperationName } from './operation-runner.js';

/**
 * One multi-perspective analysis session: its topic, perspective threads, analyses, security binding and metrics, behind its own
 * lock. Every operation is atomic with respect to the others on the same session and never waits on another session or on the
 * pool.
 *
 * A successful operation records an access in the metrics (`exportState` excepted). Failures: every method that returns a promise
 * reports failure by rejecting, with a {@link SessionError} (anything else thrown inside is wrapped, with the original as
 * `cause`); a failed operation counts an error in the metrics and records an `operation_error_<name>` security event. Besides
 * what each method lists, any of them rejects with {@link SessionReentrancyError} when called from inside this session's own
 * `atomicUpdate` function. The writing ones (`validateSecurity`, `clearSecurityFlags`, `addThread`, `removeThread`,
 * `recordAnalysis`, `atomicUpdate`) reject with {@link SessionNotFoundError} once the session was removed from its pool, and with
 * {@link SessionExpiredError} once it outlived its pool's TTL. A session in a shared store may also reject with
 * {@link SessionStoreUnavailableError}, with {@link SessionConcurrencyError} when its writes kept conflicting until the retries
 * ran out, and with {@link SessionNotFoundError} when another process removed it.
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
   * Creation time in epoch ms: what expiry is measured from. An own field (not read through the state): every pool lookup checks
   * it.
   */
  readonly createdAtMs: number;
  #state: SessionState;
  readonly #context: SessionContext;
  #runner: OperationRunner = localRunner;
  /** @internal The pool the session is in (see pool-membership.ts). */
  [kPool]: PoolMembership | null = null;
  /** @internal The callbacks `cleanup()` will run, then the cleanup itself once it started (see cleanup.ts). */
  [kCleanup]: CleanupSlot = undefined;
  /** @internal */
  [kHeapIndex] = -1;
  /** @internal The lock engine's mutex, created on first contention (see session-lock.ts). */
  [kMutex]: Mutex | undefined = undefined;

  static #internal: { context: SessionContext; state: SessionState } | undefined;

  /**
   * A standalone session with its own keys, clock and logger, at version 0 (most code gets sessions from
   * {@link SimpleSessionManager.createSession} instead; {@link SimpleSessionManager.addSession} adopts one built here).
   * @param sessionId - 1..256 characters of `[A-Za-z0-9_.:-]` ({@link generateSessionId} makes one).
   * @param options - Topic, principal, binding, and the {@link ContextOptions}: see {@link SessionOptions}.
   * @throws {@link SessionValidationError} for a bad id or option (unknown options, a topic over its limit included).
   *
   * @example
   * ```ts
   * const session = new Session(generateSessionId(), { topic: 'pricing', secretKeys: [process.env.SESSION_KEY!] });
   * ```
   */
  constructor(sessionId: string, options?: SessionOptions) {
    const internal = Session.#internal;
    if (internal !== undefined) {
      Session.#internal = undefined;
      this.#context = internal.context;
      this.#state = internal.state;
      this.createdAtMs = internal.state.createdAtMs;
      linkThreads(internal.state, this);
      return;
    }
    assertSessionId(sessionId);
    const valid = parseOrThrow(sessionOptionsSchema, options ?? {}, 'session options');
    this.#context = SessionContext.resolve(valid);
    const now = this.#context.now();
    const initial = { principal: valid.principal ?? null, bound: valid.createClientBinding ?? true, topic: valid.topic ?? null, threads: [] };
    this.#state = newSessionState(this.#context, sessionId, now, initial);
    this.createdAtMs = now;
  }

  /** @internal A new session for a manager, with its topic and initial perspectives (part of its creation: version 0). */
  static [kTrusted](sessionId: string, context: SessionContext, principal: string | null, topic: string | null, threads: readonly Thread[]): Session {
    return Session.#build(sessionId, context, newSessionState(context, sessionId, context.now(), { principal, bound: true, topic, threads }));
  }

  static #build(sessionId: string, context: SessionContext, state: SessionState): Session {
    Session.#internal = { context, state };
    return new Session(sessionId);
  }

  /**
   * Rebuilds a session from `exportState()` output, or from the old Python system's `export_state()`. Version and metrics are
   * kept as they were; only `session_id` and `created_at` are required (a missing key takes its empty default), unknown keys are
   * ignored, and only the newest 100 security events are kept. The binding's signatures are not checked here: a forged or edited
   * state fails the next `validateSecurity()`. The session is standalone (in no pool; see
   * {@link SimpleSessionManager.restoreSession}).
   * @param json - A {@link SessionStateJSON} document (unknown: it is validated).
   * @param options - Keys, clock, logger, limits, `allowUnbound`: see {@link RestoreOptions}.
   * @returns The restored session.
   * @throws {@link SessionValidationError} naming the first bad field: a malformed state, a creation time more than a minute in
   * the future, a state over the limits, a bad option, or a state without a client binding (unless `allowUnbound: true`).
   *
   * @example
   * ```ts
   * const saved = await session.exportState();
   * await db.put(saved.session_id, JSON.stringify(saved));
   * // later, perhaps in another process with the same keys:
   * const copy = await Session.restoreFromState(JSON.parse(await db.get(id)), { secretKeys: [process.env.SESSION_KEY!] });
   * await copy.validateSecurity();
   * ```
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

  /** The session's id: 1..256 characters of `[A-Za-z0-9_.:-]`. */
  get sessionId(): string {
    return this.#state.sessionId;
  }

  /**
   * The mutation counter: 0 at creation, +1 per successful mutation (`addThread` that added, `removeThread` that removed,
   * `recordAnalysis`, `atomicUpdate`). Reads, `exportState`, `validateSecurity` and `clearSecurityFlags` never change it.
   */
  get version(): number {
    return this.#state.version;
  }

  /** What the session is about, or null. */
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

  /** How many perspective threads the session holds. */
  get threadCount(): number {
    return this.#state.threadCount;
  }

  /** How many analyses the session holds. */
  get analysisCount(): number {
    return this.#state.analysisCount;
  }

  /** True while an operation holds this session's lock. */
  get isLocked(): boolean {
    return isLocked(this);
  }

  /** The limits this session enforces (its options' `limits` over {@link DEFAULT_LIMITS}; frozen). */
  get limits(): Readonly<SessionLimits> {
    return this.#context.limits;
  }

  // --- Security ---

  /**
   * Checks the client binding against this session's state: that its signatures were made with one of this session's keys and
   * cover the session's id, creation time and principal as they are now. Resolves `true`, or rejects with SessionSecurityError,
   * counting a validation failure (or refusing a suspicious session outright). Never changes `version`, not even when it re-signs
   * an old or rotated signature (a `binding_upgraded` security event). A session without a binding always passes.
   *
   * A failure counts up `validation_failures` and records a `binding_validation_failed` event; more than 3 failures (or more than
   * 5 flags) make the session suspicious, and a suspicious session is refused until {@link Session.clearSecurityFlags}. On
   * success `last_validated` is set and the first 10 tool names are kept in `tool_usage_sequence`. Checking a signature made by
   * the old system (PBKDF2) takes about 125 ms per key, off the event loop, once: it is then re-signed.
   * @param toolName - The tool being called, at most 256 characters (kept for the record).
   * @returns `true`.
   * @throws {@link SessionSecurityError} when the binding does not validate, or the session is suspicious.
   * @throws {@link SessionValidationError} for a tool name that is not a string of at most 256 characters.
   *
   * @example
   * ```ts
   * const session = await manager.requireSession(args.sessionId);
   * await session.validateSecurity('analyze_from_perspectives'); // before serving the tool call
   * ```
   */
  validateSecurity(toolName?: string): Promise<true> {
    return this.#run('validate_security', true, (state, now) => validateBinding(state, this.#context, checkedToolName(toolName), now));
  }

  /**
   * Operator action: resets the failure count and flags so a suspicious session is served again. Recorded as a
   * `security_flags_cleared` event (with the flags it cleared); `version` does not change.
   */
  clearSecurityFlags(): Promise<void> {
    return this.#run('clear_security_flags', true, (state, now) => clearFlags(state, now));
  }

  // --- Threads ---

  /**
   * Adds a perspective thread (and bumps `version`). Resolves false (and changes nothing) if the name is taken. The thread is
   * held live, not copied: its later messages count against this session's limits and are stamped by its clock.
   * @param thread - A {@link Thread}.
   * @returns Whether it was added.
   * @throws {@link SessionValidationError} when `thread` is not a Thread or is over the limits (`maxThreads`, `maxPromptLength`,
   * `maxMessagesPerThread`, `maxStateSize`).
   */
  addThread(thread: Thread): Promise<boolean> {
    return this.#run('add_thread', true, (state) => {
      if (!addThreadTo(state, thread, this.#context.limits)) return false;
      Thread[kOwner](thread, this);
      countChange(this, 1, 0);
      return true;
    });
  }

  /**
   * The thread of this name (live, not a copy), or null.
   * @param name - A thread name: 1..256 characters, no control characters, not `__proto__`.
   * @throws {@link SessionValidationError} for a malformed name.
   */
  getThread(name: string): Promise<Thread | null> {
    return this.#run('get_thread', false, (state) => {
      // A name the session holds is valid by construction: check the argument only on a miss.
      const thread = state.threadCount === 0 ? undefined : state.threads.get(name);
      if (thread !== undefined) return thread;
      assertThreadName(name);
      return null;
    });
  }

  /**
   * Removes the thread of this name (and bumps `version`).
   * @param name - A thread name.
   * @returns Whether there was one to remove.
   * @throws {@link SessionValidationError} for a malformed name.
   */
  removeThread(name: string): Promise<boolean> {
    return this.#run('remove_thread', true, (state) => {
      const thread = state.threadCount === 0 ? undefined : state.threads.get(name);
      if (thread === undefined) {
        assertThreadName(name);
        return false;
      }
      state.threads.delete(name);
      state.textSize -= threadTextSize(thread); // the text it held no longer counts against maxStateSize
      Thread[kOwner](thread, undefined);
      state.metrics.threadCount = state.threads.size;
      state.version++;
      countChange(this, -1, 0);
      return true;
    });
  }

  /** A copy of the thread map, name -> thread, in the order they were added (the threads themselves are live). */
  getAllThreads(): Promise<Map<string, Thread>> {
    return this.#run('get_all_threads', false, (state) => new Map(state.threadCount === 0 ? undefined : state.threads));
  }

  // --- Analyses ---

  /**
   * Records one fanned-out prompt (and bumps `version`). Perspectives that answered {@link NO_RESPONSE} count as abstained, the
   * rest as active. The responses are copied; the analysis is stamped by the session's clock and the response time added to the
   * metrics' totals.
   * @param prompt - The prompt, at most `limits.maxPromptLength` characters.
   * @param responses - Perspective name -> its answer, each at most `limits.maxResponseLength` characters.
   * @param responseTimeSeconds - How long the fan-out took, in seconds (0..1,000,000).
   * @throws {@link SessionValidationError} for a bad argument or one over the limits (`maxPromptLength`, `maxResponseLength`,
   * `maxAnalyses`, `maxStateSize`).
   *
   * @example
   * ```ts
   * await session.recordAnalysis('What breaks first?', { technical: 'The build.', risk: NO_RESPONSE }, 1.8);
   * const last = await session.getLastAnalysis(); // activeCount 1, abstainedCount 1
   * ```
   */
  recordAnalysis(prompt: string, responses: Record<string, string>, responseTimeSeconds = 0): Promise<void> {
    return this.#run('record_analysis', true, (state, now) => {
      recordAnalysisOn(state, prompt, responses, responseTimeSeconds, this.#context.limits, now);
      countChange(this, 0, 1);
    });
  }

  /** The analysis recorded last, or null when there is none. */
  getLastAnalysis(): Promise<AnalysisRecord | null> {
    return this.#run('get_last_analysis', false, (state) => (state.analysisCount === 0 ? null : (state.analyses.at(-1) ?? null)));
  }

  // --- Information and versions ---

  /** A summary of the session as a JSON document: counts, thread names, binding summary, metrics, the newest events. */
  getSessionInfo(): Promise<SessionInfo> {
    return this.#run('get_session_info', false, describeSession);
  }

  /** The current version and the time of the last successful operation: what an optimistic update starts from. */
  getVersionInfo(): Promise<VersionInfo> {
    return this.#run('get_version_info', false, (state) => ({ version: state.version, lastAccessed: state.metrics.lastAccessed }));
  }

  /**
   * Whether the session is still at version `expected`.
   * @param expected - A version, a non-negative integer.
   * @throws {@link SessionValidationError} when `expected` is not a non-negative integer.
   */
  validateVersion(expected: number): Promise<boolean> {
    return this.#run('validate_version', false, (state) => state.version === checkedVersion(expected));
  }

  /**
   * Runs `fn` on the live state under this session's lock and bumps the version by one when it succeeds.
   *
   * - - - With `expectedVersion`, a different current version rejects with SessionConcurrencyError before `fn` runs.
   * - - - The state `fn` leaves is validated before it commits: an invalid one (a field of the wrong type, a thread filed under
   *   another name, a changed `version`, a limit passed) is rolled back and rejects with a SessionValidationError naming the
   *   field.
   * - - - If `fn` throws or rejects, the state is rolled back and the error is rethrown, wrapped in SessionError unless it
   *   already is one.
   * - - - An async `fn` has `timeouts.updateMs` (default 60 s) to settle, else the update is rolled back and rejects with
   *   SessionTimeoutError; whatever `fn` still does after that touches a detached copy, not the session.
   * - - - Inside `fn`, change `state`; calling this session's own operations rejects with SessionReentrancyError (they would wait
   *   for this update).
   * - - - With a store, the committed state is written through; on a conflict with another process, a call with `expectedVersion`
   *   fails its version check, one without runs `fn` again on the fresh state (so `fn` may run more than once).
   *
   * @param fn - Changes the live state; may be async. Its result is what the update resolves to.
   * @param expectedVersion - The version the session must be at (from `getVersionInfo()`, say); omit it to update whatever the
   * version.
   * @returns What `fn` returned (awaited).
   * @throws {@link SessionConcurrencyError} when the version is not `expectedVersion`.
   * @throws {@link SessionValidationError} when the state `fn` left is invalid, or `fn` is not a function.
   * @throws {@link SessionTimeoutError} when an async `fn` does not settle within `timeouts.updateMs`.
   * @throws {@link SessionReentrancyError} when `fn` calls this session's operations.
   * @throws {@link SessionError} wrapping what `fn` threw (a SessionError passes as it is).
   *
   * @example
   * ```ts
   * const { version } = await session.getVersionInfo();
   * await session.atomicUpdate((state) => {
   *   state.topic = 'Adopt a monorepo, in phases?';
   *   state.threads.get('risk')?.addMessage('user', 'What about CI time?');
   * }, version); // SessionConcurrencyError if someone changed it meanwhile
   * ```
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
    return this.#run('atomic_update', true, (state) => runUpdate(this, state, fn, expectedVersion), isAsyncFunction(fn), countAccess) as Promise<Awaited<T>>;
  }

  // --- Lifecycle ---

  /**
   * Registers a function `cleanup()` runs (when the session is removed, expires or the manager shuts down); it may be async, and
   * its failure never stops the others. Callbacks run in the order they were added.
   * @param fn - The callback; an async one has `timeouts.cleanupMs` to settle.
   * @throws {@link SessionValidationError} when `fn` is not a function.
   * @throws {@link SessionError} when the cleanup already started (the callback would never run).
   */
  addCleanupCallback(fn: () => unknown): void {
    addCleanupCallback(this, fn);
  }

  /**
   * Runs every cleanup callback (each error, or a SessionTimeoutError for one that does not settle within `timeouts.cleanupMs`,
   * is logged and returned; none stops the rest), then clears threads and analyses and keeps the newest 50 security events.
   * Callbacks run without the session's lock, so they may still read the session (`exportState()`, say). Never throws. A second
   * call waits for the first and returns no errors.
   * @returns Every failure, in {@link CleanupResult.errors}.
   */
  cleanup(): Promise<CleanupResult> {
    return cleanUpSession(this);
  }

  /**
   * The whole state as a JSON document (snake_case keys, like the old system's export), for {@link Session.restoreFromState} or
   * {@link SimpleSessionManager.restoreSession}. A snapshot and a copy: changes nothing, records nothing (not even an access).
   * @throws {@link SessionError} when the state holds something that is not JSON (only possible through direct changes to its
   * objects).
   *
   * @example
   * ```ts
   * const saved = await session.exportState();
   * const text = JSON.stringify(saved); // session_id, created_at, threads, analyses, client_binding, ...
   * ```
   */
  exportState(): Promise<SessionStateJSON> {
    return this.#runner.exportState(this);
  }

  /**
   * Whether the session is older than `ttlHours`, by creation time and the session's clock.
   * @param ttlHours - A time to live, in hours.
   * @throws {@link SessionValidationError} (synchronously) when `ttlHours` is not a non-negative number.
   */
  isExpired(ttlHours: number): boolean {
    return this.#context.now() - this.#state.createdAtMs > checkedTtlHours(ttlHours) * 3_600_000;
  }

  /** `Session(<id>, threads=<n>, analyses=<n>, version=<n>)`, for logs. */
  toString(): string {
    return `Session(${this.sessionId}, threads=${this.threadCount}, analyses=${this.analysisCount}, version=${this.version})`;
  }

  // --- Hooks for the pools, the runners and `@sessionkit/core/interop` ---

  /** @internal Switches to write-through (the stored pool's path). */
  [kWriteThrough](runner: OperationRunner): void {
    this.#runner = runner;
  }

  /** @internal The runners' access to the live state (a new one, say a reloaded state, is linked to its threads). */
  get [kState](): SessionState {
    return this.#state;
  }

  /** @internal */
  set [kState](state: SessionState) {
    this.#state = state;
    linkThreads(state, this);
  }

  /** @internal Keys, clock, logger, limits: for the runners. */
  get [kContext](): SessionContext {
    return this.#context;
  }

  /** @internal Whether changes are written through to a shared store (the synchronous interop hooks refuse those). */
  get [kStored](): boolean {
    return this.#runner !== localRunner;
  }

  #run<T>(operation: OperationName, write: boolean, body: OperationBody<T>, trackAsync = false, countAccess = true): Promise<T> {
    return this.#runner.run(this, operation, write, body, trackAsync, countAccess);
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
    if (state.threadCount < threadsBefore || state.analysisCount < analysesBefore) state.recountTextSize(); // removals free their text
    linkThreads(state, this);
    countChange(this, state.threadCount - threadsBefore, state.analysisCount - analysesBefore);
  }

  /** @internal After an update timed out: the session goes on with a copy, so the abandoned function touches nothing of it. */
  [kDetachState](): void {
    this[kState] = SessionState.fromJSON(this.#state.toJSON(), this.#context.nowOrSystem());
  }
}
