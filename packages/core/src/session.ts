/**
 * One session: its data, its security binding and its own lock. Every
 * operation is atomic with respect to the others on the same session; no
 * operation ever waits on another session or on the pool.
 */
import { hash } from 'node:crypto';
import { Mutex } from 'async-mutex';
import * as z from 'zod/mini';
import type { Clock } from './clock.js';
import { SessionConcurrencyError, SessionError, SessionNotFoundError, SessionSecurityError, SessionValidationError } from './errors.js';
import { isPromiseLike, kAttachStore, kCounters, kHeapIndex, kInitialize, kRestore, kTrusted, type PoolCounters, type StoreLink } from './internal.js';
import type { JsonObject } from './json-value.js';
import { copyResponses, describeReceived } from './json-value.js';
import type { Logger } from './logger.js';
import { randomToken } from './random.js';
import { clockSchema, keyOptionsShape, loggerSchema, SessionContext } from './session-context.js';
import {
  type AnalysisRecord,
  type ClientBindingSummary,
  AnalysisRecord as AnalysisRecordClass,
  NO_RESPONSE,
  ClientBinding,
  type SecurityEventJSON,
  type SessionMetricsJSON,
  SecurityEvent,
  SessionMetrics,
  SessionState,
  type SessionStateJSON,
  Thread,
} from './session-types.js';
import { StateSnapshot } from './state-snapshot.js';
import { formatTimestamp } from './timestamps.js';
import { assertSessionId, parseOrThrow } from './validation.js';

export interface SessionOptions {
  topic?: string | null | undefined;
  /** The signing secret. Or `secretKeys`, or `SESSIONKIT_SECRET_KEYS`; see the key ring. */
  secretKey?: string | undefined;
  /** `[current, ...previous]`: sign with the first, accept all. */
  secretKeys?: readonly string[] | undefined;
  /** Create a client binding (default true). */
  createClientBinding?: boolean | undefined;
  clock?: Clock | undefined;
  logger?: Logger | undefined;
}

export type RestoreOptions = Omit<SessionOptions, 'topic' | 'createClientBinding'>;

const sessionOptionsSchema = z.lazy(() =>
  z.strictObject({
    topic: z.optional(z.nullable(z.string())),
    ...keyOptionsShape(),
    createClientBinding: z.optional(z.boolean()),
    clock: z.optional(clockSchema),
    logger: z.optional(loggerSchema),
  }),
);

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

export interface SessionInfo {
  session_id: string;
  created_at: string;
  topic: string | null;
  version: number;
  thread_count: number;
  thread_names: string[];
  analysis_count: number;
  /** Events kept (the newest 100); `metrics.security_event_count` is the total. */
  security_event_count: number;
  client_binding: ClientBindingSummary | null;
  metrics: SessionMetricsJSON;
  recent_security_events: SecurityEventJSON[];
}

export interface VersionInfo {
  version: number;
  lastAccessed: string;
}

export interface CleanupResult {
  errors: unknown[];
}

/** Only these events also flag the binding; other failures are recorded but never make a session suspicious. */
const FLAGGING_EVENTS: ReadonlySet<string> = new Set([
  'binding_validation_failed',
  'session_flagged_suspicious',
  'operation_error_validate_security',
]);
/** Operations that change stored state; with a store they are written through, the others are served locally. */
const WRITE_OPERATIONS: ReadonlySet<OperationName> = new Set([
  'validate_security',
  'add_thread',
  'remove_thread',
  'record_analysis',
  'atomic_update',
  'clear_security_flags',
]);
/** These write even when the version does not move: security metadata is persisted too. */
const SECURITY_OPERATIONS: ReadonlySet<OperationName> = new Set(['validate_security', 'clear_security_flags']);
const MAX_KEPT_EVENTS = 100;
const EVENTS_KEPT_AFTER_CLEANUP = 50;
const MAX_TOOL_USAGE = 10;
const ttlHoursSchema = z.lazy(() => z.number().check(z.nonnegative()));
// Bounded so running totals stay finite (and exportable) however many analyses are recorded.
const MAX_RESPONSE_SECONDS = 1_000_000;
/** Shared by every operation that resolves to nothing: a settled promise can be handed out any number of times. */
const RESOLVED: Promise<void> = Promise.resolve();

/** An optional tool name of at most 256 characters. Hand-checked: every validation passes one. */
function checkedToolName(toolName: unknown): string | undefined {
  if (toolName === undefined || (typeof toolName === 'string' && toolName.length <= 256)) return toolName;
  const received = typeof toolName === 'string' ? `a string of length ${toolName.length}` : describeReceived(toolName);
  const message = `toolName: expected a string of at most 256 characters, received ${received}`;
  throw new SessionValidationError(`Invalid tool name: ${message}`, { issues: [{ path: ['toolName'], message }] });
}

/** A version number: a non-negative integer. Hand-checked: every optimistic update passes one. */
function checkedVersion(version: unknown): number {
  if (typeof version === 'number' && Number.isSafeInteger(version) && version >= 0) return version;
  const received = typeof version === 'number' ? String(version) : describeReceived(version);
  const message = `expectedVersion: expected a non-negative integer, received ${received}`;
  throw new SessionValidationError(`Invalid expected version: ${message}`, { issues: [{ path: ['expectedVersion'], message }] });
}

/** Same rule as `threadNameSchema`, hand-checked: thread lookups are on the microsecond path. */
function assertThreadName(name: unknown): asserts name is string {
  if (typeof name === 'string' && name.length >= 1 && name.length <= 256 && name !== '__proto__') return;
  if (name === '__proto__') {
    const message = 'name: "__proto__" is reserved (it cannot be a key of the exported threads object)';
    throw new SessionValidationError(`Invalid thread name: ${message}`, { issues: [{ path: ['name'], message }] });
  }
  const received = typeof name === 'string' ? `a string of length ${name.length}` : describeReceived(name);
  const message = `name: expected a string of 1..256 characters, received ${received}`;
  throw new SessionValidationError(`Invalid thread name: ${message}`, { issues: [{ path: ['name'], message }] });
}

/** Appends a security event (newest 100 kept), counts it, and flags the binding when it is security-relevant. */
function recordEvent(state: SessionState, type: string, details: JsonObject, now: number): void {
  const events = state.securityEvents;
  events.push(new SecurityEvent(type, formatTimestamp(now), details));
  if (events.length > MAX_KEPT_EVENTS) events.splice(0, events.length - MAX_KEPT_EVENTS);
  state.metrics.recordSecurityEvent();
  if (state.clientBinding !== null && FLAGGING_EVENTS.has(type)) state.clientBinding.addSecurityFlag(type);
}

export class Session {
  readonly sessionId: string;
  #state: SessionState;
  readonly #context: SessionContext;
  /** Created on first contention or first asynchronous body: idle sessions carry no lock objects. */
  #mutex: Mutex | undefined;
  #cleanupCallbacks: (() => unknown)[] | undefined;
  #cleanup: Promise<CleanupResult> | undefined;
  /** Set when the session lives in a shared store: every change is written through. */
  #store: StoreLink | undefined;
  [kCounters]: PoolCounters | null = null;
  [kHeapIndex] = -1;

  constructor(sessionId: string, options?: SessionOptions | SessionContext) {
    assertSessionId(sessionId);
    this.sessionId = sessionId;
    let topic: string | null = null;
    let createBinding = true;
    if (options instanceof SessionContext) {
      this.#context = options;
      createBinding = options.createClientBinding;
    } else {
      const valid = parseOrThrow(sessionOptionsSchema, options ?? {}, 'session options');
      this.#context = SessionContext.resolve(valid);
      topic = valid.topic ?? null;
      createBinding = valid.createClientBinding ?? true;
    }
    const now = this.#context.now();
    this.#state = SessionState[kTrusted]({ sessionId, createdAt: now, topic, metrics: new SessionMetrics(now) });
    if (createBinding) this.#state.clientBinding = this.#newBinding(now);
  }

  /**
   * Rebuilds a session from `exportState()` output, or from the reference
   * implementation's `export_state()`. Throws SessionValidationError naming
   * the first bad field. Version and metrics are kept as they were.
   */
  static async restoreFromState(json: unknown, options?: RestoreOptions): Promise<Session> {
    const valid = parseOrThrow(sessionOptionsSchema, options ?? {}, 'restore options');
    return Session[kRestore](json, SessionContext.resolve(valid));
  }

  /** Restore with an already-resolved context (the manager's and the store's path). */
  static [kRestore](json: unknown, context: SessionContext): Session {
    const state = SessionState.fromJSON(json, context.now());
    const session = new Session(state.sessionId, context.withoutBinding);
    session.#state = state;
    return session;
  }

  get version(): number {
    return this.#state.version;
  }

  get topic(): string | null {
    return this.#state.topic;
  }

  get createdAt(): string {
    return this.#state.createdAt;
  }

  get createdAtMs(): number {
    return this.#state.createdAtMs;
  }

  get threadCount(): number {
    return this.#state.threadCount;
  }

  get analysisCount(): number {
    return this.#state.analysisCount;
  }

  /** True while an operation holds this session's lock. */
  get isLocked(): boolean {
    return this.#mutex?.isLocked() ?? false;
  }

  // -------------------------------------------------------------------------
  // Security

  /**
   * Checks the client binding. Resolves `true`, or throws SessionSecurityError
   * (counting a validation failure, or refusing a suspicious session outright).
   * Never changes `version`, not even when it upgrades an old signature.
   */
  validateSecurity(toolName?: string): Promise<true> {
    return this.#run('validate_security', (state, now) => {
      const tool = checkedToolName(toolName);
      const binding = state.clientBinding;
      if (binding === null) return true as const;
      if (binding.isSuspicious()) {
        throw new SessionSecurityError(
          `Session ${this.sessionId} is flagged as suspicious and is refused until an operator calls clearSecurityFlags()`,
        );
      }
      const keyRing = this.#context.keyRing;
      if (binding.signatureScheme === 'hmac-sha256') {
        return this.#concludeValidation(state, binding, keyRing.verifyHmac(binding.signedMessage, binding.bindingSignature), tool, now);
      }
      // Signed by the old system: PBKDF2, asynchronous so the process keeps serving while it runs.
      return keyRing
        .verifyLegacyPbkdf2(binding.signedMessage, binding.bindingSignature)
        .then((match) => this.#concludeValidation(state, binding, match, tool, this.#context.now()));
    });
  }

  #concludeValidation(
    state: SessionState,
    binding: ClientBinding,
    match: 'current' | 'previous' | null,
    tool: string | undefined,
    now: number,
  ): true {
    if (match === null) {
      binding.validationFailures++;
      recordEvent(state, 'binding_validation_failed', { tool_name: tool ?? null, validation_failures: binding.validationFailures }, now);
      if (binding.isSuspicious()) {
        recordEvent(state, 'session_flagged_suspicious', { reason: 'excessive_failures' }, now);
        throw new SessionSecurityError(`Session ${this.sessionId} flagged as suspicious due to excessive validation failures`);
      }
      throw new SessionSecurityError(`Client binding validation failed for session ${this.sessionId}`);
    }
    if (match === 'previous' || binding.signatureScheme !== 'hmac-sha256') {
      const reason = binding.signatureScheme === 'hmac-sha256' ? 'key_rotation' : 'legacy_signature';
      binding.bindingSignature = this.#context.keyRing.sign(binding.signedMessage);
      binding.signatureScheme = 'hmac-sha256';
      recordEvent(state, 'binding_upgraded', { reason, signature_scheme: 'hmac-sha256' }, now);
    }
    binding.lastValidated = now;
    if (tool !== undefined && binding.toolUsageSequence.length < MAX_TOOL_USAGE) binding.toolUsageSequence.push(tool);
    return true;
  }

  /**
   * Operator action: resets the failure count and flags so a suspicious
   * session is served again. Recorded as a `security_flags_cleared` event.
   */
  clearSecurityFlags(): Promise<void> {
    return this.#run('clear_security_flags', (state, now) => {
      const binding = state.clientBinding;
      const cleared = binding === null ? [] : binding.securityFlags;
      if (binding !== null) {
        binding.validationFailures = 0;
        binding.securityFlags = [];
      }
      recordEvent(state, 'security_flags_cleared', { cleared_flags: [...cleared] }, now);
    });
  }

  // -------------------------------------------------------------------------
  // Threads

  /** Adds a perspective thread. Resolves false (and changes nothing) if the name is taken. */
  addThread(thread: Thread): Promise<boolean> {
    return this.#run('add_thread', (state) => {
      if (!(thread instanceof Thread)) {
        throw new SessionValidationError('Invalid thread: expected a Thread instance (new Thread({ id, name, systemPrompt, modelBackend }))', {
          issues: [{ path: ['thread'], message: 'expected a Thread instance' }],
        });
      }
      const threads = state.threads;
      if (threads.has(thread.name)) return false;
      threads.set(thread.name, thread);
      state.metrics.threadCount = threads.size;
      state.version++;
      this.#countChange(1, 0);
      return true;
    });
  }

  getThread(name: string): Promise<Thread | null> {
    return this.#run('get_thread', (state) => {
      assertThreadName(name);
      return state.threadCount === 0 ? null : (state.threads.get(name) ?? null);
    });
  }

  removeThread(name: string): Promise<boolean> {
    return this.#run('remove_thread', (state) => {
      assertThreadName(name);
      if (state.threadCount === 0 || !state.threads.delete(name)) return false;
      state.metrics.threadCount = state.threads.size;
      state.version++;
      this.#countChange(-1, 0);
      return true;
    });
  }

  /** A copy of the thread map (the threads themselves are live). */
  getAllThreads(): Promise<Map<string, Thread>> {
    return this.#run('get_all_threads', (state) => new Map(state.threadCount === 0 ? undefined : state.threads));
  }

  // -------------------------------------------------------------------------
  // Analyses

  /**
   * Records one fanned-out prompt. Perspectives that answered `[NO_RESPONSE]`
   * count as abstained, the rest as active.
   */
  recordAnalysis(prompt: string, responses: Record<string, string>, responseTimeSeconds = 0): Promise<void> {
    return this.#run('record_analysis', (state, now) => {
      if (typeof prompt !== 'string') {
        throw new SessionValidationError(`Invalid prompt: expected string, received ${typeof prompt}`, {
          issues: [{ path: ['prompt'], message: 'expected string' }],
        });
      }
      // Hand-checked rather than parsed by zod: this is the per-analysis hot path.
      const copied = copyResponses(responses, NO_RESPONSE);
      if (!copied.ok) {
        const path = copied.key === null ? ['responses'] : ['responses', copied.key];
        const message = `${path.join('.')}: expected ${copied.key === null ? 'an object of strings' : 'string'}, received ${copied.received}`;
        throw new SessionValidationError(`Invalid responses: ${message}`, { issues: [{ path, message }] });
      }
      const seconds = responseTimeSeconds;
      if (typeof seconds !== 'number' || !(seconds >= 0 && seconds <= MAX_RESPONSE_SECONDS)) {
        const message = `responseTimeSeconds: expected a number of seconds in [0, ${MAX_RESPONSE_SECONDS}], received ${typeof seconds === 'number' ? String(seconds) : describeReceived(seconds)}`;
        throw new SessionValidationError(`Invalid response time: ${message}`, { issues: [{ path: ['responseTimeSeconds'], message }] });
      }
      state.analyses.push(new AnalysisRecordClass(prompt, formatTimestamp(now), copied.record, copied.active, copied.total - copied.active));
      state.metrics.recordAnalysis(seconds);
      state.version++;
      this.#countChange(0, 1);
    });
  }

  getLastAnalysis(): Promise<AnalysisRecord | null> {
    return this.#run('get_last_analysis', (state) => (state.analysisCount === 0 ? null : (state.analyses.at(-1) ?? null)));
  }

  // -------------------------------------------------------------------------
  // Information and versions

  getSessionInfo(): Promise<SessionInfo> {
    return this.#run('get_session_info', (state) => {
      const binding = state.clientBinding;
      const events = state.keptEventCount === 0 ? [] : state.securityEvents;
      return {
        session_id: this.sessionId,
        created_at: state.createdAt,
        topic: state.topic,
        version: state.version,
        thread_count: state.threadCount,
        thread_names: state.threadCount === 0 ? [] : [...state.threads.keys()],
        analysis_count: state.analysisCount,
        security_event_count: events.length,
        client_binding: binding === null ? null : binding.summary(),
        metrics: state.metrics.toJSON(),
        recent_security_events: events.slice(-5).map((event) => event.toJSON()),
      };
    });
  }

  getVersionInfo(): Promise<VersionInfo> {
    return this.#run('get_version_info', (state) => ({ version: state.version, lastAccessed: state.metrics.lastAccessed }));
  }

  validateVersion(expected: number): Promise<boolean> {
    return this.#run('validate_version', (state) => state.version === checkedVersion(expected));
  }

  /**
   * Runs `fn` on the live state under this session's lock and bumps the
   * version by one when it succeeds. With `expectedVersion`, a different
   * current version throws SessionConcurrencyError before `fn` runs. If `fn`
   * throws or rejects, the state is rolled back (see StateSnapshot) and the
   * error is rethrown, wrapped in SessionError unless it already is one.
   */
  atomicUpdate<T>(fn: (state: SessionState) => T | PromiseLike<T>, expectedVersion?: number): Promise<Awaited<T>> {
    return this.#run('atomic_update', (state) => {
      if (typeof fn !== 'function') {
        throw new SessionValidationError(`Invalid update function: expected a function, received ${typeof fn}`, {
          issues: [{ path: ['fn'], message: 'expected a function' }],
        });
      }
      if (expectedVersion !== undefined) {
        const expected = checkedVersion(expectedVersion);
        if (state.version !== expected) {
          throw new SessionConcurrencyError(
            `Version conflict in session ${this.sessionId}: expected ${expected}, actual ${state.version}`,
            { expected, actual: state.version },
          );
        }
      }
      const snapshot = new StateSnapshot(state);
      const threadsBefore = state.threadCount;
      const analysesBefore = state.analysisCount;
      const commit = (value: T): T => {
        state.version++;
        state.metrics.threadCount = state.threadCount;
        this.#countChange(state.threadCount - threadsBefore, state.analysisCount - analysesBefore);
        return value;
      };
      let result: T | PromiseLike<T>;
      try {
        result = fn(state);
      } catch (error) {
        snapshot.restore();
        throw error;
      }
      if (!isPromiseLike(result)) return commit(result);
      return Promise.resolve(result).then(commit, (error: unknown) => {
        snapshot.restore();
        throw error;
      });
    }) as Promise<Awaited<T>>;
  }

  // -------------------------------------------------------------------------
  // Lifecycle

  /** Registers a function `cleanup()` runs; it may be async, and its failure never stops the others. */
  addCleanupCallback(fn: () => unknown): void {
    if (typeof fn !== 'function') {
      throw new SessionValidationError(`Invalid cleanup callback: expected a function, received ${typeof fn}`, {
        issues: [{ path: ['callback'], message: 'expected a function' }],
      });
    }
    (this.#cleanupCallbacks ??= []).push(fn);
  }

  /**
   * Runs every cleanup callback (each error is logged and returned, none stops
   * the rest), clears threads and analyses, and keeps the newest 50 security
   * events. Never throws. A second call waits for the first and returns no errors.
   */
  cleanup(): Promise<CleanupResult> {
    if (this.#cleanup !== undefined) return this.#cleanup.then(() => ({ errors: [] }));
    const mutex = this.#mutex;
    // Like an operation: inline while the lock is free (a sweep cleans up
    // thousands of idle sessions), queued behind whatever holds it otherwise.
    this.#cleanup =
      mutex !== undefined && mutex.isLocked() ? mutex.runExclusive(() => this.#runCleanup(true)) : this.#runCleanup(false);
    return this.#cleanup;
  }

  #runCleanup(locked: boolean): Promise<CleanupResult> {
    const callbacks = this.#cleanupCallbacks ?? [];
    this.#cleanupCallbacks = undefined;
    const errors: unknown[] = [];
    for (let i = 0; i < callbacks.length; i++) {
      const result = this.#runCleanupCallback(callbacks[i] as () => unknown, errors);
      if (result !== undefined) return this.#finishCleanupAsync(result, callbacks.slice(i + 1), errors, locked);
    }
    this.#clearAfterCleanup(errors);
    return Promise.resolve({ errors });
  }

  /** A callback went async: hold the lock (if we do not already) until every remaining one has run. */
  async #finishCleanupAsync(pending: PromiseLike<unknown>, rest: (() => unknown)[], errors: unknown[], locked: boolean): Promise<CleanupResult> {
    let mutex: Mutex | undefined;
    if (!locked) {
      mutex = this.#mutex ??= new Mutex();
      void mutex.acquire(); // free, so taken synchronously
    }
    try {
      await this.#settleCleanupCallback(pending, errors);
      for (const callback of rest) {
        const result = this.#runCleanupCallback(callback, errors);
        if (result !== undefined) await this.#settleCleanupCallback(result, errors);
      }
      this.#clearAfterCleanup(errors);
    } finally {
      mutex?.release();
    }
    return { errors };
  }

  /** Runs one callback; returns its promise if it is async, after recording a synchronous failure. */
  #runCleanupCallback(callback: () => unknown, errors: unknown[]): PromiseLike<unknown> | undefined {
    try {
      const result = callback();
      return isPromiseLike(result) ? result : undefined;
    } catch (error) {
      this.#cleanupFailed(error, errors);
      return undefined;
    }
  }

  async #settleCleanupCallback(pending: PromiseLike<unknown>, errors: unknown[]): Promise<void> {
    try {
      await pending;
    } catch (error) {
      this.#cleanupFailed(error, errors);
    }
  }

  #cleanupFailed(error: unknown, errors: unknown[]): void {
    errors.push(error);
    this.#context.logger.warn(`sessionkit: a cleanup callback of session ${this.sessionId} failed`, { error });
  }

  #clearAfterCleanup(errors: unknown[]): void {
    try {
      const state = this.#state;
      this.#countChange(-state.threadCount, -state.analysisCount);
      state.clearThreadsAndAnalyses();
      state.metrics.threadCount = 0;
      if (state.keptEventCount > EVENTS_KEPT_AFTER_CLEANUP) {
        state.securityEvents = state.securityEvents.slice(-EVENTS_KEPT_AFTER_CLEANUP);
      }
    } catch (error) {
      errors.push(error);
    }
  }

  /** The state in the reference JSON shape. A snapshot: changes nothing, records nothing. */
  exportState(): Promise<SessionStateJSON> {
    const link = this.#store;
    if (link !== undefined) {
      return (this.#mutex ??= new Mutex()).runExclusive(async () => {
        if (link.stale) await this.#reload(link);
        return this.#export();
      });
    }
    const mutex = this.#mutex;
    if (mutex !== undefined && mutex.isLocked()) return mutex.runExclusive(() => this.#export());
    try {
      return Promise.resolve(this.#export());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #export(): SessionStateJSON {
    try {
      return this.#state.toJSON();
    } catch (error) {
      throw SessionError.wrap(error, `Operation 'export_state' failed for session ${this.sessionId}`);
    }
  }

  /** Whether the session is older than `ttlHours`, by creation time and the session's clock. */
  isExpired(ttlHours: number): boolean {
    const ttl = parseOrThrow(ttlHoursSchema, ttlHours, 'ttlHours');
    return this.#context.now() - this.#state.createdAtMs > ttl * 3_600_000;
  }

  /**
   * Runs `fn` synchronously on the live state, right now. For synchronous
   * compatibility layers (such as `@sessionkit/legacy-adapter`) only: it takes
   * no lock (so it throws SessionConcurrencyError while an operation holds the
   * session's lock), bumps no version, records no metrics, writes nothing
   * through to a store (so it is refused for store-backed sessions), and `fn`
   * must not be async. Prefer the operations, or `atomicUpdate`.
   */
  withLiveState<T>(fn: (state: SessionState) => T): T {
    if (typeof fn !== 'function') {
      throw new SessionValidationError('Invalid function: expected a function', { issues: [{ path: ['fn'], message: 'expected a function' }] });
    }
    if (this.#store !== undefined) {
      throw new SessionError(`Session ${this.sessionId} lives in a shared store: use atomicUpdate, not withLiveState`);
    }
    if (this.#mutex?.isLocked()) {
      throw new SessionConcurrencyError(`Session ${this.sessionId} is busy with another operation; use atomicUpdate to wait for it`);
    }
    const state = this.#state;
    const threadsBefore = state.threadCount;
    const analysesBefore = state.analysisCount;
    try {
      const result = fn(state);
      if (isPromiseLike(result)) {
        throw new SessionValidationError('withLiveState takes a synchronous function: use atomicUpdate for async work', {
          issues: [{ path: ['fn'], message: 'returned a promise' }],
        });
      }
      return result;
    } finally {
      state.metrics.threadCount = state.threadCount;
      this.#countChange(state.threadCount - threadsBefore, state.analysisCount - analysesBefore);
    }
  }

  /**
   * Runs `fn` synchronously on the live state for reading, even while an
   * operation holds the lock (it may then see that operation's unfinished
   * changes). For synchronous compatibility layers' getters; `fn` must not
   * change the state — use `withLiveState` or the operations for that.
   */
  readLiveState<T>(fn: (state: Readonly<SessionState>) => T): T {
    if (typeof fn !== 'function') {
      throw new SessionValidationError('Invalid function: expected a function', { issues: [{ path: ['fn'], message: 'expected a function' }] });
    }
    return fn(this.#state);
  }

  toString(): string {
    return `Session(${this.sessionId}, threads=${this.threadCount}, analyses=${this.analysisCount}, version=${this.version})`;
  }

  // -------------------------------------------------------------------------
  // Internals

  /** Sets a new session's topic and initial perspectives: part of its creation, so no version bump. */
  [kInitialize](topic: string | null, threads: readonly Thread[]): void {
    const state = this.#state;
    state.topic = topic;
    for (const thread of threads) if (!state.threads.has(thread.name)) state.threads.set(thread.name, thread);
    state.metrics.threadCount = state.threadCount;
    this.#countChange(state.threadCount, 0);
  }

  #newBinding(now: number): ClientBinding {
    const creationTimestamp = formatTimestamp(now);
    const sessionEntropy = randomToken();
    return ClientBinding[kTrusted]({
      sessionEntropy,
      creationTimestamp,
      bindingSignature: this.#context.keyRing.sign(`${sessionEntropy}:${creationTimestamp}`),
      signatureScheme: 'hmac-sha256',
      accessPatternHash: hash('sha256', `${this.sessionId}:${creationTimestamp}`),
      lastValidated: now,
    });
  }

  #countChange(threads: number, analyses: number): void {
    const counters = this[kCounters];
    if (counters === null) return;
    counters.threads += threads;
    counters.analyses += analyses;
  }

  /**
   * Runs one operation atomically. While the lock is free the body runs
   * inline (no promise hops for synchronous bodies: the microsecond path);
   * an asynchronous body takes the lock until it settles, and while the lock
   * is held every other operation queues on it.
   */
  #run<T>(operation: OperationName, body: (state: SessionState, now: number) => T | PromiseLike<T>): Promise<T> {
    if (this.#store !== undefined) return this.#runWithStore(this.#store, operation, body);
    const mutex = this.#mutex;
    if (mutex !== undefined && mutex.isLocked()) return mutex.runExclusive(() => this.#execute(operation, body, true));
    return this.#execute(operation, body, false);
  }

  #execute<T>(operation: OperationName, body: (state: SessionState, now: number) => T | PromiseLike<T>, locked: boolean): Promise<T> {
    let result: T | PromiseLike<T>;
    let now: number;
    try {
      now = this.#context.now();
      result = body(this.#state, now);
    } catch (error) {
      return Promise.reject(this.#failed(this.#state, operation, error));
    }
    if (!isPromiseLike(result)) {
      this.#state.metrics.recordAccess(now);
      return result === undefined ? (RESOLVED as Promise<T>) : Promise.resolve(result);
    }
    let mutex: Mutex | undefined;
    if (!locked) {
      mutex = this.#mutex ??= new Mutex();
      void mutex.acquire(); // free, so taken synchronously; released below once the body settles
    }
    return Promise.resolve(result).then(
      (value) => {
        this.#state.metrics.recordAccess(this.#nowOrSystem());
        mutex?.release();
        return value;
      },
      (error: unknown) => {
        const failure = this.#failed(this.#state, operation, error);
        mutex?.release();
        throw failure;
      },
    );
  }

  /** Links this session to a shared store at `revision` (the manager's store path). */
  [kAttachStore](link: StoreLink): void {
    this.#store = link;
  }

  /**
   * Write-through under the session lock. A read is served from the local
   * copy (reloaded first if another process changed the session). A write runs
   * its body on the live state, saves it with compare-and-set on the revision,
   * and rolls the state back from a snapshot if the save does not succeed. On
   * a conflict the fresh stored state is adopted and the body runs again on
   * it (so `atomicUpdate(fn, expectedVersion)` then fails its version check),
   * with jittered back-off, at most `retry.attempts` times. While a save is in
   * flight the synchronous getters (`version`, `topic`) may show the change
   * before it is confirmed.
   */
  #runWithStore<T>(link: StoreLink, operation: OperationName, body: (state: SessionState, now: number) => T | PromiseLike<T>): Promise<T> {
    const mutex = (this.#mutex ??= new Mutex());
    return mutex.runExclusive(async () => {
      for (let attempt = 1; ; attempt++) {
        if (link.stale) await this.#reload(link);
        if (!WRITE_OPERATIONS.has(operation)) return this.#execute(operation, body, true);

        // The body works on the live state (the lock keeps every other operation
        // out); a snapshot puts it back if the write does not succeed.
        const state = this.#state;
        const snapshot = new StateSnapshot(state);
        const versionBefore = state.version;
        let outcome: { ok: true; value: T } | { ok: false; error: SessionError };
        try {
          const value = await body(state, this.#context.now());
          state.metrics.recordAccess(this.#nowOrSystem());
          if (state.version === versionBefore && !SECURITY_OPERATIONS.has(operation)) return value; // nothing to write
          outcome = { ok: true, value };
        } catch (error) {
          // Kept: what the body recorded before failing (a counted validation failure);
          // atomicUpdate has already rolled back its own changes.
          outcome = { ok: false, error: this.#failed(state, operation, error) };
        }

        let saved: Awaited<ReturnType<typeof link.store.save>>;
        link.savingRevision = link.revision + 1;
        try {
          saved = await link.store.save(state.toJSON(), link.revision);
        } catch (error) {
          // Not confirmed: the write happened whole or not at all, we cannot tell which.
          // Keep the last confirmed state (reads stay served during an outage); if the
          // write did land, the next write's compare-and-set finds it and adopts it,
          // and if the store announced that revision meanwhile, reload before the next use.
          snapshot.restore();
          if (link.heardDuringSave) link.stale = true;
          throw error;
        } finally {
          link.savingRevision = undefined;
          link.heardDuringSave = false;
        }
        if (saved.ok) {
          link.revision = saved.revision;
          if (outcome.ok) return outcome.value;
          throw outcome.error;
        }
        snapshot.restore();
        if (saved.current === null) throw this.#gone(link);
        this.#adopt(link, saved.current.state, saved.current.revision);
        if (attempt >= link.retry.attempts) {
          throw new SessionConcurrencyError(
            `Operation '${operation}' on session ${this.sessionId} kept conflicting with other writers; gave up after ${attempt} attempts`,
            { actual: this.#state.version },
          );
        }
        const ceiling = Math.min(link.retry.maxDelayMs, link.retry.baseDelayMs * 2 ** Math.min(attempt, 16));
        await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
      }
    });
  }

  async #reload(link: StoreLink): Promise<void> {
    const stored = await link.store.load(this.sessionId);
    if (stored === null) throw this.#gone(link);
    this.#adopt(link, stored.state, stored.revision);
  }

  #adopt(link: StoreLink, json: unknown, revision: number): void {
    let state: SessionState;
    try {
      state = SessionState.fromJSON(json, this.#context.now());
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new SessionValidationError(`Stored state of session ${this.sessionId} is corrupt: ${detail}`, {
        cause: error,
        issues: error instanceof SessionValidationError ? error.issues : [],
      });
    }
    if (state.sessionId !== this.sessionId) {
      throw new SessionValidationError(`Stored state of session ${this.sessionId} is corrupt: it names session ${state.sessionId}`);
    }
    this.#state = state;
    link.revision = revision;
    link.stale = false;
  }

  #gone(link: StoreLink): SessionNotFoundError {
    link.onGone(this.sessionId);
    return new SessionNotFoundError(`Session '${this.sessionId}' is no longer in the store (removed by another process, or expired)`);
  }

  /** For bookkeeping after the body: a clock that fails now must not turn a success into a failure. */
  #nowOrSystem(): number {
    try {
      return this.#context.now();
    } catch {
      return Date.now();
    }
  }

  /** Wraps the error and records it on `state`: an error metric and an `operation_error_<name>` event. */
  #failed(state: SessionState, operation: OperationName, error: unknown): SessionError {
    const failure = SessionError.wrap(error, `Operation '${operation}' failed for session ${this.sessionId}`);
    try {
      state.metrics.recordError();
      recordEvent(state, `operation_error_${operation}`, { error: failure.message, operation }, this.#nowOrSystem());
      this.#context.logger.debug(`sessionkit: operation ${operation} failed on session ${this.sessionId}`, { error: failure });
    } catch {
      // Recording a failure must never replace the failure itself.
    }
    return failure;
  }
}
