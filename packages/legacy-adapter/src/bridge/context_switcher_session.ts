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
  type: string;
  timestamp: string;
  details: Record<string, unknown> | null;
}

export interface ContextSwitcherSessionInit {
  topic?: string | null | undefined;
  clientBinding?: ClientBinding | null | undefined;
}

/** The record view of each core session the adapter has handed out. */
const records = new WeakMap<SessionHandle, ContextSwitcherSession>();
const recordHandles = new WeakMap<ContextSwitcherSession, SessionHandle>();
let wrapping: SessionHandle | undefined;

export class ContextSwitcherSession extends SessionView {
  readonly #handle: SessionHandle;

  constructor(sessionId: string, createdAt: Date, init: ContextSwitcherSessionInit = {}) {
    const handle = takeWrapped() ?? newRecordSession(sessionId, createdAt, init);
    super(handle);
    this.#handle = handle;
    records.set(handle, this);
    recordHandles.set(this, handle);
  }

  get clientBinding(): ClientBinding | null {
    const binding = this.#handle.read((state) => state.clientBinding);
    return binding === null ? null : bindingView(binding);
  }

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
    this.#handle.write('recordSecurityEvent', (state) => appendEvent(state, event), () => false);
  }

  /** True without a binding; with one, whether `secretKey` signed it. Records nothing. */
  isBindingValid(secretKey: string): boolean {
    const binding = this.clientBinding;
    return binding === null ? true : binding.validateBinding(secretKey);
  }

  recordAnalysis(prompt: string, responses: Record<string, string>, activeCount: number, abstainedCount: number): void {
    recordAnalysis(this.#handle, prompt, responses, activeCount, abstainedCount);
  }

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
