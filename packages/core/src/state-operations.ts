/**
 * What the thread, analysis and info operations do to a session's state,
 * under the session's lock: the arguments checked (by hand: these are the
 * microsecond path), the limits applied, the change made. The session adds
 * the bookkeeping (pool totals, thread ownership) around them.
 */
import { newBinding } from './binding-signature.js';
import { kOwner, kTrusted, type ThreadOwner } from './internal.js';
import { checkCount, checkLength, type SessionLimits } from './limits.js';
import type { SessionContext } from './session-context.js';
import { SessionMetrics } from './types/session-metrics.js';
import { type CopiedResponses, copyResponses } from './json-value.js';
import { describeFailure } from './operation-arguments.js';
import type { SessionInfo } from './session-options.js';
import { formatTimestamp } from './timestamps.js';
import { AnalysisRecord } from './types/analysis-record.js';
import { NO_RESPONSE } from './types/model-backend.js';
import { SessionState, threadTextSize } from './types/session-state.js';
import { Thread } from './types/thread.js';
import { invalidField } from './validation.js';

// Bounded so running totals stay finite (and exportable) however many analyses are recorded.
const MAX_RESPONSE_SECONDS = 1_000_000;

/** What a new session starts with. */
export interface InitialContent {
  principal: string | null;
  /** Whether it gets a client binding. */
  bound: boolean;
  topic: string | null;
  /** Its initial perspectives (part of its creation: version 0). */
  threads: readonly Thread[];
}

/** A new session's state at `now`, held to the limits like anything restored later would be. */
export function newSessionState(context: SessionContext, sessionId: string, now: number, initial: InitialContent): SessionState {
  const limits = context.limits;
  const { topic, threads } = initial;
  if (topic !== null) checkLength(topic, limits.maxTopicLength, 'maxTopicLength', ['topic']);
  checkCount(threads.length, limits.maxThreads, 'maxThreads', ['initialPerspectives']);
  const state = SessionState[kTrusted]({ sessionId, createdAt: now, topic, metrics: new SessionMetrics(now) });
  for (const thread of threads) {
    checkLength(thread.systemPrompt, limits.maxPromptLength, 'maxPromptLength', ['perspectives', thread.name]);
    state.threads.set(thread.name, thread);
  }
  state.metrics.threadCount = state.threadCount;
  state.recountTextSize();
  reserveText(state, 0, limits); // throws when the initial content alone is over maxStateSize
  if (initial.bound) state.clientBinding = newBinding(context.keyRing, sessionId, now, initial.principal);
  return state;
}

/** Counts `chars` more text against `limits.maxStateSize`. */
export function reserveText(state: SessionState, chars: number, limits: Readonly<SessionLimits>): void {
  const size = state.textSize + chars;
  if (size > limits.maxStateSize) {
    throw invalidField([], `the session would hold ${size} characters of text, more than limits.maxStateSize (${limits.maxStateSize})`, 'session state');
  }
  state.textSize = size;
}

/** Adds `thread` unless its name is taken; returns whether it did. */
export function addThreadTo(state: SessionState, thread: unknown, limits: Readonly<SessionLimits>): thread is Thread {
  if (!(thread instanceof Thread)) {
    throw invalidField(['thread'], 'expected a Thread instance (new Thread({ id, name, systemPrompt, modelBackend }))', 'thread');
  }
  const threads = state.threads;
  if (threads.has(thread.name)) return false;
  checkCount(threads.size + 1, limits.maxThreads, 'maxThreads', ['threads']);
  checkLength(thread.systemPrompt, limits.maxPromptLength, 'maxPromptLength', ['thread', 'systemPrompt']);
  checkCount(thread.conversationHistory.length, limits.maxMessagesPerThread, 'maxMessagesPerThread', ['thread', 'conversationHistory']);
  reserveText(state, threadTextSize(thread), limits);
  threads.set(thread.name, thread);
  state.metrics.threadCount = threads.size;
  state.version++;
  return true;
}

/** Appends one analysis; perspectives that answered `[NO_RESPONSE]` count as abstained. */
export function recordAnalysisOn(
  state: SessionState,
  prompt: unknown,
  responses: unknown,
  seconds: unknown,
  limits: Readonly<SessionLimits>,
  now: number,
): void {
  if (typeof prompt !== 'string') throw invalidField(['prompt'], `expected string, received ${typeof prompt}`, 'prompt');
  if (prompt.length > limits.maxPromptLength) checkLength(prompt, limits.maxPromptLength, 'maxPromptLength', ['prompt']);
  const copied = scratch;
  const problem = copyResponses(responses, NO_RESPONSE, limits.maxResponseLength, copied);
  if (problem !== null) throw invalidField(problem.key === null ? ['responses'] : ['responses', problem.key], problem.problem, 'responses');
  const record = copied.record;
  copied.record = EMPTY_RECORD; // the scratch must not keep the caller's answers alive
  if (typeof seconds !== 'number' || !(seconds >= 0 && seconds <= MAX_RESPONSE_SECONDS)) {
    throw invalidField(
      ['responseTimeSeconds'],
      `expected a number of seconds in [0, ${MAX_RESPONSE_SECONDS}], received ${describeFailure(seconds)}`,
      'response time',
    );
  }
  if (state.analysisCount >= limits.maxAnalyses) checkCount(state.analysisCount + 1, limits.maxAnalyses, 'maxAnalyses', ['analyses']);
  reserveText(state, prompt.length + copied.textSize, limits);
  state.analyses.push(new AnalysisRecord(prompt, formatTimestamp(now), record, copied.active, copied.total - copied.active));
  state.metrics.recordAnalysis(seconds);
  state.version++;
}

const EMPTY_RECORD: Record<string, string> = Object.freeze({}) as Record<string, string>;
/** Reused by every recordAnalysis (JavaScript runs one at a time): no result object per call. */
const scratch: CopiedResponses = { record: EMPTY_RECORD, active: 0, total: 0, textSize: 0 };

/** Links every thread of `state` to the session that holds it (its clock and limits for new messages). */
export function linkThreads(state: SessionState, owner: ThreadOwner): void {
  if (state.threadCount > 0) for (const thread of state.threads.values()) Thread[kOwner](thread, owner);
}

/** What `getSessionInfo()` returns. */
export function describeSession(state: SessionState): SessionInfo {
  const binding = state.clientBinding;
  const events = state.keptEventCount === 0 ? [] : state.securityEvents;
  return {
    session_id: state.sessionId,
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
}
