/**
 * Pure session data: the types a session holds, their zod schemas, and their
 * JSON form. The JSON keys are exactly the reference implementation's
 * `to_dict()` keys (snake_case), so state exported by the old Python service
 * restores here and the other way round. No locking, no I/O, no business rules.
 */
import * as z from 'zod/mini';
import { copyJson, copyStringRecord, jsonObjectSchema, setOwn, stringRecordSchema, type JsonObject } from './json-value.js';
import { formatTimestamp, type Stamp, parseTimestamp, stampMs, stampText, timestampSchema } from './timestamps.js';
import { kTrusted } from './internal.js';
import { parseOrThrow, SESSION_ID_PATTERN } from './validation.js';

// ---------------------------------------------------------------------------
// ModelBackend

export const ModelBackend = {
  BEDROCK: 'bedrock',
  LITELLM: 'litellm',
  OLLAMA: 'ollama',
} as const;
export type ModelBackend = (typeof ModelBackend)[keyof typeof ModelBackend];

export const modelBackendSchema = z.lazy(() =>
  z.enum([ModelBackend.BEDROCK, ModelBackend.LITELLM, ModelBackend.OLLAMA]),
);

/** The text a perspective answers with when it abstains. */
export const NO_RESPONSE = '[NO_RESPONSE]';

const countSchema = z.lazy(() => z.int().check(z.nonnegative()));
const secondsSchema = z.lazy(() => z.number().check(z.nonnegative()));
/** Thread names are map keys and show up in prompts and logs: keep them printable and bounded. */
export const threadNameSchema = z.lazy(() =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(256),
      z.refine((name) => name !== '__proto__', { message: '"__proto__" is reserved (it cannot be a key of the exported threads object)' }),
    ),
);
const sessionIdSchema = z.lazy(() =>
  z.string().check(z.regex(SESSION_ID_PATTERN, { message: 'expected 1..256 characters of [A-Za-z0-9_.:-]' })),
);

// ---------------------------------------------------------------------------
// Thread

export interface ConversationMessage {
  role: string;
  content: string;
  timestamp: string;
}

export interface ThreadJSON {
  id: string;
  name: string;
  system_prompt: string;
  model_backend: ModelBackend;
  model_name: string | null;
  conversation_history: ConversationMessage[];
}

export interface ThreadInit {
  id: string;
  name: string;
  systemPrompt: string;
  modelBackend: ModelBackend;
  modelName?: string | null | undefined;
  conversationHistory?: readonly ConversationMessage[] | undefined;
}

const conversationMessageSchema = z.lazy(() =>
  z.object({ role: z.string(), content: z.string(), timestamp: timestampSchema }),
);

const threadInitSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    name: threadNameSchema,
    systemPrompt: z.string(),
    modelBackend: modelBackendSchema,
    modelName: z.optional(z.nullable(z.string())),
    conversationHistory: z.optional(z.array(conversationMessageSchema)),
  }),
);

export const threadJsonSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    name: threadNameSchema,
    system_prompt: z.string(),
    model_backend: modelBackendSchema,
    model_name: z.optional(z.nullable(z.string())),
    conversation_history: z.optional(z.array(conversationMessageSchema)),
  }),
);

/** One perspective: its system prompt, its model, and its conversation so far. */
export class Thread {
  id: string;
  name: string;
  systemPrompt: string;
  modelBackend: ModelBackend;
  modelName: string | null;
  conversationHistory: ConversationMessage[];

  static #trusted = false;

  constructor(init: ThreadInit) {
    const valid = Thread.#trusted ? init : parseOrThrow(threadInitSchema, init, 'thread');
    this.id = valid.id;
    this.name = valid.name;
    this.systemPrompt = valid.systemPrompt;
    this.modelBackend = valid.modelBackend;
    this.modelName = valid.modelName ?? null;
    // A trusted caller hands over a fresh array; anyone else's is copied.
    const history = valid.conversationHistory;
    this.conversationHistory = history === undefined ? [] : Thread.#trusted ? (history as ConversationMessage[]) : [...history];
  }

  /** For values the library produced itself: skips validation. */
  static [kTrusted](init: ThreadInit): Thread {
    Thread.#trusted = true;
    try {
      return new Thread(init);
    } finally {
      Thread.#trusted = false;
    }
  }

  addMessage(role: string, content: string): void {
    this.conversationHistory.push({ role, content, timestamp: new Date().toISOString() });
  }

  toJSON(): ThreadJSON {
    return {
      id: this.id,
      name: this.name,
      system_prompt: this.systemPrompt,
      model_backend: this.modelBackend,
      model_name: this.modelName,
      conversation_history: this.conversationHistory.map(({ role, content, timestamp }) => ({ role, content, timestamp })),
    };
  }

  static fromJSON(data: unknown): Thread {
    return threadFromValid(parseOrThrow(threadJsonSchema, data, 'thread'));
  }
}

function threadFromValid(valid: z.output<typeof threadJsonSchema>): Thread {
  return Thread[kTrusted]({
    id: valid.id,
    name: valid.name,
    systemPrompt: valid.system_prompt,
    modelBackend: valid.model_backend,
    modelName: valid.model_name ?? null,
    conversationHistory: valid.conversation_history ?? [],
  });
}

// ---------------------------------------------------------------------------
// ClientBinding

/**
 * `hmac-sha256`: hex(HMAC-SHA256(secret, `${entropy}:${creationTimestamp}`)).
 * `pbkdf2-sha256`: the old system's 600k-iteration PBKDF2 signature; its JSON
 * has no `signature_scheme` key. It is upgraded on its first valid check.
 */
export type SignatureScheme = 'hmac-sha256' | 'pbkdf2-sha256';

export interface ClientBindingJSON {
  session_entropy: string;
  creation_timestamp: string;
  binding_signature: string;
  /** Absent for bindings signed by the old system (PBKDF2). */
  signature_scheme?: 'hmac-sha256';
  access_pattern_hash: string;
  tool_usage_sequence: string[];
  validation_failures: number;
  last_validated: string;
  security_flags: string[];
}

export interface ClientBindingInit {
  sessionEntropy: string;
  creationTimestamp: string;
  bindingSignature: string;
  signatureScheme?: SignatureScheme | undefined;
  accessPatternHash: string;
  toolUsageSequence?: readonly string[] | undefined;
  validationFailures?: number | undefined;
  /** ISO timestamp or epoch ms; defaults to the creation timestamp. */
  lastValidated?: string | number | undefined;
  securityFlags?: readonly string[] | undefined;
}

const clientBindingInitSchema = z.lazy(() =>
  z.object({
    sessionEntropy: z.string(),
    creationTimestamp: timestampSchema,
    bindingSignature: z.string(),
    signatureScheme: z.optional(z.enum(['hmac-sha256', 'pbkdf2-sha256'])),
    accessPatternHash: z.string(),
    toolUsageSequence: z.optional(z.array(z.string())),
    validationFailures: z.optional(countSchema),
    lastValidated: z.optional(z.union([timestampSchema, z.number()])),
    securityFlags: z.optional(z.array(z.string())),
  }),
);

export const clientBindingJsonSchema = z.lazy(() =>
  z.object({
    session_entropy: z.string(),
    creation_timestamp: timestampSchema,
    binding_signature: z.string(),
    signature_scheme: z.optional(z.enum(['hmac-sha256', 'pbkdf2-sha256'])),
    access_pattern_hash: z.string(),
    tool_usage_sequence: z.optional(z.array(z.string())),
    validation_failures: z.optional(countSchema),
    last_validated: z.optional(timestampSchema),
    security_flags: z.optional(z.array(z.string())),
  }),
);

/** What `getSessionInfo()` shows of a binding: counts and state, never the signature. */
export interface ClientBindingSummary {
  validation_failures: number;
  last_validated: string;
  security_flags_count: number;
  is_suspicious: boolean;
  tool_usage_count: number;
}

/** Ties a session to the server that created it; see SECURITY.md for what it does and does not protect. */
export class ClientBinding {
  sessionEntropy: string;
  creationTimestamp: string;
  bindingSignature: string;
  signatureScheme: SignatureScheme;
  accessPatternHash: string;
  toolUsageSequence: string[];
  validationFailures: number;
  // Two fields rather than one `number | string`: a field that only ever holds
  // numbers is updated in place, with no allocation per validation.
  #lastValidatedMs: number;
  #lastValidatedText: string | undefined;
  securityFlags: string[];

  static #trusted = false;

  constructor(init: ClientBindingInit) {
    const valid = ClientBinding.#trusted ? init : parseOrThrow(clientBindingInitSchema, init, 'client binding');
    this.sessionEntropy = valid.sessionEntropy;
    this.creationTimestamp = valid.creationTimestamp;
    this.bindingSignature = valid.bindingSignature;
    this.signatureScheme = valid.signatureScheme ?? 'hmac-sha256';
    this.accessPatternHash = valid.accessPatternHash;
    // A trusted caller hands over fresh arrays; anyone else's are copied.
    const adopt = ClientBinding.#trusted;
    const tools = valid.toolUsageSequence;
    this.toolUsageSequence = tools === undefined ? [] : adopt ? (tools as string[]) : [...tools];
    this.validationFailures = valid.validationFailures ?? 0;
    const lastValidated = valid.lastValidated ?? valid.creationTimestamp;
    this.#lastValidatedMs = stampMs(lastValidated);
    this.#lastValidatedText = typeof lastValidated === 'string' ? lastValidated : undefined;
    const flags = valid.securityFlags;
    this.securityFlags = flags === undefined ? [] : adopt ? (flags as string[]) : [...flags];
  }

  /** For values the library produced itself: skips validation. */
  static [kTrusted](init: ClientBindingInit): ClientBinding {
    ClientBinding.#trusted = true;
    try {
      return new ClientBinding(init);
    } finally {
      ClientBinding.#trusted = false;
    }
  }

  /** ISO timestamp of the last successful validation. */
  get lastValidated(): string {
    return this.#lastValidatedText ?? formatTimestamp(this.#lastValidatedMs);
  }

  set lastValidated(value: string | number) {
    this.#lastValidatedMs = stampMs(value);
    this.#lastValidatedText = typeof value === 'string' ? value : undefined;
  }

  get lastValidatedMs(): number {
    return this.#lastValidatedMs;
  }

  /** The text the signature covers. */
  get signedMessage(): string {
    return `${this.sessionEntropy}:${this.creationTimestamp}`;
  }

  clone(): ClientBinding {
    return ClientBinding[kTrusted]({
      sessionEntropy: this.sessionEntropy,
      creationTimestamp: this.creationTimestamp,
      bindingSignature: this.bindingSignature,
      signatureScheme: this.signatureScheme,
      accessPatternHash: this.accessPatternHash,
      toolUsageSequence: [...this.toolUsageSequence],
      validationFailures: this.validationFailures,
      lastValidated: this.#lastValidatedText ?? this.#lastValidatedMs,
      securityFlags: [...this.securityFlags],
    });
  }

  /** Takes every field of `other` (used to roll back in place, so references to this binding stay valid). */
  copyFrom(other: ClientBinding): void {
    this.sessionEntropy = other.sessionEntropy;
    this.creationTimestamp = other.creationTimestamp;
    this.bindingSignature = other.bindingSignature;
    this.signatureScheme = other.signatureScheme;
    this.accessPatternHash = other.accessPatternHash;
    this.toolUsageSequence = [...other.toolUsageSequence];
    this.validationFailures = other.validationFailures;
    this.#lastValidatedMs = other.#lastValidatedMs;
    this.#lastValidatedText = other.#lastValidatedText;
    this.securityFlags = [...other.securityFlags];
  }

  summary(): ClientBindingSummary {
    return {
      validation_failures: this.validationFailures,
      last_validated: this.lastValidated,
      security_flags_count: this.securityFlags.length,
      is_suspicious: this.isSuspicious(),
      tool_usage_count: this.toolUsageSequence.length,
    };
  }

  addSecurityFlag(flag: string): void {
    if (!this.securityFlags.includes(flag)) this.securityFlags.push(flag);
  }

  isSuspicious(): boolean {
    return (
      this.validationFailures > 3 ||
      this.securityFlags.length > 5 ||
      this.securityFlags.includes('multiple_failed_validations')
    );
  }

  toJSON(): ClientBindingJSON {
    const json: ClientBindingJSON = {
      session_entropy: this.sessionEntropy,
      creation_timestamp: this.creationTimestamp,
      binding_signature: this.bindingSignature,
      access_pattern_hash: this.accessPatternHash,
      tool_usage_sequence: [...this.toolUsageSequence],
      validation_failures: this.validationFailures,
      last_validated: this.lastValidated,
      security_flags: [...this.securityFlags],
    };
    if (this.signatureScheme === 'hmac-sha256') {
      return {
        session_entropy: json.session_entropy,
        creation_timestamp: json.creation_timestamp,
        binding_signature: json.binding_signature,
        signature_scheme: 'hmac-sha256',
        access_pattern_hash: json.access_pattern_hash,
        tool_usage_sequence: json.tool_usage_sequence,
        validation_failures: json.validation_failures,
        last_validated: json.last_validated,
        security_flags: json.security_flags,
      };
    }
    return json;
  }

  static fromJSON(data: unknown): ClientBinding {
    return clientBindingFromValid(parseOrThrow(clientBindingJsonSchema, data, 'client binding'));
  }
}

function clientBindingFromValid(valid: z.output<typeof clientBindingJsonSchema>): ClientBinding {
  return ClientBinding[kTrusted]({
    sessionEntropy: valid.session_entropy,
    creationTimestamp: valid.creation_timestamp,
    bindingSignature: valid.binding_signature,
    // The old system wrote no scheme: its signatures are PBKDF2.
    signatureScheme: valid.signature_scheme ?? 'pbkdf2-sha256',
    accessPatternHash: valid.access_pattern_hash,
    toolUsageSequence: valid.tool_usage_sequence,
    validationFailures: valid.validation_failures,
    lastValidated: valid.last_validated,
    securityFlags: valid.security_flags,
  });
}

// ---------------------------------------------------------------------------
// SecurityEvent

export interface SecurityEventJSON {
  type: string;
  timestamp: string;
  details: JsonObject;
}

export const securityEventJsonSchema = z.lazy(() =>
  z.object({
    type: z.string().check(z.minLength(1)),
    timestamp: timestampSchema,
    details: z.optional(jsonObjectSchema),
  }),
);

export class SecurityEvent {
  constructor(
    readonly eventType: string,
    readonly timestamp: string,
    readonly details: JsonObject,
  ) {}

  toJSON(): SecurityEventJSON {
    const details = copyJson(this.details);
    if (!details.ok) throw new TypeError(`security event ${this.eventType}: details are not JSON (${details.reason})`);
    return { type: this.eventType, timestamp: this.timestamp, details: details.value as JsonObject };
  }

  static fromJSON(data: unknown): SecurityEvent {
    const valid = parseOrThrow(securityEventJsonSchema, data, 'security event');
    return new SecurityEvent(valid.type, valid.timestamp, valid.details ?? {});
  }
}

// ---------------------------------------------------------------------------
// AnalysisRecord

export interface AnalysisRecordJSON {
  prompt: string;
  timestamp: string;
  responses: Record<string, string>;
  active_count: number;
  abstained_count: number;
}

export const analysisRecordJsonSchema = z.lazy(() =>
  z.object({
    prompt: z.string(),
    timestamp: timestampSchema,
    responses: stringRecordSchema,
    active_count: countSchema,
    abstained_count: countSchema,
  }),
);

/** One prompt fanned out to the perspectives, and what each answered. */
export class AnalysisRecord {
  constructor(
    readonly prompt: string,
    readonly timestamp: string,
    readonly responses: Record<string, string>,
    readonly activeCount: number,
    readonly abstainedCount: number,
  ) {}

  /** Counts active and abstaining (`[NO_RESPONSE]`) perspectives. */
  static fromResponses(prompt: string, responses: Record<string, string>, timestamp: string): AnalysisRecord {
    let active = 0;
    let total = 0;
    for (const key in responses) {
      if (!Object.hasOwn(responses, key)) continue;
      total++;
      if (responses[key] !== NO_RESPONSE) active++;
    }
    return new AnalysisRecord(prompt, timestamp, responses, active, total - active);
  }

  toJSON(): AnalysisRecordJSON {
    return {
      prompt: this.prompt,
      timestamp: this.timestamp,
      responses: copyStringRecord(this.responses),
      active_count: this.activeCount,
      abstained_count: this.abstainedCount,
    };
  }

  static fromJSON(data: unknown): AnalysisRecord {
    return analysisFromValid(parseOrThrow(analysisRecordJsonSchema, data, 'analysis record'));
  }
}

function analysisFromValid(valid: z.output<typeof analysisRecordJsonSchema>): AnalysisRecord {
  return new AnalysisRecord(valid.prompt, valid.timestamp, valid.responses, valid.active_count, valid.abstained_count);
}

// ---------------------------------------------------------------------------
// SessionMetrics

export interface SessionMetricsJSON {
  access_count: number;
  analysis_count: number;
  thread_count: number;
  last_accessed: string;
  total_response_time: number;
  avg_response_time: number;
  error_count: number;
  security_event_count: number;
}

export const sessionMetricsJsonSchema = z.lazy(() =>
  z.object({
    access_count: z.optional(countSchema),
    analysis_count: z.optional(countSchema),
    thread_count: z.optional(countSchema),
    last_accessed: z.optional(timestampSchema),
    total_response_time: z.optional(secondsSchema),
    avg_response_time: z.optional(secondsSchema),
    error_count: z.optional(countSchema),
    security_event_count: z.optional(countSchema),
  }),
);

/** Usage counters of one session. Timestamps are epoch ms or verbatim restored text. */
export class SessionMetrics {
  accessCount = 0;
  analysisCount = 0;
  threadCount = 0;
  #lastAccessedMs: number;
  #lastAccessedText: string | undefined;
  totalResponseTime = 0;
  avgResponseTime = 0;
  errorCount = 0;
  securityEventCount = 0;

  constructor(lastAccessed: Stamp = Date.now()) {
    this.#lastAccessedMs = stampMs(lastAccessed);
    this.#lastAccessedText = typeof lastAccessed === 'string' ? lastAccessed : undefined;
  }

  /** ISO timestamp of the last successful operation. */
  get lastAccessed(): string {
    return this.#lastAccessedText ?? formatTimestamp(this.#lastAccessedMs);
  }

  get lastAccessedMs(): number {
    return this.#lastAccessedMs;
  }

  clone(): SessionMetrics {
    const copy = new SessionMetrics(this.#lastAccessedText ?? this.#lastAccessedMs);
    copy.accessCount = this.accessCount;
    copy.analysisCount = this.analysisCount;
    copy.threadCount = this.threadCount;
    copy.totalResponseTime = this.totalResponseTime;
    copy.avgResponseTime = this.avgResponseTime;
    copy.errorCount = this.errorCount;
    copy.securityEventCount = this.securityEventCount;
    return copy;
  }

  /** Takes every counter of `other` (used to roll back in place). */
  copyFrom(other: SessionMetrics): void {
    this.accessCount = other.accessCount;
    this.analysisCount = other.analysisCount;
    this.threadCount = other.threadCount;
    this.#lastAccessedMs = other.#lastAccessedMs;
    this.#lastAccessedText = other.#lastAccessedText;
    this.totalResponseTime = other.totalResponseTime;
    this.avgResponseTime = other.avgResponseTime;
    this.errorCount = other.errorCount;
    this.securityEventCount = other.securityEventCount;
  }

  recordAnalysis(seconds: number): void {
    this.analysisCount++;
    this.totalResponseTime += seconds;
    this.avgResponseTime = this.totalResponseTime / this.analysisCount;
  }

  recordAccess(nowMs: number = Date.now()): void {
    this.accessCount++;
    this.#lastAccessedMs = nowMs;
    this.#lastAccessedText = undefined;
  }

  recordError(): void {
    this.errorCount++;
  }

  recordSecurityEvent(): void {
    this.securityEventCount++;
  }

  toJSON(): SessionMetricsJSON {
    return {
      access_count: this.accessCount,
      analysis_count: this.analysisCount,
      thread_count: this.threadCount,
      last_accessed: this.lastAccessed,
      total_response_time: this.totalResponseTime,
      avg_response_time: this.avgResponseTime,
      error_count: this.errorCount,
      security_event_count: this.securityEventCount,
    };
  }

  static fromJSON(data: unknown, defaultLastAccessed: Stamp = Date.now()): SessionMetrics {
    return metricsFromValid(parseOrThrow(sessionMetricsJsonSchema, data, 'session metrics'), defaultLastAccessed);
  }
}

function metricsFromValid(valid: z.output<typeof sessionMetricsJsonSchema>, defaultLastAccessed: Stamp): SessionMetrics {
  const metrics = new SessionMetrics(valid.last_accessed ?? defaultLastAccessed);
  metrics.accessCount = valid.access_count ?? 0;
  metrics.analysisCount = valid.analysis_count ?? 0;
  metrics.threadCount = valid.thread_count ?? 0;
  metrics.totalResponseTime = valid.total_response_time ?? 0;
  metrics.avgResponseTime = valid.avg_response_time ?? 0;
  metrics.errorCount = valid.error_count ?? 0;
  metrics.securityEventCount = valid.security_event_count ?? 0;
  return metrics;
}

// ---------------------------------------------------------------------------
// SessionState

export interface SessionStateJSON {
  session_id: string;
  created_at: string;
  topic: string | null;
  version: number;
  threads: Record<string, ThreadJSON>;
  analyses: AnalysisRecordJSON[];
  security_events: SecurityEventJSON[];
  client_binding: ClientBindingJSON | null;
  metrics: SessionMetricsJSON;
}

export const sessionStateJsonSchema = z.lazy(() =>
  z
    .object({
      session_id: sessionIdSchema,
      created_at: timestampSchema,
      topic: z.optional(z.nullable(z.string())),
      version: z.optional(countSchema),
      threads: z.optional(z.record(z.string(), threadJsonSchema)),
      analyses: z.optional(z.array(analysisRecordJsonSchema)),
      security_events: z.optional(z.array(securityEventJsonSchema)),
      client_binding: z.optional(z.nullable(clientBindingJsonSchema)),
      metrics: z.optional(sessionMetricsJsonSchema),
    })
    .check(
      z.superRefine((state, ctx) => {
        for (const [key, thread] of Object.entries(state.threads ?? {})) {
          if (thread.name !== key) {
            ctx.addIssue({ code: 'custom', input: thread.name, path: ['threads', key, 'name'], message: `expected "${key}" (its key in threads)` });
          }
        }
      }),
    ),
);

export interface SessionStateInit {
  sessionId: string;
  /** ISO timestamp (kept verbatim) or epoch ms. */
  createdAt: string | number;
  topic?: string | null | undefined;
  version?: number | undefined;
  clientBinding?: ClientBinding | null | undefined;
  metrics?: SessionMetrics | undefined;
}

const sessionStateInitSchema = z.lazy(() =>
  z.object({
    sessionId: sessionIdSchema,
    createdAt: z.union([timestampSchema, z.number()]),
    topic: z.optional(z.nullable(z.string())),
    version: z.optional(countSchema),
    clientBinding: z.optional(z.nullable(z.instanceof(ClientBinding))),
    metrics: z.optional(z.instanceof(SessionMetrics)),
  }),
);

/**
 * Everything one session holds. Collections are created on first use, so an
 * idle session costs no empty Map or arrays (the retained-heap target).
 */
export class SessionState {
  readonly sessionId: string;
  #createdAt: Stamp;
  /** Creation time in epoch ms: what expiry is measured from. */
  readonly createdAtMs: number;
  topic: string | null;
  version: number;
  #threads: Map<string, Thread> | undefined;
  #analyses: AnalysisRecord[] | undefined;
  #securityEvents: SecurityEvent[] | undefined;
  clientBinding: ClientBinding | null;
  metrics: SessionMetrics;

  static #trusted = false;

  constructor(init: SessionStateInit) {
    const valid = SessionState.#trusted ? init : parseOrThrow(sessionStateInitSchema, init, 'session state');
    this.sessionId = valid.sessionId;
    this.#createdAt = valid.createdAt;
    this.createdAtMs = typeof valid.createdAt === 'number' ? valid.createdAt : parseTimestamp(valid.createdAt);
    this.topic = valid.topic ?? null;
    this.version = valid.version ?? 0;
    this.clientBinding = valid.clientBinding ?? null;
    this.metrics = valid.metrics ?? new SessionMetrics(this.createdAtMs);
  }

  /** For values the library produced itself: skips validation. */
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
    return stampText(this.#createdAt);
  }

  /** Threads by name. */
  get threads(): Map<string, Thread> {
    return (this.#threads ??= new Map());
  }

  set threads(threads: Map<string, Thread>) {
    this.#threads = threads;
  }

  get analyses(): AnalysisRecord[] {
    return (this.#analyses ??= []);
  }

  set analyses(analyses: AnalysisRecord[]) {
    this.#analyses = analyses;
  }

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
  }

  /** Thread count without allocating the map of an idle session. */
  get threadCount(): number {
    return this.#threads?.size ?? 0;
  }

  get analysisCount(): number {
    return this.#analyses?.length ?? 0;
  }

  /** How many security events are kept (the newest 100; `metrics.securityEventCount` is the total). */
  get keptEventCount(): number {
    return this.#securityEvents?.length ?? 0;
  }

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
   * Validates `data` (throws SessionValidationError naming the first bad
   * field) and builds the state. Unknown keys are ignored; missing optional
   * keys take the reference defaults (`defaultNow` for missing timestamps).
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
      state.securityEvents = valid.security_events.map(
        (event) => new SecurityEvent(event.type, event.timestamp, event.details ?? {}),
      );
    }
    return state;
  }
}
