import * as z from 'zod/mini';
import { kTrusted } from '../internal.js';
import { setOwn } from '../json-value.js';
import { formatTimestamp, parseTimestamp, timestampSchema } from '../timestamps.js';
import { parseOrThrow } from '../validation.js';
import { analysisFromValid, type AnalysisRecord, type AnalysisRecordJSON } from './analysis-record.js';
import { ClientBinding, clientBindingFromValid, type ClientBindingJSON } from './client-binding.js';
import { sessionIdSchema, sessionStateJsonSchema } from './json-schemas.js';
import { SecurityEvent, type SecurityEventJSON } from './security-event.js';
import { metricsFromValid, SessionMetrics, type SessionMetricsJSON } from './session-metrics.js';
import { type Thread, threadFromValid, type ThreadJSON } from './thread.js';

/**
 * A session's whole state as a JSON document (`exportState()`,
 * `Session.restoreFromState()`, what a store holds). Keys are snake_case, as
 * the old system wrote them, so state moves between the two unchanged (API
 * objects such as {@link SessionState} are camelCase). Validate one at your
 * own boundary with `sessionStateJsonSchema` of `@sessionkit/core/schemas`.
 */
export interface SessionStateJSON {
  /** The session's id: 1..256 characters of `[A-Za-z0-9_.:-]`. */
  session_id: string;
  /** ISO 8601 creation timestamp: what expiry is measured from (kept verbatim through restores). */
  created_at: string;
  /** What the session is about, or null. */
  topic: string | null;
  /** The mutation counter (see {@link Session.version}). */
  version: number;
  /** Perspective threads by name; each key equals its thread's `name`. */
  threads: Record<string, ThreadJSON>;
  /** Recorded analyses, oldest first. */
  analyses: AnalysisRecordJSON[];
  /** Security events, oldest first (the newest 100 are kept). */
  security_events: SecurityEventJSON[];
  /** The client binding, or null for an unbound session (which restores only with `allowUnbound: true`). */
  client_binding: ClientBindingJSON | null;
  /** The usage counters. */
  metrics: SessionMetricsJSON;
}

/** What `new SessionState(...)` takes. */
export interface SessionStateInit {
  /** The session's id: 1..256 characters of `[A-Za-z0-9_.:-]`. */
  sessionId: string;
  /** ISO timestamp (kept verbatim) or epoch ms. */
  createdAt: string | number;
  /**
   * What the session is about.
   * @defaultValue null
   */
  topic?: string | null | undefined;
  /**
   * The mutation counter (a non-negative integer).
   * @defaultValue 0
   */
  version?: number | undefined;
  /**
   * The client binding.
   * @defaultValue null (unbound)
   */
  clientBinding?: ClientBinding | null | undefined;
  /**
   * The usage counters.
   * @defaultValue fresh counters, last accessed at `createdAt`
   */
  metrics?: SessionMetrics | undefined;
}

const sessionStateInitSchema = z.lazy(() =>
  z.object({
    sessionId: sessionIdSchema,
    createdAt: z.union([timestampSchema, z.number()]),
    topic: z.optional(z.nullable(z.string())),
    version: z.optional(z.int().check(z.nonnegative())),
    clientBinding: z.optional(z.nullable(z.instanceof(ClientBinding))),
    metrics: z.optional(z.instanceof(SessionMetrics)),
  }),
);

/**
 * Everything one session holds: the live object an `atomicUpdate` function
 * receives. Collections are created on first use, so an idle session costs no
 * empty Map or arrays (the retained-heap target). Inside `atomicUpdate`,
 * change its fields and collections freely (all but `version`); what it holds when the function
 * returns is validated before it commits (see {@link Session.atomicUpdate}).
 */
export class SessionState {
  /** The session's id (never changes). */
  readonly sessionId: string;
  /** The creation timestamp as restored (kept verbatim), or undefined for a new state (formatted from createdAtMs). */
  #createdAtText: string | undefined;
  /** Creation time in epoch ms: what expiry is measured from. */
  readonly createdAtMs: number;
  /** What the session is about, or null (at most `limits.maxTopicLength` characters). */
  topic: string | null;
  /** The mutation counter. Managed by the session: an update function must not change it. */
  version: number;
  #threads: Map<string, Thread> | undefined;
  #analyses: AnalysisRecord[] | undefined;
  #securityEvents: SecurityEvent[] | undefined;
  /** The client binding, or null for an unbound session. */
  clientBinding: ClientBinding | null;
  /** The usage counters. */
  metrics: SessionMetrics;
  /**
   * Characters of text the state holds (topic, prompts, messages, answers):
   * what `limits.maxStateSize` bounds. Kept up to date by the session's
   * operations (an upper bound after removals), recounted on restore.
   */
  textSize = 0;

  static #trusted = false;

  /**
   * An empty state (no threads, analyses or events).
   * @param init - See {@link SessionStateInit}.
   * @throws {@link SessionValidationError} naming the first bad field.
   */
  constructor(init: SessionStateInit) {
    const valid = SessionState.#trusted ? init : parseOrThrow(sessionStateInitSchema, init, 'session state');
    this.sessionId = valid.sessionId;
    this.#createdAtText = typeof valid.createdAt === 'string' ? valid.createdAt : undefined;
    this.createdAtMs = typeof valid.createdAt === 'number' ? valid.createdAt : parseTimestamp(valid.createdAt);
    this.topic = valid.topic ?? null;
    this.version = valid.version ?? 0;
    this.clientBinding = valid.clientBinding ?? null;
    this.metrics = valid.metrics ?? new SessionMetrics(this.createdAtMs);
    this.textSize = this.topic?.length ?? 0;
  }

  /** @internal For values the library produced itself: skips validation. */
  static [kTrusted](init: SessionStateInit): SessionState {
    SessionState.#trusted = true;
    try {
      return new SessionState(init);
    } finally {
      SessionState.#trusted = false;
    }
  }

  /** ISO creation timestamp (verbatim when restored). */
  get createdAt(): string {
    return this.#createdAtText ?? formatTimestamp(this.createdAtMs);
  }

  /** Threads by name (each key must equal its thread's `name`); created on first read. */
  get threads(): Map<string, Thread> {
    return (this.#threads ??= new Map());
  }

  set threads(threads: Map<string, Thread>) {
    this.#threads = threads;
  }

  /** Recorded analyses, oldest first; created on first read. */
  get analyses(): AnalysisRecord[] {
    return (this.#analyses ??= []);
  }

  set analyses(analyses: AnalysisRecord[]) {
    this.#analyses = analyses;
  }

  /** Security events, oldest first (sessions keep the newest 100); created on first read. */
  get securityEvents(): SecurityEvent[] {
    return (this.#securityEvents ??= []);
  }

  set securityEvents(events: SecurityEvent[]) {
    this.#securityEvents = events;
  }

  /** Drops every thread and analysis (what cleanup does), without allocating empty ones. */
  clearThreadsAndAnalyses(): void {
    this.#threads = undefined;
    this.#analyses = undefined;
    this.textSize = this.topic?.length ?? 0;
  }

  /** Thread count without allocating the map of an idle session. */
  get threadCount(): number {
    return this.#threads?.size ?? 0;
  }

  /** Analysis count without allocating the array of an idle session. */
  get analysisCount(): number {
    return this.#analyses?.length ?? 0;
  }

  /** How many security events are kept (the newest 100; `metrics.securityEventCount` is the total). */
  get keptEventCount(): number {
    return this.#securityEvents?.length ?? 0;
  }

  /**
   * Counts `textSize` afresh from what the state holds.
   * @returns The new `textSize`.
   */
  recountTextSize(): number {
    let size = this.topic?.length ?? 0;
    if (this.#threads !== undefined) for (const thread of this.#threads.values()) size += threadTextSize(thread);
    if (this.#analyses !== undefined) for (const analysis of this.#analyses) size += analysisTextSize(analysis.prompt, analysis.responses);
    this.textSize = size;
    return size;
  }

  /** The state as a {@link SessionStateJSON} document (a deep copy). */
  toJSON(): SessionStateJSON {
    const threads: Record<string, ThreadJSON> = {};
    if (this.#threads !== undefined) for (const [name, thread] of this.#threads) setOwn(threads, name, thread.toJSON());
    return {
      session_id: this.sessionId,
      created_at: this.createdAt,
      topic: this.topic,
      version: this.version,
      threads,
      analyses: this.#analyses?.map((analysis) => analysis.toJSON()) ?? [],
      security_events: this.#securityEvents?.map((event) => event.toJSON()) ?? [],
      client_binding: this.clientBinding?.toJSON() ?? null,
      metrics: this.metrics.toJSON(),
    };
  }

  /**
   * Validates `data` and builds the state. Pure data: no policy (limits,
   * bindings, clocks) is applied here; `Session.restoreFromState` does that.
   * Unknown keys are ignored; missing optional keys take the reference
   * defaults (`defaultNow` for missing timestamps).
   * @param data - A {@link SessionStateJSON} document (unknown: it is validated).
   * @param defaultNow - Epoch ms used for a missing `metrics.last_accessed` (default: now).
   * @throws {@link SessionValidationError} naming the first bad field.
   */
  static fromJSON(data: unknown, defaultNow: number = Date.now()): SessionState {
    const valid = parseOrThrow(sessionStateJsonSchema, data, 'session state');
    const state = SessionState[kTrusted]({
      sessionId: valid.session_id,
      createdAt: valid.created_at,
      topic: valid.topic ?? null,
      version: valid.version ?? 0,
      clientBinding: valid.client_binding ? clientBindingFromValid(valid.client_binding) : null,
      metrics: metricsFromValid(valid.metrics ?? {}, defaultNow),
    });
    const threads = Object.entries(valid.threads ?? {});
    if (threads.length > 0) state.threads = new Map(threads.map(([name, thread]) => [name, threadFromValid(thread)]));
    if (valid.analyses !== undefined && valid.analyses.length > 0) state.analyses = valid.analyses.map(analysisFromValid);
    if (valid.security_events !== undefined && valid.security_events.length > 0) {
      state.securityEvents = valid.security_events.map((event) => new SecurityEvent(event.type, event.timestamp, event.details ?? {}));
    }
    state.recountTextSize();
    return state;
  }
}

/** Characters of text one thread holds. */
export function threadTextSize(thread: Thread): number {
  let size = thread.name.length + thread.systemPrompt.length;
  for (const message of thread.conversationHistory) size += message.role.length + message.content.length;
  return size;
}

/** Characters of text one analysis holds. */
export function analysisTextSize(prompt: string, responses: Readonly<Record<string, string>>): number {
  let size = prompt.length;
  for (const name in responses) size += name.length + (responses[name] as string).length;
  return size;
}
