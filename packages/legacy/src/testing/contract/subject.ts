/**
 * The shape `defineLegacyContract` needs from an implementation: only the
 * public names of the old system's contract (plus `getConfig`/`setConfig`), typed
 * structurally so that any implementation with those names (this package's
 * module namespace, or `@sessionkit/legacy-adapter`'s) can be passed as is.
 */

export type ModelBackendValue = 'bedrock' | 'litellm' | 'ollama';

export interface ThreadLike {
  id: string;
  name: string;
  systemPrompt: string;
  modelBackend: ModelBackendValue;
  modelName: string | null;
  conversationHistory: Array<{ role: string; content: string; timestamp: string }>;
  addMessage(role: string, content: string): void;
}

export interface ThreadInitLike {
  id: string;
  name: string;
  systemPrompt: string;
  modelBackend: ModelBackendValue;
  modelName?: string | null;
  conversationHistory?: Array<{ role: string; content: string; timestamp: string }>;
}

export interface ClientBindingLike {
  sessionEntropy: string;
  bindingSignature: string;
  accessPatternHash: string;
  toolUsageSequence: string[];
  validationFailures: number;
  lastValidated: Date;
  securityFlags: string[];
  generateBindingSignature(secretKey: string): string;
  validateBinding(secretKey: string): boolean;
  addSecurityFlag(flag: string): void;
  isSuspicious(): boolean;
}

export interface ClientBindingInitLike {
  sessionEntropy: string;
  creationTimestamp: Date;
  bindingSignature: string;
  accessPatternHash: string;
}

export interface AnalysisEntryLike {
  prompt: string;
  timestamp: string;
  responses: Record<string, string>;
  active_count: number;
  abstained_count: number;
}

export interface ContextSwitcherSessionLike {
  readonly sessionId: string;
  readonly createdAt: Date;
  topic: string | null;
  clientBinding: ClientBindingLike | null;
  threads: Record<string, ThreadLike>;
  analyses: AnalysisEntryLike[];
  accessCount: number;
  lastAccessed: Date;
  securityEvents: Array<{ type: string; timestamp: string; details: Record<string, unknown> | null }>;
  version: number;
  addThread(thread: ThreadLike): void;
  getThread(name: string): ThreadLike | undefined;
  recordAccess(toolName: string): Promise<void>;
  recordSecurityEvent(eventType: string, details: Record<string, unknown> | null): void;
  isBindingValid(secretKey: string): boolean;
  recordAnalysis(prompt: string, responses: Record<string, string>, activeCount: number, abstainedCount: number): void;
  getLastAnalysis(): AnalysisEntryLike | null | undefined;
}

export interface ManagerStatsLike {
  active_sessions: number;
  max_sessions: number;
  session_ttl_hours: number;
  oldest_session: string | null;
  newest_session: string | null;
  capacity_used: string;
}

export interface SessionManagerLike {
  addSession(session: ContextSwitcherSessionLike): Promise<boolean>;
  getSession(sessionId: string): Promise<ContextSwitcherSessionLike | null>;
  removeSession(sessionId: string): Promise<boolean>;
  listActiveSessions(): Promise<Record<string, ContextSwitcherSessionLike>>;
  _isExpired(session: ContextSwitcherSessionLike): boolean;
  getSessionAtomic(sessionId: string): Promise<[ContextSwitcherSessionLike | null, number]>;
  validateSessionVersion(sessionId: string, expectedVersion: number): Promise<boolean>;
  startCleanupTask(): Promise<void>;
  stopCleanupTask(): Promise<void>;
  getStats(): Promise<ManagerStatsLike>;
  getMostRecentSession(): Promise<ContextSwitcherSessionLike | null>;
  cleanupExpiredSessions(): Promise<number>;
  sessionContext<T>(sessionId: string, topic: string | null, fn: (session: ContextSwitcherSessionLike) => T | Promise<T>): Promise<T>;
}

export interface SessionConcurrencyLike {
  readonly sessionId: string;
  accessCount: number;
  lastAccessed: Date;
  version: number;
  recordAccess(toolName?: string): Promise<void>;
  checkVersionConflict(expectedVersion: number): boolean;
  getAccessStats(): { session_id: string; access_count: number; last_accessed: string; version: number };
  synchronizedUpdate(fn: () => void | Promise<void>, expectedVersion?: number): Promise<void>;
  cleanup(): void;
}

export interface SessionLockManagerLike {
  getLock(sessionId: string): object;
  acquireLock(sessionId: string): Promise<() => void>;
  withLock<T>(sessionId: string, fn: () => T | Promise<T>): Promise<T>;
  removeLock(sessionId: string): void;
  clearAll(): void;
}

export interface SecurityEventLike {
  eventType: string;
  timestamp: Date;
  details: Record<string, unknown> | null;
}

export interface SecurityEventDictLike {
  type: string;
  timestamp: string;
  details: Record<string, unknown> | null;
}

export interface SecuritySummaryLike {
  session_id: string;
  client_binding: {
    validation_failures: number;
    last_validated: string;
    security_flags_count: number;
    is_suspicious: boolean;
    tool_usage_count: number;
  } | null;
  security_events_count: number;
  is_suspicious: boolean;
  recent_events: SecurityEventDictLike[];
}

export interface SessionSecurityLike {
  readonly sessionId: string;
  clientBinding: ClientBindingLike | null;
  securityEvents: SecurityEventLike[];
  createClientBinding(secretKey: string, accessPatternHash?: string): ClientBindingLike;
  validateBinding(secretKey: string): boolean;
  recordSecurityEvent(eventType: string, details: Record<string, unknown> | null): void;
  updateToolUsagePattern(toolName: string): void;
  isSessionSuspicious(): boolean;
  getSecuritySummary(): SecuritySummaryLike;
  cleanupOldEvents(maxAgeHours?: number): void;
}

export interface AnalysisRecordLike {
  prompt: string;
  timestamp: Date;
  responses: Record<string, string>;
  activeCount: number;
  abstainedCount: number;
  toDict(): AnalysisEntryLike;
}

export interface SessionDataDictLike {
  session_id: string;
  created_at: string;
  topic: string | null;
  threads: Record<
    string,
    {
      id: string;
      name: string;
      system_prompt: string;
      model_backend: string;
      model_name: string | null;
      conversation_history: Array<{ role: string; content: string; timestamp: string }>;
    }
  >;
  analyses: AnalysisEntryLike[];
}

export interface SessionDataLike {
  readonly sessionId: string;
  readonly createdAt: Date;
  topic: string | null;
  addThread(thread: ThreadLike): void;
  getThread(name: string): ThreadLike | undefined;
  removeThread(name: string): boolean;
  recordAnalysis(prompt: string, responses: Record<string, string>, activeCount: number, abstainedCount: number): void;
  getLastAnalysis(): AnalysisRecordLike | null | undefined;
  getThreadCount(): number;
  getAnalysisCount(): number;
  getThreadNames(): string[];
  clearAnalyses(): void;
  getAnalysesSummary(): {
    count: number;
    message?: string;
    total_responses?: number;
    last_analysis?: { timestamp: string; active_count: number; abstained_count: number };
  };
  toDict(): SessionDataDictLike;
}

type ErrorClass = new (message: string, context?: Record<string, unknown>) => Error;

export interface LegacyConfigLike {
  readonly maxActiveSessions: number;
  readonly defaultTtlHours: number;
  readonly cleanupIntervalSeconds: number;
  readonly pbkdf2Iterations: number;
}

/** What `defineLegacyContract` tests: pass `import * as legacy from '@sessionkit/legacy'`. */
export interface LegacyContractSubject {
  ModelBackend: { readonly BEDROCK: 'bedrock'; readonly LITELLM: 'litellm'; readonly OLLAMA: 'ollama' };
  Thread: new (init: ThreadInitLike) => ThreadLike;
  ClientBinding: new (init: ClientBindingInitLike) => ClientBindingLike;
  // Constructor parameters are checked contravariantly, so they name no
  // implementation type: the contract attaches bindings by assignment.
  ContextSwitcherSession: new (sessionId: string, createdAt: Date, init?: { topic?: string | null }) => ContextSwitcherSessionLike;
  SessionManager: new (options?: { maxSessions?: number; sessionTtlHours?: number; cleanupIntervalMinutes?: number }) => SessionManagerLike;
  SessionConcurrency: new (sessionId: string) => SessionConcurrencyLike;
  createSessionConcurrency(sessionId: string): SessionConcurrencyLike;
  SessionLockManager: new () => SessionLockManagerLike;
  getSessionLockManager(): SessionLockManagerLike;
  SessionSecurity: new (sessionId: string) => SessionSecurityLike;
  SecurityEvent: new (init: { eventType: string; timestamp: Date; details: Record<string, unknown> | null }) => {
    toDict(): SecurityEventDictLike;
  };
  SessionData: (new (sessionId: string, createdAt: Date, topic?: string | null) => SessionDataLike) & {
    fromDict(data: unknown): SessionDataLike;
  };
  AnalysisRecord: (new (init: {
    prompt: string;
    timestamp: Date;
    responses: Record<string, string>;
    activeCount: number;
    abstainedCount: number;
  }) => AnalysisRecordLike) & { fromDict(data: unknown): AnalysisRecordLike };
  getSessionData(sessionId: string): SessionDataLike;
  registerSessionData(data: SessionDataLike): void;
  SessionError: ErrorClass;
  SessionCleanupError: ErrorClass;
  SecurityError: ErrorClass;
  ConcurrencyError: ErrorClass;
  getConfig(): LegacyConfigLike;
  setConfig(changes: { pbkdf2Iterations?: number }): unknown;
}
