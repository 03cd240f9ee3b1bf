/**
 * Data models of the old system (models.py): the thread, the client binding
 * with its PBKDF2 signature, and the session record the manager stores.
 */
import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { getConfig } from './config.js';
import { SecurityError, SessionError } from './exceptions.js';
import { isoformat } from './internal/time.js';
import { getSessionLockManager } from './session_lock_manager.js';

export const ModelBackend = Object.freeze({
  BEDROCK: 'bedrock',
  LITELLM: 'litellm',
  OLLAMA: 'ollama',
} as const);
export type ModelBackend = (typeof ModelBackend)[keyof typeof ModelBackend];

export interface ConversationMessage {
  role: string;
  content: string;
  /** Python `isoformat()` of when the message was added. */
  timestamp: string;
}

export interface ThreadInit {
  id: string;
  name: string;
  systemPrompt: string;
  modelBackend: ModelBackend;
  modelName?: string | null | undefined;
  conversationHistory?: ConversationMessage[] | undefined;
}

/** One perspective's conversation. */
export class Thread {
  id: string;
  name: string;
  systemPrompt: string;
  modelBackend: ModelBackend;
  modelName: string | null;
  conversationHistory: ConversationMessage[];

  constructor(init: ThreadInit) {
    this.id = init.id;
    this.name = init.name;
    this.systemPrompt = init.systemPrompt;
    this.modelBackend = init.modelBackend;
    this.modelName = init.modelName ?? null;
    this.conversationHistory = init.conversationHistory ?? [];
  }

  addMessage(role: string, content: string): void {
    this.conversationHistory.push({ role, content, timestamp: isoformat(new Date()) });
  }
}

export interface ClientBindingInit {
  sessionEntropy: string;
  creationTimestamp: Date;
  bindingSignature: string;
  accessPatternHash: string;
  toolUsageSequence?: string[] | undefined;
  validationFailures?: number | undefined;
  lastValidated?: Date | undefined;
  securityFlags?: string[] | undefined;
}

/**
 * Ties a session to the server secret that created it. The signature is
 * PBKDF2-HMAC-SHA256 over `entropy:isoformat(creationTimestamp)` with the
 * secret as salt, recomputed synchronously on every validation: the old
 * system's main per-call cost, kept on purpose.
 */
export class ClientBinding {
  sessionEntropy: string;
  creationTimestamp: Date;
  bindingSignature: string;
  accessPatternHash: string;
  toolUsageSequence: string[];
  validationFailures: number;
  lastValidated: Date;
  securityFlags: string[];

  constructor(init: ClientBindingInit) {
    this.sessionEntropy = init.sessionEntropy;
    this.creationTimestamp = init.creationTimestamp;
    this.bindingSignature = init.bindingSignature;
    this.accessPatternHash = init.accessPatternHash;
    this.toolUsageSequence = init.toolUsageSequence ?? [];
    this.validationFailures = init.validationFailures ?? 0;
    this.lastValidated = init.lastValidated ?? new Date();
    this.securityFlags = init.securityFlags ?? [];
  }

  generateBindingSignature(secretKey: string): string {
    assertSecretKey(secretKey);
    const data = `${this.sessionEntropy}:${isoformat(this.creationTimestamp)}`;
    return pbkdf2Sync(data, secretKey, getConfig().pbkdf2Iterations, 32, 'sha256').toString('hex');
  }

  validateBinding(secretKey: string): boolean {
    const expected = Buffer.from(this.generateBindingSignature(secretKey));
    const actual = Buffer.from(String(this.bindingSignature));
    // secrets.compare_digest returned False on a length mismatch; timingSafeEqual throws.
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  addSecurityFlag(flag: string): void {
    if (!this.securityFlags.includes(flag)) this.securityFlags.push(flag);
  }

  isSuspicious(): boolean {
    return this.validationFailures > 3 || this.securityFlags.length > 5 || this.securityFlags.includes('multiple_failed_validations');
  }
}

function assertSecretKey(secretKey: unknown): asserts secretKey is string {
  if (typeof secretKey !== 'string' || secretKey.length === 0) {
    throw new SecurityError('A binding secret key must be a non-empty string', { received: typeof secretKey });
  }
}

/** An analysis as the session record keeps it: the old snake_case dict. */
export interface AnalysisEntry {
  prompt: string;
  timestamp: string;
  responses: Record<string, string>;
  active_count: number;
  abstained_count: number;
}

/** A security event as the session record keeps it. */
export interface SecurityEventEntry {
  type: string;
  timestamp: string;
  details: Record<string, unknown> | null;
}

export interface ContextSwitcherSessionInit {
  topic?: string | null | undefined;
  clientBinding?: ClientBinding | null | undefined;
}

/**
 * The session record the `SessionManager` stores. Its lock is not its own:
 * `recordAccess` takes the session's lock from the global lock manager.
 */
export class ContextSwitcherSession {
  readonly sessionId: string;
  readonly createdAt: Date;
  topic: string | null;
  clientBinding: ClientBinding | null;
  threads: Record<string, Thread> = Object.create(null) as Record<string, Thread>;
  analyses: AnalysisEntry[] = [];
  accessCount = 0;
  lastAccessed: Date = new Date();
  securityEvents: SecurityEventEntry[] = [];
  /** Bumped by `recordAccess` (the only writer in the old code). */
  version = 0;

  constructor(sessionId: string, createdAt: Date, init: ContextSwitcherSessionInit = {}) {
    if (typeof sessionId !== 'string' || sessionId.length === 0) {
      throw new SessionError('sessionId must be a non-empty string', { received: typeof sessionId });
    }
    if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime())) {
      throw new SessionError(`createdAt of session '${sessionId}' must be a valid Date`, { sessionId });
    }
    this.sessionId = sessionId;
    this.createdAt = createdAt;
    this.topic = init.topic ?? null;
    this.clientBinding = init.clientBinding ?? null;
  }

  /** Adds or replaces (same name) a perspective thread. */
  addThread(thread: Thread): void {
    this.threads[thread.name] = thread;
  }

  getThread(name: string): Thread | undefined {
    return Object.hasOwn(this.threads, name) ? this.threads[name] : undefined;
  }

  async recordAccess(toolName: string): Promise<void> {
    const release = await getSessionLockManager().acquireLock(this.sessionId);
    try {
      this.accessCount += 1;
      this.lastAccessed = new Date();
      this.version += 1;
      if (this.clientBinding && this.clientBinding.toolUsageSequence.length < 10) {
        this.clientBinding.toolUsageSequence.push(toolName);
      }
    } finally {
      release();
    }
  }

  recordSecurityEvent(eventType: string, details: Record<string, unknown> | null): void {
    this.securityEvents.push({ type: eventType, timestamp: isoformat(new Date()), details });
    this.clientBinding?.addSecurityFlag(eventType);
  }

  /** True without a binding (sessions from before bindings existed were allowed). */
  isBindingValid(secretKey: string): boolean {
    return this.clientBinding ? this.clientBinding.validateBinding(secretKey) : true;
  }

  recordAnalysis(prompt: string, responses: Record<string, string>, activeCount: number, abstainedCount: number): void {
    this.analyses.push({
      prompt,
      timestamp: isoformat(new Date()),
      responses,
      active_count: activeCount,
      abstained_count: abstainedCount,
    });
  }

  getLastAnalysis(): AnalysisEntry | null {
    return this.analyses.at(-1) ?? null;
  }
}
