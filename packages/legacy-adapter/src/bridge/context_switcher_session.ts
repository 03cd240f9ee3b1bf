/**
 * The old session record (`models.py`'s `ContextSwitcherSession`) as a view
 * of one core `Session`. Constructing one creates the core session; the
 * `SessionManager` stores that core session in its core pool; `SessionData`,
 * `SessionSecurity`, `SessionConcurrency` and the lock manager made for the
 * same id are views of the same session.
 */
import { SessionError } from '@sessionkit/core';
import { deprecated, DEPRECATIONS } from '../internal/deprecation.js';
import { adopt, createSession } from '../internal/directory.js';
import { nowIso } from '../internal/clock.js';
import { describeValue } from '../internal/describe_value.js';
import type { SessionHandle } from '../internal/session_handle.js';
import { epochOf, oldTimestamp } from '../internal/time.js';
import { analysesOf, analysisDict, lastAnalysis, recordAnalysis, type AnalysisEntry } from './analyses.js';
import { attachBinding, bindingView, type ClientBinding, toCoreBinding } from './client_binding.js';
import { assignAccessCount, assignLastAccessed, assignVersion } from './access_fields.js';
import { appendEvent, coreEvent, detailsOf } from './events.js';
import { inOldSection } from './old_sections.js';
import { SessionView } from './session_view.js';

/** A security event as the session record listed it. */
export interface SecurityEventEntry {
  /** The event type, e.g. `binding_validation_failed`. */
  type: string;
  /** When it was recorded, in Python `isoformat()` as the old record wrote it. */
  timestamp: string;
  /** The details as recorded (null when the caller passed none). */
  details: Record<string, unknown> | null;
}

/** The optional fields of `new ContextSwitcherSession(id, createdAt, init)`. */
export interface ContextSwitcherSessionInit {
  /** The session topic (default null). */
  topic?: string | null | undefined;
  /** A binding to store in the new core session (default none: the session is created without one). */
  clientBinding?: ClientBinding | null | undefined;
}

/** The record view of each core session the adapter has handed out. */
const records = new WeakMap<SessionHandle, ContextSwitcherSession>();
const recordHandles = new WeakMap<ContextSwitcherSession, SessionHandle>();
let wrapping: SessionHandle | undefined;

/**
 * The old session record (`models.py`'s `ContextSwitcherSession`), as a view
 * of one core `Session`: threads, analyses, topic, version, access metrics,
 * binding and security events are the core session's own, and changes made
 * through either API show in the other at once. Store it with
 * `SessionManager#addSession`; `toCoreSession(record)` gives the core session.
 */
export class ContextSwitcherSession extends SessionView {
  readonly #handle: SessionHandle;

  /**
   * Creates the core session, created at `createdAt`, with no binding of its
   * own (`init.clientBinding` when given). A `SessionSecurity`,
   * `SessionConcurrency` or lock made later for the id, and a `SessionData`
   * with the same id and creation time, are views of it.
   * The first construction in the process emits the
   * `SESSIONKIT_LEGACY_CONTEXT_SWITCHER_SESSION` deprecation warning.
   * @param sessionId - The session id.
   * @param createdAt - The creation time, which the TTL counts from.
   * @param init - Topic and client binding.
   * @throws `SessionError` for an empty id, an invalid `Date`, a non-string topic or
   *   a value that is no binding; nothing is created then.
   */
  constructor(sessionId: string, createdAt: Date, init: ContextSwitcherSessionInit = {}) {
    const handle = takeWrapped() ?? newRecordSession(sessionId, createdAt, init);
    super(handle);
    this.#handle = handle;
    records.set(handle, this);
    recordHandles.set(this, handle);
  }

  /** The core session's client binding (the same view object each time), or null. */
  get clientBinding(): ClientBinding | null {
    const binding = this.#handle.read((state) => state.clientBinding);
    return binding === null ? null : bindingView(binding);
  }

  /** Stores a binding in the core session, or removes it with null. Security metadata: no version bump. */
  set clientBinding(binding: ClientBinding | null) {
    attachBinding(this.#handle, binding === null || binding === undefined ? null : toCoreBinding(binding));
  }

  /** The analyses as the old record listed them (a snapshot). */
  get analyses(): AnalysisEntry[] {
    return analysesOf(this.#handle).map(analysisDict);
  }

  /** Old `recordAccess` calls plus core operations on the session: one access count. */
  get accessCount(): number {
    return this.#handle.read((state) => state.metrics.accessCount);
  }

  /** Sets the access count, as old code assigned it (no version bump). */
  set accessCount(value: number) {
    assignAccessCount(this.#handle, value);
  }

  /** When the session was last accessed (core's `metrics.last_accessed`). */
  get lastAccessed(): Date {
    return this.#handle.read((state) => new Date(state.metrics.lastAccessedMs));
  }

  /** Sets the last access time (no version bump). */
  set lastAccessed(value: Date) {
    assignLastAccessed(this.#handle, value);
  }

  /** The security events (a snapshot; record new ones with `recordSecurityEvent`). */
  get securityEvents(): SecurityEventEntry[] {
    return this.#handle.read((state) =>
      state.keptEventCount === 0
        ? []
        : state.securityEvents.map((event) => ({ type: event.eventType, timestamp: oldTimestamp(event.timestamp), details: detailsOf(event) })),
    );
  }

  /** The core session's version: every mutation counts, through either API. */
  get version(): number {
    return this.#handle.session.version;
  }

  /** Sets the version, as old code assigned it to reset or align it. */
  set version(value: number) {
    assignVersion(this.#handle, value);
  }

  /**
   * Counts an access under the session's lock, taken through the process-wide
   * lock manager as before: access count and version +1, the tool remembered
   * on the client binding (the first 10). A lock-manager failure rejects.
   */
  async recordAccess(toolName: string): Promise<void> {
    const rememberTool = () =>
      this.#handle.write(
        'recordAccess',
        (state) => {
          const usage = state.clientBinding?.toolUsageSequence;
          if (usage !== undefined && usage.length < 10) usage.push(toolName);
        },
        () => false, // the section's own bump counts the access
      );
    await inOldSection(this.#handle, rememberTool, { countsAsAccess: true });
  }

  /** Appends a security event and flags the binding with its type. No version bump (security metadata). */
  recordSecurityEvent(eventType: string, details: Record<string, unknown> | null): void {
    const event = coreEvent(eventType, nowIso(), details);
    this.#handle.write(
      'recordSecurityEvent',
      (state) => appendEvent(state, event),
      () => false,
    );
  }

  /** True without a binding; with one, whether `secretKey` signed it. Records nothing. */
  isBindingValid(secretKey: string): boolean {
    const binding = this.clientBinding;
    return binding === null ? true : binding.validateBinding(secretKey);
  }

  /**
   * Records an analysis on the core session with the counts given (core
   * would compute them from `[NO_RESPONSE]`): version +1.
   * @param prompt - The prompt the perspectives answered.
   * @param responses - Each perspective's response, by perspective name (copied).
   * @param activeCount - How many perspectives answered.
   * @param abstainedCount - How many abstained.
   * @throws `SessionError` for a non-string prompt or response, or a count that is not a
   *   non-negative integer; nothing is recorded then.
   */
  recordAnalysis(prompt: string, responses: Record<string, string>, activeCount: number, abstainedCount: number): void {
    recordAnalysis(this.#handle, prompt, responses, activeCount, abstainedCount);
  }

  /** The newest analysis as the old dict, or null when none is recorded. */
  getLastAnalysis(): AnalysisEntry | null {
    const last = lastAnalysis(this.#handle);
    return last === null ? null : analysisDict(last);
  }

  override toString(): string {
    return `ContextSwitcherSession(${this.sessionId}, version=${this.version})`;
  }
}

/** The new core session behind `new ContextSwitcherSession(id, createdAt, init)`, once its arguments pass. */
function newRecordSession(sessionId: string, createdAt: Date, init: ContextSwitcherSessionInit): SessionHandle {
  deprecated(DEPRECATIONS.contextSwitcherSession);
  if (typeof sessionId !== 'string' || sessionId.length === 0) {
    throw new SessionError(`sessionId must be a non-empty string, got ${describeValue(sessionId)}`);
  }
  const createdAtMs = epochOf(createdAt, `createdAt of session '${sessionId}'`);
  const { topic = null, clientBinding = null } = init ?? {};
  if (topic !== null && typeof topic !== 'string') {
    throw new SessionError(`topic must be a string or null, got ${describeValue(topic)}`);
  }
  const binding = clientBinding === null ? null : toCoreBinding(clientBinding);
  const handle = createSession(sessionId, { createdAtMs, topic });
  if (binding !== null) attachBinding(handle, binding);
  return handle;
}

/** The handle `recordOf` is making a view of, taken once. */
function takeWrapped(): SessionHandle | undefined {
  const handle = wrapping;
  wrapping = undefined;
  return handle;
}

/** The record view of a core session (the one old code created, or a new view of a session core created). */
export function recordOf(handle: SessionHandle): ContextSwitcherSession {
  const existing = records.get(handle);
  if (existing !== undefined) return existing;
  adopt(handle);
  wrapping = handle;
  return new ContextSwitcherSession(handle.sessionId, undefined as never);
}

/** The handle behind a record view. */
export function handleOfRecord(record: unknown): SessionHandle | undefined {
  return record instanceof ContextSwitcherSession ? recordHandles.get(record) : undefined;
}
