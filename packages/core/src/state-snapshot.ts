import type { ClientBinding, SessionMetrics, SessionState, Thread } from './session-types.js';

/**
 * What an `atomicUpdate` function can change, captured cheaply before it
 * runs so a throwing or rejecting function leaves the state as it was.
 *
 * Covered: the state's own fields, thread membership and each thread's
 * fields and appended history, the analyses and security-event lists, the
 * client binding and the metrics. Not covered: in-place edits inside an
 * existing message, analysis `responses` object or event `details`.
 */
export class StateSnapshot {
  readonly #state: SessionState;
  readonly #topic: string | null;
  readonly #version: number;
  readonly #threads: Map<string, Thread> | undefined;
  readonly #threadFields: ThreadFields[] | undefined;
  readonly #analyses: SessionState['analyses'] | undefined;
  readonly #securityEvents: SessionState['securityEvents'] | undefined;
  /** The binding and metrics objects themselves, and copies of their fields: restored in place. */
  readonly #bindingRef: ClientBinding | null;
  readonly #binding: ClientBinding | null;
  readonly #metricsRef: SessionMetrics;
  readonly #metrics: SessionMetrics;

  constructor(state: SessionState) {
    this.#state = state;
    this.#topic = state.topic;
    this.#version = state.version;
    if (state.threadCount > 0) {
      this.#threads = new Map(state.threads);
      this.#threadFields = [...state.threads.values()].map(captureThread);
    }
    if (state.analysisCount > 0) this.#analyses = state.analyses.slice();
    if (state.keptEventCount > 0) this.#securityEvents = state.securityEvents.slice();
    this.#bindingRef = state.clientBinding;
    this.#binding = state.clientBinding === null ? null : state.clientBinding.clone();
    this.#metricsRef = state.metrics;
    this.#metrics = state.metrics.clone();
  }

  restore(): void {
    const state = this.#state;
    state.topic = this.#topic;
    state.version = this.#version;
    state.threads = this.#threads ?? new Map();
    if (this.#threadFields !== undefined) for (const fields of this.#threadFields) restoreThread(fields);
    state.analyses = this.#analyses ?? [];
    state.securityEvents = this.#securityEvents ?? [];
    if (this.#bindingRef !== null && this.#binding !== null) this.#bindingRef.copyFrom(this.#binding);
    state.clientBinding = this.#bindingRef;
    this.#metricsRef.copyFrom(this.#metrics);
    state.metrics = this.#metricsRef;
  }
}

type ThreadFields = [Thread, Thread['id'], Thread['name'], Thread['systemPrompt'], Thread['modelBackend'], Thread['modelName'], Thread['conversationHistory'], number];

function captureThread(thread: Thread): ThreadFields {
  const history = thread.conversationHistory;
  return [thread, thread.id, thread.name, thread.systemPrompt, thread.modelBackend, thread.modelName, history, history.length];
}

function restoreThread([thread, id, name, systemPrompt, modelBackend, modelName, history, length]: ThreadFields): void {
  thread.id = id;
  thread.name = name;
  thread.systemPrompt = systemPrompt;
  thread.modelBackend = modelBackend;
  thread.modelName = modelName;
  history.length = Math.min(history.length, length);
  thread.conversationHistory = history;
}
