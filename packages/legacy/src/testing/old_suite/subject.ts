/**
 * What the old system's own test suite needs from an implementation, typed
 * structurally (as `LegacyContractSubject` is) so that this package's module
 * namespace and `@sessionkit/legacy-adapter`'s can both be passed as they are.
 * It needs a little more than the contract: the attributes the old tests
 * assign, the lock type, the binding passed to `SessionSecurity`, and a logger.
 */
import type { Mutex } from 'async-mutex';
import type {
  AnalysisRecordLike,
  ClientBindingLike,
  ContextSwitcherSessionLike,
  LegacyConfigLike,
  SecurityEventDictLike,
  SecurityEventLike,
  SessionConcurrencyLike,
  SessionDataLike,
  SessionManagerLike,
  SessionSecurityLike,
  ThreadInitLike,
  ThreadLike,
} from '../contract/subject.js';

/** The logger the old modules write their debug lines to (`setConfig({ logger })`). */
export interface OldSuiteLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The lock manager, whose locks must be async-mutex `Mutex`es as the old one's were. */
export interface OldSuiteLockManagerLike {
  getLock(sessionId: string): Mutex;
  acquireLock(sessionId: string): Promise<() => void>;
  removeLock(sessionId: string): void;
  clearAll(): void;
}

export interface OldSuiteClientBindingLike extends ClientBindingLike {
  creationTimestamp: Date;
}

export interface OldSuiteClientBindingInit {
  sessionEntropy: string;
  creationTimestamp: Date;
  bindingSignature: string;
  accessPatternHash: string;
  toolUsageSequence?: string[];
}

export interface OldSuiteSessionSecurityLike extends Omit<SessionSecurityLike, 'clientBinding' | 'createClientBinding'> {
  clientBinding: OldSuiteClientBindingLike | null;
  createClientBinding(secretKey: string, accessPatternHash?: string): OldSuiteClientBindingLike;
}

export interface OldSuiteSessionDataLike extends SessionDataLike {
  readonly threads: Record<string, ThreadLike>;
  readonly analyses: AnalysisRecordLike[];
}

/** What `defineOldSystemSuite` tests: pass `import * as legacy from '@sessionkit/legacy'`. */
export interface OldSuiteSubject {
  ModelBackend: { readonly BEDROCK: 'bedrock'; readonly LITELLM: 'litellm'; readonly OLLAMA: 'ollama' };
  Thread: new (init: ThreadInitLike) => ThreadLike;
  ClientBinding: new (init: OldSuiteClientBindingInit) => OldSuiteClientBindingLike;
  ContextSwitcherSession: new (sessionId: string, createdAt: Date, init?: { topic?: string | null }) => ContextSwitcherSessionLike;
  SessionManager: new (options?: { maxSessions?: number; sessionTtlHours?: number }) => SessionManagerLike;
  SessionConcurrency: new (sessionId: string) => SessionConcurrencyLike;
  createSessionConcurrency(sessionId: string): SessionConcurrencyLike;
  SessionLockManager: new () => OldSuiteLockManagerLike;
  getSessionLockManager(): OldSuiteLockManagerLike;
  // Constructor parameters are checked contravariantly, so the binding names no
  // implementation type: the suite passes one made by the same implementation.
  SessionSecurity: new (sessionId: string, clientBinding?: never) => OldSuiteSessionSecurityLike;
  SecurityEvent: new (init: { eventType: string; timestamp: Date; details: Record<string, unknown> | null }) => SecurityEventLike & {
    toDict(): SecurityEventDictLike;
  };
  SessionData: (new (sessionId: string, createdAt: Date, topic?: string | null) => OldSuiteSessionDataLike) & {
    fromDict(data: unknown): OldSuiteSessionDataLike;
  };
  AnalysisRecord: (new (init: {
    prompt: string;
    timestamp: Date;
    responses: Record<string, string>;
    activeCount: number;
    abstainedCount: number;
  }) => AnalysisRecordLike) & { fromDict(data: unknown): AnalysisRecordLike };
  SessionError: new (message: string) => Error;
  ConcurrencyError: new (message: string) => Error;
  getConfig(): LegacyConfigLike & { readonly logger: OldSuiteLogger };
  setConfig(changes: { pbkdf2Iterations?: number; logger?: OldSuiteLogger }): unknown;
}
