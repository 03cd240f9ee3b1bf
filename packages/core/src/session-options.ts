/** The options and result shapes of `Session`, and the schemas that check the options. */
import * as z from 'zod/mini';
import { type ContextOptions, contextOptionsShape } from './session-context.js';
import type { ClientBindingSummary } from './types/client-binding.js';
import { principalSchema } from './types/json-schemas.js';
import type { SecurityEventJSON } from './types/security-event.js';
import type { SessionMetricsJSON } from './types/session-metrics.js';

/** Options of `new Session(...)`. */
export interface SessionOptions extends ContextOptions {
  /** What the session is about (at most `limits.maxTopicLength` characters). */
  topic?: string | null | undefined;
  /** The authenticated identity the session belongs to; covered by the binding's signature. */
  principal?: string | null | undefined;
  /** Create a client binding (default true). Without one, `validateSecurity()` always passes. */
  createClientBinding?: boolean | undefined;
}

/** Options of `Session.restoreFromState(...)`: where keys, time and limits come from, and the unbound-state policy. */
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

/** What `getSessionInfo()` returns: a JSON document in the reference's snake_case keys. */
export interface SessionInfo {
  session_id: string;
  created_at: string;
  topic: string | null;
  version: number;
  thread_count: number;
  thread_names: string[];
  analysis_count: number;
  /** Events kept (the newest 100); `metrics.security_event_count` is the total. */
  security_event_count: number;
  client_binding: ClientBindingSummary | null;
  metrics: SessionMetricsJSON;
  recent_security_events: SecurityEventJSON[];
}

/** What `getVersionInfo()` returns. */
export interface VersionInfo {
  version: number;
  /** ISO timestamp of the last successful operation. */
  lastAccessed: string;
}

