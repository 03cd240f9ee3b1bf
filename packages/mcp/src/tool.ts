/**
 * Session tools, defined once and registered on either SDK: a name, the
 * tool's own schemas, which session it needs, and a `run` that receives the
 * parsed arguments and a typed context (the session, the principal, the
 * per-user bucket).
 */
import type { Session } from '@sessionkit/core';
import type { z } from 'zod';
import type { Principal } from './principal.js';
import type { ObjectSchemaInput } from './schemas.js';
import type { SessionCreateOptions, SessionLayer, SessionListing } from './session-layer.js';

/**
 * Which session a tool works on:
 * - `'create'`: it starts one: `ctx.createSession()`, and the result gets the
 *   new handle and `session_expires_at`.
 * - `'required'`: it takes the handle argument, resolved to `ctx.session`
 *   before `run` (unknown, foreign or expired handles never reach `run`).
 * - absent: no handle; the per-user bucket (`ctx.user()`) is there for every tool.
 */
export type SessionMode = 'create' | 'required';

/** What every session tool's `run` gets. */
export interface BaseToolContext {
  /** Who is calling. */
  readonly principal: Principal;
  /** Aborted when the client cancels the call. */
  readonly signal: AbortSignal;
  /** The caller's per-user bucket (one core Session per principal), created on first use. */
  user(): Promise<Session>;
  /** The caller's own live sessions (never anyone else's). */
  listSessions(): Promise<SessionListing[]>;
  /** The layer, for what the context does not cover. */
  readonly layer: SessionLayer;
  /** The SDK's own handler context (v2 `ServerContext`, v1 `RequestHandlerExtra`). */
  readonly request: unknown;
}

/** The context of a `'create'` tool. */
export interface CreateToolContext extends BaseToolContext {
  /** Creates this call's session (once per call); its handle is added to the result. Rolled back if `run` then fails. */
  createSession(options?: SessionCreateOptions): Promise<Session>;
}

/** The context of a `'required'` tool. */
export interface RequiredToolContext extends BaseToolContext {
  /** The session the handle argument names, its binding already checked. */
  readonly session: Session;
  /** The handle argument. */
  readonly handle: string;
  /** When the session expires (ISO 8601). */
  readonly expiresAt: string;
  /** Ends the session: it is removed everywhere and its handle is unknown afterwards. */
  endSession(): Promise<void>;
}

/** The context `run` gets for a mode. */
export type ToolContextFor<Mode extends SessionMode | undefined> = Mode extends 'create'
  ? CreateToolContext
  : Mode extends 'required'
    ? RequiredToolContext
    : BaseToolContext;

/** The parsed arguments of an input schema. */
export type ArgsOf<Input extends ObjectSchemaInput | undefined> = Input extends z.ZodObject
  ? z.output<Input>
  : Input extends z.ZodRawShape
    ? z.output<z.ZodObject<Input>>
    : Record<string, never>;

/** What `run` returns for an output schema: its input type, or any JSON object without one. */
export type ResultOf<Output extends ObjectSchemaInput | undefined> = Output extends z.ZodObject
  ? z.input<Output>
  : Output extends z.ZodRawShape
    ? z.input<z.ZodObject<Output>>
    : Record<string, unknown>;

/** MCP tool annotations (the same in both SDKs). */
export interface ToolAnnotations {
  /** A human-readable title for the tool. */
  title?: string;
  /** If true, the tool does not modify its environment (default false). */
  readOnlyHint?: boolean;
  /** If true, the tool may perform destructive updates; if false, only additive ones. Meaningful when `readOnlyHint` is false (default true). */
  destructiveHint?: boolean;
  /** If true, calling it again with the same arguments has no further effect. Meaningful when `readOnlyHint` is false (default false). */
  idempotentHint?: boolean;
  /** If true, the tool interacts with an open world of external entities; if false, its domain is closed (default true). */
  openWorldHint?: boolean;
}

/** A session tool: register it with `registerSessionTools` from `@sessionkit/mcp/v2` or `/v1`. */
export interface SessionTool<
  Input extends ObjectSchemaInput | undefined = ObjectSchemaInput | undefined,
  Output extends ObjectSchemaInput | undefined = ObjectSchemaInput | undefined,
  Mode extends SessionMode | undefined = SessionMode | undefined,
> {
  /** The MCP tool name it is registered under. */
  readonly name: string;
  /** A human-readable name for clients to display. */
  readonly title?: string | undefined;
  /** What the model is told the tool does. */
  readonly description?: string | undefined;
  /** The tool's own arguments (the handle argument is added for `'required'` tools). */
  readonly inputSchema?: Input;
  /** The tool's own result (the handle and expiry are added for `'create'` tools). */
  readonly outputSchema?: Output;
  /** Behaviour hints for clients, registered unchanged. */
  readonly annotations?: ToolAnnotations | undefined;
  /** The tool's `_meta`, registered unchanged. */
  readonly _meta?: Record<string, unknown> | undefined;
  /** Which session it works on (see {@link SessionMode}); absent: no handle, the per-user bucket only. */
  readonly session?: Mode;
  /** The tool. Returns its structured result (sent as `structuredContent` and as JSON text); throws to refuse. */
  run(args: ArgsOf<Input>, ctx: ToolContextFor<Mode>): ResultOf<Output> | Promise<ResultOf<Output>>;
}

/** Defines a session tool, with its argument and context types inferred. */
export function defineSessionTool<
  Input extends ObjectSchemaInput | undefined = undefined,
  Output extends ObjectSchemaInput | undefined = undefined,
  Mode extends SessionMode | undefined = undefined,
>(tool: SessionTool<Input, Output, Mode>): SessionTool<Input, Output, Mode> {
  return tool;
}

/** Any session tool, whatever its types (for lists of tools). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- run's parameter types differ per tool
export type AnySessionTool = SessionTool<any, any, any>;
