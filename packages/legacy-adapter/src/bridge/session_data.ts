/**
 * The old data half of a session (`session_data.py`) as a view of the core
 * session: threads and analyses live in the core session's state. The
 * `SessionData` made for a session the old code created with
 * `new ContextSwitcherSession(id, createdAt)` (same id, same creation time)
 * is a view of that same core session.
 */
import { AnalysisRecord as CoreAnalysisRecord, SessionError, SessionState, type ThreadJSON } from '@sessionkit/core';
import { deprecated, DEPRECATIONS } from '../internal/deprecation.js';
import { describeValue } from '../internal/describe_value.js';
import { adopt, createSession, findHandle } from '../internal/directory.js';
import { findInCorePool } from '../internal/core_pool.js';
import { handleOf, type SessionHandle } from '../internal/session_handle.js';
import { epochOf, isoformat, oldMessageTimestamp, oldTimestamp, toDate } from '../internal/time.js';
import { adapterClock } from '../internal/clock.js';
import { analysesOf, analysisDict, expectCount, expectResponses, expectString, lastAnalysis, recordAnalysis } from './analyses.js';
import { SessionView } from './session_view.js';
import { deleteThread, threadNames } from './threads.js';

/** The fields of `new AnalysisRecord({ ... })`. */
export interface AnalysisRecordInit {
  /** The prompt the perspectives answered. */
  prompt: string;
  /** When the analysis was made. */
  timestamp: Date;
  /** Each perspective's response, by perspective name (copied). */
  responses: Record<string, string>;
  /** How many perspectives answered (a non-negative integer). */
  activeCount: number;
  /** How many abstained (a non-negative integer). */
  abstainedCount: number;
}

/** An analysis as the old `toDict()` wrote it (core's `AnalysisRecordJSON`, timestamp in Python `isoformat()`). */
export interface AnalysisRecordDict {
  /** The prompt the perspectives answered. */
  prompt: string;
  /** When the analysis was made, in Python `isoformat()`. */
  timestamp: string;
  /** Each perspective's response, by perspective name. */
  responses: Record<string, string>;
  /** How many perspectives answered. */
  active_count: number;
  /** How many abstained. */
  abstained_count: number;
}

/** A thread as `SessionData#toDict()` writes it: core's `ThreadJSON`, message timestamps as the old system wrote them. */
export type ThreadDict = ThreadJSON;

/** What `SessionData#toDict()` returns and `SessionData.fromDict` reads: the old snake_case dict. */
export interface SessionDataDict {
  /** The session id. */
  session_id: string;
  /** The creation time, in Python `isoformat()`. */
  created_at: string;
  /** The session topic, or null. */
  topic: string | null;
  /** The threads by name. */
  threads: Record<string, ThreadDict>;
  /** The analyses, oldest first. */
  analyses: AnalysisRecordDict[];
}

/** What `SessionData#getAnalysesSummary` returns: `{ count: 0, message }` when empty, else the counts and the newest analysis. */
export interface AnalysesSummary {
  /** How many analyses are recorded. */
  count: number;
  /** `'No analyses recorded'`, only when there are none. */
  message?: string;
  /** The responses of every analysis, summed (only when there are analyses). */
  total_responses?: number;
  /** The newest analysis: its time (Python `isoformat()`) and counts (only when there are analyses). */
  last_analysis?: { timestamp: string; active_count: number; abstained_count: number };
}

const recordViews = new WeakMap<CoreAnalysisRecord, AnalysisRecord>();
let wrappingRecord: CoreAnalysisRecord | undefined;

/** One recorded analysis, as a view of the core record (read-only: analyses are history). */
export class AnalysisRecord {
  readonly #core: CoreAnalysisRecord;

  /**
   * A new core analysis record, not stored in any session (sessions record
   * theirs with `recordAnalysis`).
   * @param init - Prompt, time, responses and counts.
   * @throws `SessionError` for a missing init object or a bad field, naming it.
   */
  constructor(init: AnalysisRecordInit) {
    const core = wrappingRecord;
    wrappingRecord = undefined;
    if (core !== undefined) {
      this.#core = core;
    } else {
      if (typeof init !== 'object' || init === null) {
        throw new SessionError(`AnalysisRecord expects { prompt, timestamp, responses, activeCount, abstainedCount }, got ${describeValue(init)}`);
      }
      this.#core = new CoreAnalysisRecord(
        expectString(init.prompt, 'prompt'),
        new Date(epochOf(init.timestamp, 'timestamp')).toISOString(),
        expectResponses(init.responses),
        expectCount(init.activeCount, 'activeCount'),
        expectCount(init.abstainedCount, 'abstainedCount'),
      );
    }
    recordViews.set(this.#core, this);
  }

  /** The prompt the perspectives answered. */
  get prompt(): string {
    return this.#core.prompt;
  }

  /** When the analysis was made. */
  get timestamp(): Date {
    return toDate(this.#core.timestamp);
  }

  /** Each perspective's response, by perspective name (the core record's own object: do not change it). */
  get responses(): Record<string, string> {
    return this.#core.responses;
  }

  /** How many perspectives answered, as recorded. */
  get activeCount(): number {
    return this.#core.activeCount;
  }

  /** How many perspectives abstained, as recorded. */
  get abstainedCount(): number {
    return this.#core.abstainedCount;
  }

  /** The old snake_case dict, byte for byte: the old key order, the timestamp in Python `isoformat()`. */
  toDict(): AnalysisRecordDict {
    return analysisDict(this.#core);
  }

  /** Reads a dict; a malformed field throws SessionError (SessionValidationError) naming it. */
  static fromDict(data: unknown): AnalysisRecord {
    return analysisView(CoreAnalysisRecord.fromJSON(data));
  }
}

function analysisView(core: CoreAnalysisRecord): AnalysisRecord {
  const existing = recordViews.get(core);
  if (existing !== undefined) return existing;
  wrappingRecord = core;
  return new AnalysisRecord(undefined as never);
}

const dataHandles = new WeakMap<SessionData, SessionHandle>();
const defaultViews = new WeakMap<SessionHandle, SessionData>();
let wrapping: SessionHandle | undefined;

/**
 * The old data half of a session (threads and analyses), as a view of a core
 * session: the one the session record with the same id and creation time is
 * a view of, so both show the same threads, analyses, topic and version.
 * `toCoreSession(data)` gives the core session.
 */
export class SessionData extends SessionView {
  readonly #handle: SessionHandle;

  /**
   * A view of the session created with this id at this instant (the old
   * record's, as `new SessionData(id, record.createdAt)` meant it), else a
   * new core session. A topic given here replaces a different one on the
   * existing session (version +1). The first use of `SessionData` in the process emits the
   * `SESSIONKIT_LEGACY_SESSION_DATA` deprecation warning.
   * @param sessionId - The session id.
   * @param createdAt - The creation time, which finds the record's session.
   * @param topic - The session topic (default null: an existing topic is kept).
   * @throws `SessionError` for an empty id, an invalid `Date` or a non-string topic.
   */
  constructor(sessionId: string, createdAt: Date, topic: string | null = null) {
    const handle = takeWrapped() ?? dataSession(sessionId, createdAt, topic);
    super(handle);
    this.#handle = handle;
    dataHandles.set(this, handle);
  }

  /** The recorded analyses (a snapshot; record new ones with `recordAnalysis`). */
  get analyses(): AnalysisRecord[] {
    return analysesOf(this.#handle).map(analysisView);
  }

  /** Removes a thread; true when there was one (version +1 then). */
  removeThread(name: string): boolean {
    return deleteThread(this.#handle, name);
  }

  /** Records an analysis with the counts given. Version +1. Bad input throws SessionError and records nothing. */
  recordAnalysis(prompt: string, responses: Record<string, string>, activeCount: number, abstainedCount: number): void {
    recordAnalysis(this.#handle, prompt, responses, activeCount, abstainedCount);
  }

  /** The newest analysis, or null when none is recorded. */
  getLastAnalysis(): AnalysisRecord | null {
    const last = lastAnalysis(this.#handle);
    return last === null ? null : analysisView(last);
  }

  /** How many threads the session has (core's `threadCount`). */
  getThreadCount(): number {
    return this.#handle.session.threadCount;
  }

  /** How many analyses the session has recorded (core's `analysisCount`). */
  getAnalysisCount(): number {
    return this.#handle.session.analysisCount;
  }

  /** The thread names, in insertion order (a copy). */
  getThreadNames(): string[] {
    return threadNames(this.#handle);
  }

  /** Forgets every analysis. Version +1 when there were any. */
  clearAnalyses(): void {
    this.#handle.write(
      'clearAnalyses',
      (state) => {
        const had = state.analysisCount > 0;
        if (had) state.analyses = [];
        return had;
      },
      (had) => had,
    );
  }

  /** The old summary dict: count, responses in total and the newest analysis; a message when there are none. */
  getAnalysesSummary(): AnalysesSummary {
    const analyses = analysesOf(this.#handle);
    const last = analyses.at(-1);
    if (last === undefined) return { count: 0, message: 'No analyses recorded' };
    return {
      count: analyses.length,
      total_responses: analyses.reduce((sum, analysis) => sum + Object.keys(analysis.responses).length, 0),
      last_analysis: { timestamp: oldTimestamp(last.timestamp), active_count: last.activeCount, abstained_count: last.abstainedCount },
    };
  }

  /**
   * The old snake_case dict, byte for byte what the old system wrote for the
   * same data: id, creation time, topic, threads and analyses, in the old key
   * order, every timestamp in Python `isoformat()` (conversation messages
   * restored from a dict keep their text, as the old system kept it).
   */
  toDict(): SessionDataDict {
    return this.#handle.read((state) => {
      const threads: Record<string, ThreadDict> = {};
      if (state.threadCount > 0) {
        for (const [name, thread] of state.threads) {
          const dict = thread.toJSON();
          for (const message of dict.conversation_history) message.timestamp = oldMessageTimestamp(message.timestamp);
          threads[name] = dict;
        }
      }
      return {
        session_id: state.sessionId,
        created_at: isoformat(new Date(state.createdAtMs)),
        topic: state.topic,
        threads,
        analyses: state.analysisCount === 0 ? [] : state.analyses.map(analysisDict),
      };
    });
  }

  /**
   * A new session from a `toDict()` dict (or any core state JSON). Validated
   * by core: a malformed field throws SessionError (SessionValidationError)
   * naming it, and nothing is created.
   */
  static fromDict(data: unknown): SessionData {
    deprecated(DEPRECATIONS.sessionData);
    const restored = SessionState.fromJSON(data, adapterClock.now());
    const handle = createSession(restored.sessionId, { createdAtMs: restored.createdAtMs, topic: restored.topic });
    handle.write(
      'fromDict',
      (state) => {
        state.version = restored.version;
        state.metrics = restored.metrics;
        if (restored.threadCount > 0) state.threads = restored.threads;
        if (restored.analysisCount > 0) state.analyses = restored.analyses;
        if (restored.keptEventCount > 0) state.securityEvents = restored.securityEvents;
        state.clientBinding = restored.clientBinding;
      },
      () => false,
    );
    return sessionDataOf(handle);
  }
}

/** The handle behind a SessionData view. */
export function handleOfData(data: unknown): SessionHandle | undefined {
  return data instanceof SessionData ? dataHandles.get(data) : undefined;
}

/** A SessionData view of a core session (made once per session). */
export function sessionDataOf(handle: SessionHandle): SessionData {
  const existing = defaultViews.get(handle);
  if (existing !== undefined) return existing;
  adopt(handle);
  wrapping = handle;
  const view = new SessionData(handle.sessionId, undefined as never);
  defaultViews.set(handle, view);
  return view;
}

/** The session `new SessionData(id, createdAt, topic)` is a view of (see `sessionCreatedAt`), once its arguments pass. */
function dataSession(sessionId: string, createdAt: Date, topic: string | null): SessionHandle {
  deprecated(DEPRECATIONS.sessionData);
  if (typeof sessionId !== 'string' || sessionId.length === 0) {
    throw new SessionError(`sessionId must be a non-empty string, got ${describeValue(sessionId)}`);
  }
  const createdAtMs = epochOf(createdAt, `createdAt of session '${sessionId}'`);
  if (topic !== null && typeof topic !== 'string') {
    throw new SessionError(`topic must be a string or null, got ${describeValue(topic)}`);
  }
  return sessionCreatedAt(sessionId, createdAtMs, topic);
}

/** The handle `sessionDataOf` is making a view of, taken once. */
function takeWrapped(): SessionHandle | undefined {
  const handle = wrapping;
  wrapping = undefined;
  return handle;
}

/**
 * The session created with this id at this instant (the old record that
 * `new SessionData(id, record.createdAt)` belongs with), else a new one.
 */
function sessionCreatedAt(sessionId: string, createdAtMs: number, topic: string | null): SessionHandle {
  const existing = findHandle(sessionId);
  if (existing !== undefined && existing.session.createdAtMs === createdAtMs) {
    if (topic !== null && existing.session.topic !== topic) {
      existing.write('topic assignment', (state) => {
        state.topic = topic;
      });
    }
    return existing;
  }
  return createSession(sessionId, { createdAtMs, topic });
}

// ---------------------------------------------------------------------------
// The process-wide registry the old helpers looked sessions up in.

const registry = new Map<string, SessionData>();
const prunedOnCleanup = new WeakSet<SessionHandle>();

/**
 * Makes `data` findable by `getSessionData(data.sessionId)`; a later
 * registration replaces it. The entry goes when its session leaves a pool
 * (removed, expired, shut down), not before: the old registry was never pruned.
 */
export function registerSessionData(data: SessionData): void {
  deprecated(DEPRECATIONS.sessionData);
  const handle = handleOfData(data);
  if (handle === undefined) {
    throw new SessionError(`registerSessionData expects a SessionData instance, got ${describeValue(data)}`);
  }
  registry.set(handle.sessionId, data);
  if (!prunedOnCleanup.has(handle)) {
    prunedOnCleanup.add(handle);
    handle.onCleanup(() => {
      if (handleOfData(registry.get(handle.sessionId)) === handle) registry.delete(handle.sessionId);
    });
  }
}

/**
 * The registered data of a session. When nothing is registered under the
 * id, a live session with that id in core's process-wide pool
 * (`getSessionManager()` of `@sessionkit/core`) is used, so code already
 * migrated to core and old code can share sessions. Otherwise SessionError.
 */
export function getSessionData(sessionId: string): SessionData {
  deprecated(DEPRECATIONS.sessionData);
  const registered = registry.get(sessionId);
  if (registered !== undefined) return registered;
  const pooled = typeof sessionId === 'string' ? findInCorePool(sessionId) : undefined;
  if (pooled !== undefined) return sessionDataOf(handleOf(pooled));
  throw new SessionError(
    `No session data registered for session '${String(sessionId)}', and core's session manager has no such session; ` +
      'create the session (and registerSessionData) first',
  );
}
