/**
 * Validation of a live state: after an `atomicUpdate` function ran (only
 * what it changed, against the snapshot taken before), and in full after a
 * restore or a store load (the size limits; the shapes were parsed by zod).
 * An update that leaves the state invalid is rolled back, so the session
 * never holds, exports or stores a state its own restore would refuse.
 */
import { SessionValidationError } from './errors.js';
import { copyJson } from './json-value.js';
import { checkCount, checkLength, type SessionLimits } from './limits.js';
import { type StateSnapshot, type ThreadFields, threadUnchanged } from './state-snapshot.js';
import { parseTimestamp } from './timestamps.js';
import { AnalysisRecord } from './types/analysis-record.js';
import { ClientBinding } from './types/client-binding.js';
import { ModelBackend } from './types/model-backend.js';
import { SecurityEvent } from './types/security-event.js';
import { SessionMetrics } from './types/session-metrics.js';
import { analysisTextSize, type SessionState, threadTextSize } from './types/session-state.js';
import { type ConversationMessage, Thread } from './types/thread.js';
import { CONTROL_CHARACTER, invalidField } from './validation.js';

const BACKENDS: ReadonlySet<string> = new Set(Object.values(ModelBackend));

/**
 * Checks what an update changed and counts the text it added into
 * `state.textSize`. Returns the first problem, or null when the state is valid.
 */
export function checkUpdate(state: SessionState, before: StateSnapshot, limits: Readonly<SessionLimits>): SessionValidationError | null {
  removedThreads = false;
  removedAnalyses = false;
  try {
    if (state.version !== before.version) {
      throw issue(['version'], 'is managed by the session (it grows by one when the update commits): do not assign it');
    }
    let added = 0;
    if (state.topic !== before.topic) {
      if (state.topic !== null && typeof state.topic !== 'string') throw issue(['topic'], `expected a string or null, received ${kind(state.topic)}`);
      if (state.topic !== null) {
        checkLength(state.topic, limits.maxTopicLength, 'maxTopicLength', ['topic']);
        added += state.topic.length;
      }
    }
    added += checkThreads(state, before, limits);
    added += checkAnalyses(state, before, limits);
    checkEvents(state, before);
    if (state.clientBinding !== before.bindingRef && state.clientBinding !== null && !(state.clientBinding instanceof ClientBinding)) {
      throw issue(['client_binding'], 'expected a ClientBinding or null');
    }
    checkMetrics(state.metrics);
    // Additions are counted as they are checked; a removal or replacement is rare, so it pays for an exact recount.
    const removedSome = (before.topic !== null && state.topic !== before.topic) || removedThreads || removedAnalyses;
    state.textSize = removedSome ? state.recountTextSize() : before.textSize + added;
    checkStateSize(state.textSize, limits);
    return null;
  } catch (error) {
    if (error instanceof SessionValidationError) return error;
    throw error;
  }
}

/** The size limits over a whole restored or loaded state (its shapes were already parsed). */
export function checkRestoredLimits(state: SessionState, limits: Readonly<SessionLimits>): void {
  if (state.topic !== null) checkLength(state.topic, limits.maxTopicLength, 'maxTopicLength', ['topic']);
  if (state.threadCount > limits.maxThreads)
    throw issue(['threads'], `expected at most ${limits.maxThreads} threads (limits.maxThreads), received ${state.threadCount}`);
  for (const [name, thread] of state.threadCount === 0 ? [] : state.threads) checkThreadLimits(thread, limits, ['threads', name]);
  if (state.analysisCount > limits.maxAnalyses) {
    throw issue(['analyses'], `expected at most ${limits.maxAnalyses} analyses (limits.maxAnalyses), received ${state.analysisCount}`);
  }
  if (state.analysisCount > 0) state.analyses.forEach((analysis, i) => checkAnalysisLimits(analysis, limits, ['analyses', i]));
  checkStateSize(state.recountTextSize(), limits);
}

/** Set by checkThreads / checkAnalyses when the update took out (or replaced) something the snapshot held. */
let removedThreads = false;
let removedAnalyses = false;

function checkThreads(state: SessionState, before: StateSnapshot, limits: Readonly<SessionLimits>): number {
  const threads: unknown = state.threads;
  if (!(threads instanceof Map)) throw issue(['threads'], 'expected a Map of thread name to Thread');
  if (threads.size > limits.maxThreads) throw issue(['threads'], `expected at most ${limits.maxThreads} threads (limits.maxThreads), received ${threads.size}`);
  const captured = before.threadFields ?? [];
  let added = 0;
  let i = 0;
  let kept = 0;
  for (const [key, thread] of threads as Map<unknown, unknown>) {
    // A Map keeps insertion order: an untouched thread sits where the snapshot saw it.
    const fields = captured[i] ?? undefined;
    i++;
    const same = fields !== undefined && fields.thread === thread && fields.name === key ? fields : findCaptured(captured, key, thread);
    if (same !== undefined && threadUnchanged(same)) {
      // Same thread, same fields: only its new messages need a look.
      const history = same.history;
      kept++;
      if (history.length < same.historyLength) removedThreads = true;
      checkCount(history.length, limits.maxMessagesPerThread, 'maxMessagesPerThread', ['threads', String(key), 'conversation_history']);
      for (let m = same.historyLength; m < history.length; m++) {
        added += checkMessage(history[m], limits, ['threads', String(key), 'conversation_history', m]);
      }
      continue;
    }
    const path = ['threads', String(key)];
    if (!(thread instanceof Thread)) throw issue(path, 'expected a Thread instance');
    if (thread.name !== key) throw issue([...path, 'name'], `expected "${String(key)}" (its key in threads), received ${JSON.stringify(thread.name)}`);
    checkThreadLimits(thread, limits, path);
    added += threadTextSize(thread);
  }
  if (kept < captured.length) removedThreads = true;
  return added;
}

/** The snapshot's fields of `thread` filed under `key`, when the update moved things around. */
function findCaptured(captured: readonly ThreadFields[], key: unknown, thread: unknown): ThreadFields | undefined {
  return captured.find((fields) => fields.thread === thread && fields.name === key);
}

function checkThreadLimits(thread: Thread, limits: Readonly<SessionLimits>, path: PropertyKey[]): void {
  const name: unknown = thread.name;
  if (typeof name !== 'string' || name.length < 1 || name.length > 256 || CONTROL_CHARACTER.test(name) || name === '__proto__') {
    throw issue([...path, 'name'], 'expected 1..256 characters, no control characters, not "__proto__"');
  }
  if (typeof thread.id !== 'string') throw issue([...path, 'id'], `expected a string, received ${kind(thread.id)}`);
  if (typeof thread.systemPrompt !== 'string') throw issue([...path, 'system_prompt'], `expected a string, received ${kind(thread.systemPrompt)}`);
  checkLength(thread.systemPrompt, limits.maxPromptLength, 'maxPromptLength', [...path, 'system_prompt']);
  if (!BACKENDS.has(thread.modelBackend)) throw issue([...path, 'model_backend'], `expected one of ${[...BACKENDS].join('|')}`);
  if (thread.modelName !== null && typeof thread.modelName !== 'string') throw issue([...path, 'model_name'], 'expected a string or null');
  const history: unknown = thread.conversationHistory;
  if (!Array.isArray(history)) throw issue([...path, 'conversation_history'], 'expected an array of messages');
  checkCount(history.length, limits.maxMessagesPerThread, 'maxMessagesPerThread', [...path, 'conversation_history']);
  history.forEach((message, i) => checkMessage(message, limits, [...path, 'conversation_history', i]));
}

function checkMessage(message: unknown, limits: Readonly<SessionLimits>, path: PropertyKey[]): number {
  const m = message as ConversationMessage | null;
  if (typeof m !== 'object' || m === null || typeof m.role !== 'string' || typeof m.content !== 'string' || typeof m.timestamp !== 'string') {
    throw issue(path, 'expected { role: string, content: string, timestamp: string }');
  }
  if (!Number.isFinite(parseTimestamp(m.timestamp))) throw issue([...path, 'timestamp'], 'expected an ISO 8601 timestamp');
  checkLength(m.content, limits.maxMessageLength, 'maxMessageLength', [...path, 'content']);
  return m.role.length + m.content.length;
}

function checkAnalyses(state: SessionState, before: StateSnapshot, limits: Readonly<SessionLimits>): number {
  const analyses: unknown = state.analyses;
  if (!Array.isArray(analyses)) throw issue(['analyses'], 'expected an array of AnalysisRecord');
  if (analyses.length > limits.maxAnalyses) {
    throw issue(['analyses'], `expected at most ${limits.maxAnalyses} analyses (limits.maxAnalyses), received ${analyses.length}`);
  }
  const previous = before.analyses ?? [];
  let added = 0;
  for (let i = 0; i < analyses.length; i++) {
    const analysis: unknown = analyses[i];
    if (i < previous.length && analysis === previous[i]) continue;
    if (i < previous.length) removedAnalyses = true;
    if (!(analysis instanceof AnalysisRecord)) throw issue(['analyses', i], 'expected an AnalysisRecord');
    checkAnalysisLimits(analysis, limits, ['analyses', i]);
    added += analysisTextSize(analysis.prompt, analysis.responses);
  }
  if (analyses.length < previous.length) removedAnalyses = true;
  return added;
}

function checkAnalysisLimits(analysis: AnalysisRecord, limits: Readonly<SessionLimits>, path: PropertyKey[]): void {
  if (typeof analysis.prompt !== 'string') throw issue([...path, 'prompt'], 'expected a string');
  checkLength(analysis.prompt, limits.maxPromptLength, 'maxPromptLength', [...path, 'prompt']);
  if (typeof analysis.timestamp !== 'string' || !Number.isFinite(parseTimestamp(analysis.timestamp))) {
    throw issue([...path, 'timestamp'], 'expected an ISO 8601 timestamp');
  }
  const responses: unknown = analysis.responses;
  if (typeof responses !== 'object' || responses === null || Array.isArray(responses)) throw issue([...path, 'responses'], 'expected an object of strings');
  for (const [name, answer] of Object.entries(responses)) {
    if (typeof answer !== 'string') throw issue([...path, 'responses', name], `expected a string, received ${kind(answer)}`);
    checkLength(answer, limits.maxResponseLength, 'maxResponseLength', [...path, 'responses', name]);
  }
  for (const key of ['activeCount', 'abstainedCount'] as const) {
    const count = analysis[key];
    if (!Number.isSafeInteger(count) || count < 0)
      throw issue([...path, key === 'activeCount' ? 'active_count' : 'abstained_count'], 'expected a non-negative integer');
  }
}

function checkEvents(state: SessionState, before: StateSnapshot): void {
  const events: unknown = state.securityEvents;
  if (!Array.isArray(events)) throw issue(['security_events'], 'expected an array of SecurityEvent');
  const previous = before.securityEvents ?? [];
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i];
    if (i < previous.length && event === previous[i]) continue;
    if (previous.includes(event as SecurityEvent)) continue; // kept events shift left when the oldest are dropped
    if (!(event instanceof SecurityEvent)) throw issue(['security_events', i], 'expected a SecurityEvent');
    if (typeof event.eventType !== 'string' || event.eventType.length === 0) throw issue(['security_events', i, 'type'], 'expected a non-empty string');
    if (typeof event.timestamp !== 'string' || !Number.isFinite(parseTimestamp(event.timestamp))) {
      throw issue(['security_events', i, 'timestamp'], 'expected an ISO 8601 timestamp');
    }
    const details = copyJson(event.details);
    if (!details.ok || typeof details.value !== 'object' || details.value === null || Array.isArray(details.value)) {
      throw issue(['security_events', i, 'details'], `expected a plain JSON object${details.ok ? '' : ` (${details.reason})`}`);
    }
  }
}

function checkMetrics(metrics: unknown): void {
  if (!(metrics instanceof SessionMetrics)) throw issue(['metrics'], 'expected a SessionMetrics');
  // Spelled out rather than looped over names: this runs on every update.
  checkMetric(metrics.accessCount, 'access_count');
  checkMetric(metrics.analysisCount, 'analysis_count');
  checkMetric(metrics.threadCount, 'thread_count');
  checkMetric(metrics.totalResponseTime, 'total_response_time');
  checkMetric(metrics.avgResponseTime, 'avg_response_time');
  checkMetric(metrics.errorCount, 'error_count');
  checkMetric(metrics.securityEventCount, 'security_event_count');
}

function checkMetric(value: unknown, key: string): void {
  if (typeof value !== 'number' || !(value >= 0) || value === Number.POSITIVE_INFINITY) {
    throw issue(['metrics', key], `expected a finite non-negative number, received ${kind(value)}`);
  }
}

function checkStateSize(size: number, limits: Readonly<SessionLimits>): void {
  if (size > limits.maxStateSize) {
    throw issue([], `the session would hold ${size} characters of text, more than limits.maxStateSize (${limits.maxStateSize})`);
  }
}

function issue(path: readonly PropertyKey[], detail: string): SessionValidationError {
  return invalidField(path, detail, 'session state');
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  return Array.isArray(value) ? 'array' : typeof value;
}
