/**
 * The session layer: mints handles for core sessions, resolves them for the
 * caller that minted them, keeps one per-user bucket per principal, and lists
 * a caller's own sessions. SDK-agnostic; the `v2` and `v1` adapters feed it
 * each tool call's authentication.
 */
import {
  type CreateSessionOptions,
  type Logger,
  type Session,
  type SessionInfo,
  SessionExpiredError,
  SessionNotFoundError,
  SimpleSessionManager,
  silentLogger,
} from '@sessionkit/core';
import { z } from 'zod';
import { ERROR_CODES, McpToolError } from './errors.js';
import { assertHandle, mintHandle } from './handles.js';
import { defaultPrincipal, type McpAuthInfo, type Principal, PrincipalBinding, type PrincipalResolver, type UnauthenticatedPolicy } from './principal.js';

/** Options of {@link createSessionLayer}. */
export interface SessionLayerOptions {
  /** Where sessions live: in memory by default, or a manager with `@sessionkit/store-redis` as its `store` for replicas. */
  manager: SimpleSessionManager;
  /** What an unauthenticated caller is (required: there is no safe default). See {@link UnauthenticatedPolicy}. */
  unauthenticated: UnauthenticatedPolicy;
  /** Who an authenticated caller is (default {@link defaultPrincipal}: the token subject, else the client id). */
  principal?: PrincipalResolver | undefined;
  /** Where per-user buckets live (default: `manager`). A manager of their own gives them their own TTL and capacity. */
  userManager?: SimpleSessionManager | undefined;
  /** Name of the handle argument and result field (default `session_id`). */
  handleArgument?: string | undefined;
  /** What the model is told about the handle argument. */
  handleDescription?: string | undefined;
  /** Check each session's client binding (`session.validateSecurity(toolName)`) on every call (default true). */
  validateBinding?: boolean | undefined;
  /** Where refusals (debug) and internal errors (error) are logged (default: silent). */
  logger?: Logger | undefined;
  /** Text appended to an error of that code (`To continue: …`), e.g. `{ SESSION_NOT_FOUND: 'start one with start_cart' }`. */
  hints?: Readonly<Partial<Record<string, string>>> | undefined;
}

/** One of the caller's live sessions, as {@link SessionLayer.list} reports it. */
export interface SessionListing {
  /** The session's handle, as its tools take it. */
  handle: string;
  /** ISO time the session expires (creation + the manager's TTL). */
  expiresAt: string;
  /** Core's summary of the session, its `session_id` replaced by the handle (the storage key is never shown). */
  info: SessionInfo;
}

/** A session a tool just created: its handle, and when it expires. */
export interface MintedSession {
  /** The new handle (43 base64url characters); a `'create'` tool's result carries it under the layer's `handleArgument`. */
  handle: string;
  /** The core session, stored under the principal's key for this handle. */
  session: Session;
  /** When it expires (ISO 8601): its creation time plus the manager's TTL. */
  expiresAt: string;
}

/** The options a tool may pass when it creates a session (the principal is the layer's business). */
export type SessionCreateOptions = Omit<CreateSessionOptions, 'principal'>;

const optionsSchema = z.strictObject({
  manager: z.instanceof(SimpleSessionManager, { message: 'expected a SimpleSessionManager from @sessionkit/core' }),
  unauthenticated: z.enum(['bearer', 'reject'], { message: "expected 'bearer' or 'reject'" }),
  principal: z.optional(z.function()),
  userManager: z.optional(z.instanceof(SimpleSessionManager, { message: 'expected a SimpleSessionManager from @sessionkit/core' })),
  handleArgument: z.optional(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { message: 'expected an argument name such as session_id' })),
  handleDescription: z.optional(z.string().min(1)),
  validateBinding: z.optional(z.boolean()),
  logger: z.optional(z.custom<Logger>((value) => typeof value === 'object' && value !== null, { message: 'expected a Logger' })),
  hints: z.optional(z.record(z.string(), z.string())),
});

const DEFAULT_HANDLE_DESCRIPTION = 'The session handle returned when this session was started. Pass it back unchanged.';

/** Thrown by {@link createSessionLayer} for bad options, naming the field. */
export class SessionLayerOptionsError extends TypeError {
  /** Always `'SessionLayerOptionsError'`, so logs and stack traces name this class. */
  override readonly name = 'SessionLayerOptionsError';
}

/**
 * Builds a {@link SessionLayer}.
 *
 * @throws {@link SessionLayerOptionsError} naming the first bad option (an
 *   unknown one included).
 */
export function createSessionLayer(options: SessionLayerOptions): SessionLayer {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SessionLayerOptionsError(`createSessionLayer: ${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid'}`);
  }
  return new SessionLayer(options);
}

/** Sessions for MCP tools, bound to their principal. Build it with {@link createSessionLayer}. */
export class SessionLayer {
  /** The manager the sessions live in (the `manager` option); its TTL sets their expiry. */
  readonly manager: SimpleSessionManager;
  /** The manager of the per-user buckets: the `userManager` option, else {@link SessionLayer.manager}. */
  readonly userManager: SimpleSessionManager;
  /** The handle argument of `'required'` tools and result field of `'create'` tools (default `session_id`). */
  readonly handleArgument: string;
  /** The description of the handle argument in `'required'` tools' input schemas. */
  readonly handleDescription: string;
  /** Whether each session's client binding is checked (`validateSecurity(toolName)`) when it is created, opened or used as a user bucket (default true). */
  readonly validateBinding: boolean;
  /** Where tool errors are logged (refusals at debug, internal errors at error, a failed rollback at warn); silent by default. */
  readonly logger: Logger;
  /** Text appended to a tool error of each code (`. To continue: <hint>`); empty by default. */
  readonly hints: Readonly<Partial<Record<string, string>>>;
  readonly #binding: PrincipalBinding;

  /** @internal use {@link createSessionLayer}, which validates the options. */
  constructor(options: SessionLayerOptions) {
    this.manager = options.manager;
    this.userManager = options.userManager ?? options.manager;
    this.handleArgument = options.handleArgument ?? 'session_id';
    this.handleDescription = options.handleDescription ?? DEFAULT_HANDLE_DESCRIPTION;
    this.validateBinding = options.validateBinding ?? true;
    this.logger = options.logger ?? silentLogger;
    this.hints = options.hints ?? {};
    this.#binding = new PrincipalBinding(options.principal ?? defaultPrincipal, options.unauthenticated);
  }

  /** The caller of a tool call, from the SDK's authentication (undefined: none). */
  identify(auth: McpAuthInfo | undefined): Principal {
    return this.#binding.identify(auth);
  }

  /** Creates a session for `principal` under a new handle. */
  async create(principal: Principal, toolName: string, options: SessionCreateOptions = {}): Promise<MintedSession> {
    const handle = mintHandle();
    const session = await this.manager.createSession(this.#binding.sessionKey(principal, handle), {
      ...options,
      ...this.#binding.createOptions(principal),
    });
    if (this.validateBinding) await session.validateSecurity(toolName);
    return { handle, session, expiresAt: this.expiresAt(session) };
  }

  /**
   * `principal`'s session `handle`, its binding checked for `toolName`.
   * `SESSION_NOT_FOUND` for a handle that is unknown, ended, or another
   * principal's (one code path for all three); `SESSION_EXPIRED` for the
   * caller's own expired session; `INVALID_ARGUMENT` for a malformed handle.
   */
  async open(principal: Principal, handle: unknown, toolName: string): Promise<Session> {
    assertHandle(handle, this.handleArgument);
    let session: Session;
    try {
      session = await this.manager.requireSession(this.#binding.sessionKey(principal, handle));
    } catch (error) {
      throw this.#notFound(error, handle);
    }
    if (!this.#binding.owns(session, principal)) throw this.#notFound(new SessionNotFoundError('not owned'), handle);
    if (this.validateBinding) await session.validateSecurity(toolName);
    return session;
  }

  /** `principal`'s per-user bucket, created on first use. Lives for its manager's TTL, then starts again empty. */
  async user(principal: Principal, toolName: string): Promise<Session> {
    const key = this.#binding.userKey(principal);
    let session = await this.userManager.getSession(key);
    if (session === null) {
      try {
        session = await this.userManager.createSession(key, this.#binding.createOptions(principal));
      } catch (error) {
        // Another call (or replica) created it first: use theirs.
        if (!(error instanceof Error && 'code' in error && error.code === 'SESSION_EXISTS')) throw error;
        session = await this.userManager.requireSession(key);
      }
    }
    if (!this.#binding.owns(session, principal)) throw new McpToolError(ERROR_CODES.forbidden, 'the per-user state does not belong to this caller');
    if (this.validateBinding) await session.validateSecurity(toolName);
    return session;
  }

  /** `principal`'s live sessions (not their user bucket), oldest first. Reads every live session: O(pool size). */
  async list(principal: Principal): Promise<SessionListing[]> {
    const infos = await this.manager.listActiveSessions();
    const listings: SessionListing[] = [];
    for (const [key, info] of Object.entries(infos)) {
      const handle = this.#binding.handleOf(principal, key);
      if (handle === null) continue;
      listings.push({ handle, info: { ...info, session_id: handle }, expiresAt: this.#expiry(Date.parse(info.created_at), this.manager) });
    }
    return listings.sort((a, b) => Date.parse(a.info.created_at) - Date.parse(b.info.created_at));
  }

  /** Removes `principal`'s session `handle`; false if it was not there. */
  async end(principal: Principal, handle: string): Promise<boolean> {
    assertHandle(handle, this.handleArgument);
    return this.manager.removeSession(this.#binding.sessionKey(principal, handle));
  }

  /** When `session` expires: its creation time plus its manager's TTL (ISO 8601). */
  expiresAt(session: Session): string {
    return this.#expiry(session.createdAtMs, this.manager);
  }

  /** When a per-user bucket expires. */
  userExpiresAt(session: Session): string {
    return this.#expiry(session.createdAtMs, this.userManager);
  }

  #expiry(createdAtMs: number, manager: SimpleSessionManager): string {
    return new Date(createdAtMs + manager.sessionTtlHours * 3_600_000).toISOString();
  }

  /** Core's "not found" (or "expired") for a storage key, as the client may see it: naming the handle only. */
  #notFound(error: unknown, handle: string): unknown {
    if (!(error instanceof SessionNotFoundError)) return error;
    if (error instanceof SessionExpiredError) {
      return new McpToolError(ERROR_CODES.expired, `session '${handle}' has expired`, { cause: error });
    }
    return new McpToolError(ERROR_CODES.notFound, `no session '${handle}' (it never existed, was ended, or expired)`, { cause: error });
  }
}
