/** The options and the statistics shape of `SimpleSessionManager`, and the schemas that check the options. */
import * as z from 'zod/mini';
import { type ContextOptions, contextOptionsShape } from './session-context.js';
import type { SessionStore, StoreRetryPolicy } from './session-store.js';
import { modelBackendSchema, principalSchema, threadNameSchema } from './types/json-schemas.js';
import type { ModelBackend } from './types/model-backend.js';
import { invalidField } from './validation.js';

/**
 * Options of `new SimpleSessionManager(...)`, on top of the {@link ContextOptions} every session of the manager shares (keys,
 * clock, logger, limits, timeouts, `allowUnbound`). Unknown keys are refused with a {@link SessionValidationError} naming them.
 */
export interface SessionManagerOptions extends ContextOptions {
  /**
   * Most live sessions at once (a positive integer). Past it `createSession` first sweeps expired sessions, then fails with
   * {@link SessionCapacityError}. With a store, the capacity of every process together.
   * @defaultValue 50
   */
  maxSessions?: number | undefined;
  /**
   * How long a session lives, in hours from its creation (a positive number; access does not extend it).
   * @defaultValue 1
   */
  sessionTtlHours?: number | undefined;
  /**
   * Period of the background expiry sweep, in seconds (positive, at most 2,147,483). Only used once `startBackgroundCleanup()` is
   * called.
   * @defaultValue 300 (five minutes)
   */
  cleanupIntervalSeconds?: number | undefined;
  /**
   * Extra perspectives: name -> system prompt, a plain object. A name here takes precedence over a built-in one of the same name
   * ({@link BUILT_IN_PERSPECTIVES}); any other name gets {@link genericPerspectivePrompt}. Names follow the thread-name rule
   * (1..256 characters, no control characters, not `__proto__`).
   * @defaultValue none
   */
  perspectives?: Readonly<Record<string, string>> | undefined;
  /**
   * A shared store (e.g. `@sessionkit/store-redis`): sessions, capacity and stats become global across the processes that share
   * it; every change is written through with compare-and-set.
   * @defaultValue none (sessions live in this process's memory)
   */
  store?: SessionStore | undefined;
  /**
   * Compare-and-set retries of write-through, as a partial {@link StoreRetryPolicy} (`attempts` an integer in 1..10,000; delays
   * in 0..60,000 ms). Used only with `store`.
   * @defaultValue `DEFAULT_STORE_RETRY` of `@sessionkit/core/interop` (100 attempts, 1 ms base, 50 ms cap)
   */
  storeRetry?: { [K in keyof StoreRetryPolicy]?: number | undefined } | undefined;
}

/** Options of `createSession(...)`. Unknown keys are refused. */
export interface CreateSessionOptions {
  /**
   * What the session is about (at most `limits.maxTopicLength` characters).
   * @defaultValue null
   */
  topic?: string | null | undefined;
  /**
   * Perspective names, each at most once (at most `limits.maxThreads`); each becomes a thread with id `${sessionId}_${name}` and
   * the prompt of that name (the `perspectives` option, else a built-in one, else the generic one).
   * @defaultValue none
   */
  initialPerspectives?: readonly string[] | undefined;
  /**
   * The backend the initial perspective threads run on.
   * @defaultValue `'bedrock'` (`ModelBackend.BEDROCK`)
   */
  modelBackend?: ModelBackend | undefined;
  /**
   * The model name the initial perspective threads carry, or null for none.
   * @defaultValue null
   */
  modelName?: string | null | undefined;
  /**
   * The authenticated identity the session belongs to (an OAuth subject, a client id; 1..512 characters, no control characters).
   * Covered by the binding's signature; see `session.principal`.
   * @defaultValue null (the session belongs to no principal)
   */
  principal?: string | null | undefined;
}

/**
 * What `getStats()` returns: a JSON document, so its keys are snake_case like the old system's. With a store, the session figures
 * are the store's, for every process together.
 */
export interface ManagerStats {
  /** Sessions held (in memory: expired ones not yet swept included). */
  active_sessions: number;
  /** The `maxSessions` option. */
  max_sessions: number;
  /** `active_sessions` as a percentage of `max_sessions`, rounded to one decimal. */
  capacity_used_percent: number;
  /** The `sessionTtlHours` option, in hours. */
  session_ttl_hours: number;
  /** The `cleanupIntervalSeconds` option, in seconds. */
  cleanup_interval_seconds: number;
  /** Perspective threads across those sessions. */
  total_threads: number;
  /** Analyses across those sessions. */
  total_analyses: number;
  /** Seconds since the oldest session was created (by the manager's clock), or null when there is none. */
  oldest_session_age_seconds: number | null;
  /** Seconds since the newest session was created, or null when there is none. */
  newest_session_age_seconds: number | null;
  /** Whether the background sweep is started in this process (`startBackgroundCleanup()`, not stopped since). */
  cleanup_task_running: boolean;
}

// setInterval overflows (and fires at once) past 2^31 - 1 ms.
const MAX_INTERVAL_SECONDS = Math.floor(0x7fffffff / 1000);
const STORE_METHODS = ['create', 'load', 'save', 'delete', 'listCreatedBefore', 'stats', 'subscribe'] as const;

export const managerOptionsSchema = z.lazy(() =>
  z.strictObject({
    maxSessions: z.optional(z.int().check(z.positive())),
    sessionTtlHours: z.optional(z.number().check(z.positive())),
    cleanupIntervalSeconds: z.optional(z.number().check(z.positive(), z.maximum(MAX_INTERVAL_SECONDS))),
    perspectives: z.optional(z.record(threadNameSchema, z.string())),
    store: z.optional(
      z.custom<SessionStore>(
        (value) => typeof value === 'object' && value !== null && STORE_METHODS.every((method) => typeof (value as SessionStore)[method] === 'function'),
        { message: `expected a SessionStore (${STORE_METHODS.join(', ')})` },
      ),
    ),
    storeRetry: z.optional(
      z.strictObject({
        attempts: z.optional(z.int().check(z.positive(), z.maximum(10_000))),
        baseDelayMs: z.optional(z.number().check(z.nonnegative(), z.maximum(60_000))),
        maxDelayMs: z.optional(z.number().check(z.nonnegative(), z.maximum(60_000))),
      }),
    ),
    ...contextOptionsShape(),
  }),
);

export const createOptionsSchema = z.lazy(() =>
  z.strictObject({
    topic: z.optional(z.nullable(z.string())),
    initialPerspectives: z.optional(z.array(threadNameSchema)),
    modelBackend: z.optional(modelBackendSchema),
    modelName: z.optional(z.nullable(z.string())),
    principal: z.optional(z.nullable(principalSchema)),
  }),
);

/** zod reads a record's keys into a fresh object, where a `__proto__` key would vanish: refuse it (and non-plain objects) first. */
export function checkPerspectivesObject(perspectives: unknown): void {
  if (typeof perspectives !== 'object' || perspectives === null) return;
  const prototype: unknown = Object.getPrototypeOf(perspectives);
  if (prototype !== Object.prototype && prototype !== null && !Array.isArray(perspectives)) {
    throw invalidField(['perspectives'], 'expected a plain object of name -> system prompt', 'session manager options');
  }
  if (Object.hasOwn(perspectives, '__proto__')) {
    throw invalidField(['perspectives', '__proto__'], '"__proto__" is reserved (it cannot be a perspective name)', 'session manager options');
  }
}
