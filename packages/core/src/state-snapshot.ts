import type { AnalysisRecord } from './types/analysis-record.js';
import type { ClientBinding } from './types/client-binding.js';
import type { SecurityEvent } from './types/security-event.js';
import type { SessionMetrics } from './types/session-metrics.js';
import type { SessionState } from './types/session-state.js';
import type { ConversationMessage, Thread } from './types/thread.js';

/** One thread's fields as they were: the thread object, its scalar fields, its history array and length. */
export interface ThreadFields {
  readonly thread: Thread;
  readonly id: string;
  readonly name: string;
  readonly systemPrompt: string;
  readonly modelBackend: Thread['modelBackend'];
  readonly modelName: string | null;
  readonly history: ConversationMessage[];
  readonly historyLength: number;
}

/**
 * What an `atomicUpdate` function (or a store write) can change, captured
 * cheaply before it runs, so a failing or invalid update leaves the state as
 * it was, and so `state-check.ts` can look at only what changed.
 *
 * Covered: the state's own fields, thread membership and each thread's
 * fields and appended history, the analyses and security-event lists, the
 * client binding and the metrics. Not covered: in-place edits inside an
 * existing message, analysis `responses` object or event `details`.
 */
export class StateSnapshot {
  readonly state: SessionState;
  readonly topic: string | null;
  readonly version: number;
  readonly textSize: number;
  readonly threads: ReadonlyMap<string, Thread> | undefined;
  readonly threadFields: readonly ThreadFields[] | undefined;
  readonly analyses: readonly AnalysisRecord[] | undefined;
  readonly securityEvents: readonly SecurityEvent[] | undefined;
  /** The binding and metrics objects themselves, and copies of their fields: restored in place. */
  readonly bindingRef: ClientBinding | null;
  readonly #binding: ClientBinding | null;
  readonly metricsRef: SessionMetrics;
  readonly #metrics: SessionMetrics;

  constructor(state: SessionState) {
    this.state = state;
    this.topic = state.topic;
    this.version = state.version;
    this.textSize = state.textSize;
    if (state.threadCount > 0) {
      this.threads = new Map(state.threads);
      this.threadFields = [...state.threads.values()].map(captureThread);
    }
    if (state.analysisCount > 0) this.analyses = state.analyses.slice();
    if (state.keptEventCount > 0) this.securityEvents = state.securityEvents.slice();
    this.bindingRef = state.clientBinding;
    this.#binding = state.clientBinding === null ? null : state.clientBinding.clone();
    this.metricsRef = state.metrics;
    this.#metrics = state.metrics.clone();
  }

  /** Puts every covered field back as it was. */
  restore(): void {
    const state = this.state;
    state.topic = this.topic;
    state.version = this.version;
    state.textSize = this.textSize;
    state.threads = this.threads === undefined ? new Map() : new Map(this.threads);
    if (this.threadFields !== undefined) for (const fields of this.threadFields) restoreThread(fields);
    state.analyses = this.analyses?.slice() ?? [];
    state.securityEvents = this.securityEvents?.slice() ?? [];
    if (this.bindingRef !== null && this.#binding !== null) this.bindingRef.copyFrom(this.#binding);
    state.clientBinding = this.bindingRef;
    this.metricsRef.copyFrom(this.#metrics);
    state.metrics = this.metricsRef;
  }
}

function captureThread(thread: Thread): ThreadFields {
  const history = thread.conversationHistory;
  return {
    thread,
    id: thread.id,
    name: thread.name,
    systemPrompt: thread.systemPrompt,
    modelBackend: thread.modelBackend,
    modelName: thread.modelName,
    history,
    historyLength: history.length,
  };
}

function restoreThread(fields: ThreadFields): void {
  const thread = fields.thread;
  thread.id = fields.id;
  thread.name = fields.name;
  thread.systemPrompt = fields.systemPrompt;
  thread.modelBackend = fields.modelBackend;
  thread.modelName = fields.modelName;
  fields.history.length = Math.min(fields.history.length, fields.historyLength);
  thread.conversationHistory = fields.history;
}

/** Whether a thread still has exactly the fields (and history array) captured. */
export function threadUnchanged(fields: ThreadFields): boolean {
  const thread = fields.thread;
  return (
    thread.id === fields.id &&
    thread.name === fields.name &&
    thread.systemPrompt === fields.systemPrompt &&
    thread.modelBackend === fields.modelBackend &&
    thread.modelName === fields.modelName &&
    thread.conversationHistory === fields.history
  );
}
