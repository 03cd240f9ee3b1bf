/** The options and result shapes of `Session`, and the schemas that check the options. */
import * as z from 'zod/mini';
import { type ContextOptions, contextOptionsShape } from './session-context.js';
import type { ClientBindingSummary } from './types/client-binding.js';
import { principalSchema } from './types/json-schemas.js';
import type { SecurityEventJSON } from './types/security-event.js';
import type { SessionMetricsJSON } from './types/session-metrics.js';

/** Options of `new Session(...)`. Unknown keys are refused. */
export interface SessionOptions extends ContextOptions {
  /**
   * What the session is about (at most `limits.maxTopicLength` characters).
   * @defaultValue null
   */
  topic?: string | null | undefined;
  /**
   * The authenticated identity the session belongs to (1..512 characters, no
   * control characters); covered by the binding's signature.
   * @defaultValue null (the session belongs to no principal)
   */
  principal?: string | null | undefined;
  /**
   * Whether to create a client binding. Without one, `validateSecurity()`
   * always passes, and the exported state (`client_binding: null`) restores
   * only with `allowUnbound: true`.
   * @defaultValue true
   */
  createClientBinding?: boolean | undefined;
}

/**
 * Options of `Session.restoreFromState(...)`: where keys, time and limits
 * come from, and the unbound-state policy (`allowUnbound`). Unknown keys are
 * refused.
 */
export type RestoreOptions = ContextOptions;

export const sessionOptionsSchema = z.lazy(() =>
  z.strictObject({
    topic: z.optional(z.nullable(z.string())),
    principal: z.optional(z.nullable(principalSchema)),
    createClientBinding: z.optional(z.boolean()),
    ...contextOptionsShape(),
  }),
);

export const restoreOptionsSchema = z.lazy(() => z.strictObject(contextOptionsShape()));

/**
 * What `getSessionInfo()` returns: a JSON document, so its keys are
 * snake_case like the old system's (API objects such as {@link VersionInfo}
 * are camelCase). A copy: changing it changes nothing in the session.
 */
export interface SessionInfo {
  /** The session's id. */
  session_id: string;
  /** ISO 8601 creation timestamp (verbatim when restored). */
  created_at: string;
  /** What the session is about, or null. */
  topic: string | null;
  /** The mutation counter (see {@link Session.version}). */
  version: number;
  /** How many perspective threads the session holds. */
  thread_count: number;
  /** The threads' names, in the order they were added. */
  thread_names: string[];
  /** How many analyses the session holds. */
  analysis_count: number;
  /** Events kept (the newest 100); `metrics.security_event_count` is the total. */
  security_event_count: number;
  /** Counts and state of the client binding (never its signatures), or null for an unbound session. */
  client_binding: ClientBindingSummary | null;
  /** The usage counters, as in the exported state. */
  metrics: SessionMetricsJSON;
  /** The newest 5 security events, oldest first. */
  recent_security_events: SecurityEventJSON[];
}

/** What `getVersionInfo()` returns (an API object: camelCase keys). */
export interface VersionInfo {
  /** The mutation counter (see {@link Session.version}). */
  version: number;
  /** ISO timestamp of the last successful operation before this call. */
  lastAccessed: string;
}
