/**
 * The zod schemas of the JSON forms (the old Python service's
 * snake_case `to_dict()` keys) and of the constructor inputs. They are the one
 * source of each shape's rules: `fromJSON`, restore and store loads all parse
 * with them, and `test/schema-shapes.test-d.ts` checks that the hand-written
 * JSON interfaces (kept by hand so the public types carry TSDoc and no zod
 * types) agree with what these schemas produce.
 *
 * Every schema is wrapped in `z.lazy`: built on first use, not at import.
 * Building them all up front costs ~10 ms, paid by every MCP server process
 * at start-up (`apps/bench`'s cold-import workload measures it).
 */
import * as z from 'zod/mini';
import { jsonObjectSchema, stringRecordSchema } from '../json-value.js';
import { timestampSchema } from '../timestamps.js';
import { CONTROL_CHARACTER, SESSION_ID_PATTERN } from '../validation.js';
import { ModelBackend } from './model-backend.js';

/** A `ModelBackend` value: `'bedrock'`, `'litellm'` or `'ollama'`. */
export const modelBackendSchema = z.lazy(() => z.enum([ModelBackend.BEDROCK, ModelBackend.LITELLM, ModelBackend.OLLAMA]));

const countSchema = z.lazy(() => z.int().check(z.nonnegative()));
const secondsSchema = z.lazy(() => z.number().check(z.nonnegative()));

/**
 * Thread (perspective) names are map keys and show up in prompts and logs:
 * 1..256 characters, no control characters, not `__proto__`.
 */
export const threadNameSchema = z.lazy(() =>
  z.string().check(
    z.minLength(1),
    z.maxLength(256),
    z.refine((name) => !CONTROL_CHARACTER.test(name), { message: 'expected no control characters (newlines, tabs, NUL)' }),
    z.refine((name) => name !== '__proto__', { message: '"__proto__" is reserved (it cannot be a key of the exported threads object)' }),
  ),
);

/** The authenticated identity a session belongs to: 1..512 characters, no control characters. */
export const principalSchema = z.lazy(() =>
  z.string().check(
    z.minLength(1),
    z.maxLength(512),
    z.refine((principal) => !CONTROL_CHARACTER.test(principal), { message: 'expected no control characters (newlines, tabs, NUL)' }),
  ),
);

/** A session id: 1..256 characters of `[A-Za-z0-9_.:-]` (`SESSION_ID_PATTERN`). */
export const sessionIdSchema = z.lazy(() => z.string().check(z.regex(SESSION_ID_PATTERN, { message: 'expected 1..256 characters of [A-Za-z0-9_.:-]' })));

export const conversationMessageSchema = z.lazy(() => z.object({ role: z.string(), content: z.string(), timestamp: timestampSchema }));

export const threadInitSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    name: threadNameSchema,
    systemPrompt: z.string(),
    modelBackend: modelBackendSchema,
    modelName: z.optional(z.nullable(z.string())),
    conversationHistory: z.optional(z.array(conversationMessageSchema)),
  }),
);

/**
 * A `ThreadJSON` document: `model_name` and `conversation_history` may
 * be missing, the name follows {@link threadNameSchema}, each message needs
 * an ISO 8601 timestamp. Unknown keys are dropped from the output.
 */
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

const signatureSchema = z.lazy(() => z.string().check(z.maxLength(128)));

export const clientBindingInitSchema = z.lazy(() =>
  z.object({
    sessionEntropy: z.string(),
    creationTimestamp: timestampSchema,
    bindingSignature: z.string(),
    signatureScheme: z.optional(z.enum(['hmac-sha256', 'pbkdf2-sha256'])),
    identitySignature: z.optional(z.nullable(signatureSchema)),
    principal: z.optional(z.nullable(principalSchema)),
    accessPatternHash: z.string(),
    toolUsageSequence: z.optional(z.array(z.string())),
    validationFailures: z.optional(countSchema),
    lastValidated: z.optional(z.union([timestampSchema, z.number()])),
    securityFlags: z.optional(z.array(z.string())),
  }),
);

/**
 * A `ClientBindingJSON` document: `session_entropy`,
 * `creation_timestamp`, `binding_signature` and `access_pattern_hash` are
 * required, the rest may be missing (a missing `signature_scheme` marks an
 * old PBKDF2 signature). It checks the shape only: whether the signatures
 * are genuine is `validateSecurity()`'s call.
 */
export const clientBindingJsonSchema = z.lazy(() =>
  z.object({
    session_entropy: z.string(),
    creation_timestamp: timestampSchema,
    binding_signature: z.string(),
    signature_scheme: z.optional(z.enum(['hmac-sha256', 'pbkdf2-sha256'])),
    identity_signature: z.optional(signatureSchema),
    principal: z.optional(principalSchema),
    access_pattern_hash: z.string(),
    tool_usage_sequence: z.optional(z.array(z.string())),
    validation_failures: z.optional(countSchema),
    last_validated: z.optional(timestampSchema),
    security_flags: z.optional(z.array(z.string())),
  }),
);

/**
 * A `SecurityEventJSON` document: a non-empty `type`, an ISO 8601
 * `timestamp`, and optional `details` that must be a plain JSON object
 * (copied on the way in).
 */
export const securityEventJsonSchema = z.lazy(() =>
  z.object({
    type: z.string().check(z.minLength(1)),
    timestamp: timestampSchema,
    details: z.optional(jsonObjectSchema),
  }),
);

/**
 * An `AnalysisRecordJSON` document: every key required, `responses` an
 * object of strings (copied on the way in), counts non-negative integers.
 */
export const analysisRecordJsonSchema = z.lazy(() =>
  z.object({
    prompt: z.string(),
    timestamp: timestampSchema,
    responses: stringRecordSchema,
    active_count: countSchema,
    abstained_count: countSchema,
  }),
);

/**
 * A `SessionMetricsJSON` document: every key may be missing; counts are
 * non-negative integers, response times non-negative numbers of seconds.
 */
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

/**
 * A `SessionStateJSON` document, as `Session.restoreFromState` reads
 * it: only `session_id` and `created_at` are required, every thread's `name`
 * must equal its key in `threads`, unknown keys are dropped from the output.
 * It checks the shape only; restoring also applies the policy (size limits,
 * no creation time in the future, a client binding unless `allowUnbound`).
 *
 * @example
 * ```ts
 * import { sessionStateJsonSchema } from '@sessionkit/core/schemas';
 *
 * const result = sessionStateJsonSchema.safeParse(JSON.parse(body));
 * if (!result.success) return reply(400, result.error.issues);
 * ```
 */
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
