/**
 * The pure data half of a session (session_data.py): threads and analyses,
 * their dict (de)serialization, and the process-wide registry the old helpers
 * looked sessions up in. The registry is never pruned by the manager.
 */
import { SessionError } from './exceptions.js';
import { describeValue } from './internal/describe_value.js';
import { isoformat, parseIsoformat } from './internal/time.js';
import { ModelBackend, Thread } from './models.js';
import type { ConversationMessage } from './models.js';

export interface AnalysisRecordInit {
  prompt: string;
  timestamp: Date;
  responses: Record<string, string>;
  activeCount: number;
  abstainedCount: number;
}

export interface AnalysisRecordDict {
  prompt: string;
  timestamp: string;
  responses: Record<string, string>;
  active_count: number;
  abstained_count: number;
}

export class AnalysisRecord {
  prompt: string;
  timestamp: Date;
  responses: Record<string, string>;
  activeCount: number;
  abstainedCount: number;

  constructor(init: AnalysisRecordInit) {
    this.prompt = init.prompt;
    this.timestamp = init.timestamp;
    this.responses = init.responses;
    this.activeCount = init.activeCount;
    this.abstainedCount = init.abstainedCount;
  }

  toDict(): AnalysisRecordDict {
    return {
      prompt: this.prompt,
      timestamp: isoformat(this.timestamp),
      responses: this.responses,
      active_count: this.activeCount,
      abstained_count: this.abstainedCount,
    };
  }

  static fromDict(data: unknown, path = 'analysis'): AnalysisRecord {
    const dict = expectObject(data, path);
    return new AnalysisRecord({
      prompt: expectString(dict['prompt'], `${path}.prompt`),
      timestamp: parseIsoformat(dict['timestamp'], `${path}.timestamp`),
      responses: expectStringRecord(dict['responses'], `${path}.responses`),
      activeCount: expectCount(dict['active_count'], `${path}.active_count`),
      abstainedCount: expectCount(dict['abstained_count'], `${path}.abstained_count`),
    });
  }
}

export interface ThreadDict {
  id: string;
  name: string;
  system_prompt: string;
  model_backend: ModelBackend;
  model_name: string | null;
  conversation_history: ConversationMessage[];
}

export interface SessionDataDict {
  session_id: string;
  created_at: string;
  topic: string | null;
  threads: Record<string, ThreadDict>;
  analyses: AnalysisRecordDict[];
}

export interface AnalysesSummary {
  count: number;
  message?: string;
  total_responses?: number;
  last_analysis?: { timestamp: string; active_count: number; abstained_count: number };
}

export class SessionData {
  readonly sessionId: string;
  readonly createdAt: Date;
  topic: string | null;
  threads: Record<string, Thread> = Object.create(null) as Record<string, Thread>;
  analyses: AnalysisRecord[] = [];

  constructor(sessionId: string, createdAt: Date, topic: string | null = null) {
    if (typeof sessionId !== 'string' || sessionId.length === 0) {
      throw new SessionError('sessionId must be a non-empty string', { received: typeof sessionId });
    }
    if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime())) {
      throw new SessionError(`createdAt of session '${sessionId}' must be a valid Date`, { sessionId });
    }
    this.sessionId = sessionId;
    this.createdAt = createdAt;
    this.topic = topic;
  }

  /** Adds or replaces (same name) a perspective thread. */
  addThread(thread: Thread): void {
    this.threads[thread.name] = thread;
  }

  getThread(name: string): Thread | undefined {
    return Object.hasOwn(this.threads, name) ? this.threads[name] : undefined;
  }

  removeThread(name: string): boolean {
    if (!Object.hasOwn(this.threads, name)) return false;
    delete this.threads[name];
    return true;
  }

  recordAnalysis(prompt: string, responses: Record<string, string>, activeCount: number, abstainedCount: number): void {
    this.analyses.push(new AnalysisRecord({ prompt, timestamp: new Date(), responses, activeCount, abstainedCount }));
  }

  getLastAnalysis(): AnalysisRecord | null {
    return this.analyses.at(-1) ?? null;
  }

  getThreadCount(): number {
    return Object.keys(this.threads).length;
  }

  getAnalysisCount(): number {
    return this.analyses.length;
  }

  getThreadNames(): string[] {
    return Object.keys(this.threads);
  }

  clearAnalyses(): void {
    this.analyses.length = 0;
  }

  getAnalysesSummary(): AnalysesSummary {
    const last = this.analyses.at(-1);
    if (!last) return { count: 0, message: 'No analyses recorded' };
    return {
      count: this.analyses.length,
      total_responses: this.analyses.reduce((sum, analysis) => sum + Object.keys(analysis.responses).length, 0),
      last_analysis: {
        timestamp: isoformat(last.timestamp),
        active_count: last.activeCount,
        abstained_count: last.abstainedCount,
      },
    };
  }

  toDict(): SessionDataDict {
    // fromEntries defines own properties, so a thread named `__proto__` stays data.
    const threads = Object.fromEntries(
      Object.entries(this.threads).map(([name, thread]): [string, ThreadDict] => [
        name,
        {
          id: thread.id,
          name: thread.name,
          system_prompt: thread.systemPrompt,
          model_backend: thread.modelBackend,
          model_name: thread.modelName,
          conversation_history: thread.conversationHistory,
        },
      ]),
    );
    return {
      session_id: this.sessionId,
      created_at: isoformat(this.createdAt),
      topic: this.topic,
      threads,
      analyses: this.analyses.map((analysis) => analysis.toDict()),
    };
  }

  /** Rebuilds session data from `toDict()` output; a malformed field throws `SessionError` naming it. */
  static fromDict(data: unknown): SessionData {
    const dict = expectObject(data, 'session data');
    const topic = dict['topic'];
    if (topic !== undefined && topic !== null && typeof topic !== 'string') {
      throw new SessionError(`topic must be a string or null, got ${describeValue(topic)}`, { field: 'topic' });
    }
    const sessionData = new SessionData(expectString(dict['session_id'], 'session_id'), parseIsoformat(dict['created_at'], 'created_at'), topic ?? null);
    const threads = dict['threads'] === undefined ? {} : expectObject(dict['threads'], 'threads');
    for (const [name, threadData] of Object.entries(threads)) {
      sessionData.threads[name] = threadFromDict(threadData, `threads.${name}`);
    }
    const analyses = dict['analyses'] === undefined ? [] : dict['analyses'];
    if (!Array.isArray(analyses)) {
      throw new SessionError(`analyses must be an array, got ${describeValue(analyses)}`, { field: 'analyses' });
    }
    sessionData.analyses = analyses.map((analysis: unknown, index) => AnalysisRecord.fromDict(analysis, `analyses.${index}`));
    return sessionData;
  }
}

const MODEL_BACKENDS: readonly string[] = Object.values(ModelBackend);

function threadFromDict(data: unknown, path: string): Thread {
  const dict = expectObject(data, path);
  const backend = dict['model_backend'];
  if (typeof backend !== 'string' || !MODEL_BACKENDS.includes(backend)) {
    throw new SessionError(`${path}.model_backend: expected one of ${MODEL_BACKENDS.join('|')}, got ${describeValue(backend)}`, {
      field: `${path}.model_backend`,
    });
  }
  const modelName = dict['model_name'];
  if (modelName !== undefined && modelName !== null && typeof modelName !== 'string') {
    throw new SessionError(`${path}.model_name must be a string or null, got ${describeValue(modelName)}`, {
      field: `${path}.model_name`,
    });
  }
  const history = dict['conversation_history'] ?? [];
  if (!Array.isArray(history)) {
    throw new SessionError(`${path}.conversation_history must be an array, got ${describeValue(history)}`, {
      field: `${path}.conversation_history`,
    });
  }
  return new Thread({
    id: expectString(dict['id'], `${path}.id`),
    name: expectString(dict['name'], `${path}.name`),
    systemPrompt: expectString(dict['system_prompt'], `${path}.system_prompt`),
    modelBackend: backend as ModelBackend,
    modelName: modelName ?? null,
    conversationHistory: history.map((message: unknown, index) => {
      const entry = expectObject(message, `${path}.conversation_history.${index}`);
      return {
        role: expectString(entry['role'], `${path}.conversation_history.${index}.role`),
        content: expectString(entry['content'], `${path}.conversation_history.${index}.content`),
        timestamp: expectString(entry['timestamp'], `${path}.conversation_history.${index}.timestamp`),
      };
    }),
  });
}

function expectObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SessionError(`${field} must be an object, got ${describeValue(value)}`, { field });
  }
  return value as Record<string, unknown>;
}

function expectString(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw new SessionError(`${field} must be a string, got ${describeValue(value)}`, { field });
  }
  return value;
}

function expectCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SessionError(`${field} must be a non-negative integer, got ${describeValue(value)}`, { field });
  }
  return value;
}

function expectStringRecord(value: unknown, field: string): Record<string, string> {
  const dict = expectObject(value, field);
  for (const [key, entry] of Object.entries(dict)) expectString(entry, `${field}.${key}`);
  return dict as Record<string, string>;
}

const registry = new Map<string, SessionData>();

/** Makes `data` findable by `getSessionData(data.sessionId)`; a later registration replaces it. */
export function registerSessionData(data: SessionData): void {
  if (!(data instanceof SessionData)) {
    throw new SessionError('registerSessionData expects a SessionData instance', { received: describeValue(data) });
  }
  registry.set(data.sessionId, data);
}

/** The registered data of a session; throws `SessionError` when none was registered. */
export function getSessionData(sessionId: string): SessionData {
  const data = registry.get(sessionId);
  if (data === undefined) {
    throw new SessionError(`No session data registered for session '${sessionId}'; create the session (and registerSessionData) first`, { sessionId });
  }
  return data;
}
