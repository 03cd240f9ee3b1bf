/**
 * Every failure of a session tool reaches the client as an MCP tool error
 * (`isError: true`), never as a transport or protocol failure: the model reads
 * the text and can act on it, and programs branch on a stable code, given both
 * as the text's prefix (`SESSION_NOT_FOUND: …`) and in `_meta`.
 */
import { SessionError, SessionStateCorruptError } from '@sessionkit/core';

/** The `_meta` key of a tool error result that carries its code. */
export const ERROR_META_KEY = 'sessionkit/error';

/**
 * The codes this package reports. Tools may throw {@link McpToolError} with
 * codes of their own (upper-case, `_`-separated), which pass through unchanged.
 */
export const ERROR_CODES = {
  /** The handle is unknown, ended, or belongs to another principal (all three look the same). */
  notFound: 'SESSION_NOT_FOUND',
  /** The caller's own session outlived its TTL. */
  expired: 'SESSION_EXPIRED',
  /** The caller may not do this: unauthenticated where auth is required, or a session whose binding no longer validates. */
  forbidden: 'SESSION_FORBIDDEN',
  /** A concurrent change won (version mismatch), or an id already exists. Retrying may succeed. */
  conflict: 'SESSION_CONFLICT',
  /** An argument or a value written to the session is invalid; the message names the field. */
  invalidArgument: 'INVALID_ARGUMENT',
  /** The session pool is full. */
  capacity: 'SESSION_CAPACITY',
  /** The session store cannot be reached, or the manager is shut down. Retrying later may succeed. */
  unavailable: 'SESSION_UNAVAILABLE',
  /** A bug in the server: details go to the server's log, not to the client. */
  internal: 'INTERNAL_ERROR',
} as const;

/** One of {@link ERROR_CODES}, or a tool's own code. */
export type McpErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES] | (string & {});

const CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

// Recognised by a global brand, not only by instanceof: an app that loads this
// package twice (its ESM and its CommonJS build) still gets its codes through.
const BRAND = Symbol.for('@sessionkit/mcp.McpToolError');

/**
 * A refusal a tool reports itself (`PERSPECTIVE_EXISTS`, `OUT_OF_STOCK`, …),
 * or one of {@link ERROR_CODES}. Throw it from a tool's `run`: it becomes a
 * tool error with this code and message.
 */
export class McpToolError extends Error {
  /** Always `'McpToolError'`, so logs and stack traces name this class. */
  override readonly name = 'McpToolError';
  /**
   * What the client branches on: the text of the tool error starts with it
   * (`OUT_OF_STOCK: …`), and `_meta[ERROR_META_KEY].code` carries it.
   */
  readonly code: McpErrorCode;
  /** Whether the same call may succeed later (shown to programs in `_meta`). */
  readonly retryable: boolean;

  /**
   * @param code - One of {@link ERROR_CODES} or the tool's own: upper-case
   *   letters, digits and `_`, starting with a letter, at most 64 characters.
   * @param message - What the model is told after the code; keep secrets and
   *   internal details out of it.
   * @param options - `cause` (kept on the error, never shown to the client), and
   *   `retryable` (default false).
   * @throws TypeError when `code` is not of that form.
   */
  constructor(code: McpErrorCode, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (!CODE_PATTERN.test(code)) throw new TypeError(`McpToolError code: expected UPPER_SNAKE_CASE (e.g. OUT_OF_STOCK), received ${JSON.stringify(code)}`);
    this.code = code;
    this.retryable = options?.retryable ?? false;
  }

  /** @internal */
  get [BRAND](): true {
    return true;
  }

  /** Whether `value` is an McpToolError (from any copy of this package). */
  static is(value: unknown): value is McpToolError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** A tool error as both SDKs return it from a tool handler. */
export interface ToolErrorResult {
  /** Makes it assignable to both SDKs' tool result types, which are open objects; this package sets no other fields. */
  [key: string]: unknown;
  /** Always true: MCP's marker of a tool error (as opposed to a protocol error). */
  isError: true;
  /**
   * One text block for the model: `CODE: message`, followed by
   * `. To continue: <hint>` when the layer has a hint for that code.
   */
  content: [{ type: 'text'; text: string }];
  /** The code and whether a retry may succeed, for programs, under {@link ERROR_META_KEY}. */
  _meta: { [ERROR_META_KEY]: { code: string; retryable: boolean } };
}

/** Where a failure is logged; core's `Logger` fits. */
export interface ErrorLogger {
  /**
   * A refusal (any code but `INTERNAL_ERROR`): `<tool> refused: <code>`, with
   * the message shown to the client as `meta.message`. Whatever it throws is ignored.
   */
  debug(message: string, meta?: Record<string, unknown>): void;
  /**
   * An unexpected failure (`INTERNAL_ERROR`): `<tool> failed unexpectedly`,
   * with what was thrown as `meta.error` (the client is told none of it).
   * Whatever it throws is ignored.
   */
  error(message: string, meta?: Record<string, unknown>): void;
}

/** How core's error codes are reported to MCP clients. */
const CORE_CODES: Readonly<Record<string, { code: McpErrorCode; retryable: boolean }>> = {
  SESSION_NOT_FOUND: { code: ERROR_CODES.notFound, retryable: false },
  SESSION_EXPIRED: { code: ERROR_CODES.expired, retryable: false },
  SESSION_SECURITY: { code: ERROR_CODES.forbidden, retryable: false },
  SESSION_CONFLICT: { code: ERROR_CODES.conflict, retryable: true },
  SESSION_EXISTS: { code: ERROR_CODES.conflict, retryable: false },
  SESSION_INVALID_INPUT: { code: ERROR_CODES.invalidArgument, retryable: false },
  SESSION_CAPACITY: { code: ERROR_CODES.capacity, retryable: true },
  SESSION_STORE_UNAVAILABLE: { code: ERROR_CODES.unavailable, retryable: true },
  SESSION_CLOSED: { code: ERROR_CODES.unavailable, retryable: true },
  SESSION_TIMEOUT: { code: ERROR_CODES.unavailable, retryable: true },
};

/** What the client sees of a failure: a code, a message, whether to retry. */
export interface ReportedError {
  /** An {@link McpToolError}'s own code, core's error code mapped to one of {@link ERROR_CODES}, or `INTERNAL_ERROR`. */
  code: McpErrorCode;
  /** The error's message after `redact`; for `INTERNAL_ERROR`, a fixed text that gives no details away. */
  message: string;
  /** Whether the same call may succeed later: an McpToolError's `retryable`, or per core code (conflicts, capacity, an unavailable store). */
  retryable: boolean;
}

/**
 * Classifies anything a tool threw. `redact` rewrites a core message before
 * it is shown (the layer replaces internal storage keys with the handle).
 *
 * @param error - What was thrown: an {@link McpToolError} keeps its code; a core
 *   `SessionError` with a known code is mapped to one of {@link ERROR_CODES};
 *   a `SessionStateCorruptError` (damaged data in the store) and anything else
 *   are `INTERNAL_ERROR`.
 * @param redact - Applied to the message of the first two (default: unchanged).
 * @returns What the client is shown.
 */
export function reportError(error: unknown, redact: (message: string) => string = (message) => message): ReportedError {
  if (McpToolError.is(error)) return { code: error.code, message: redact(error.message), retryable: error.retryable };
  // Damaged data in the store is the server's fault, not the request's: an internal error, logged, with no storage key shown.
  if (error instanceof SessionStateCorruptError) return INTERNAL;
  if (error instanceof SessionError) {
    const mapped = CORE_CODES[error.code];
    if (mapped !== undefined) return { ...mapped, message: redact(error.message) };
  }
  return INTERNAL;
}

const INTERNAL: ReportedError = Object.freeze({
  code: ERROR_CODES.internal,
  message: 'the tool failed unexpectedly; the details are in the server log',
  retryable: false,
});

/**
 * The tool error result for `error`. Internal errors are logged with their
 * details under `toolName`; refusals are logged at debug level.
 *
 * @param toolName - The tool that failed, named in the log messages.
 * @param error - What was thrown (classified by {@link reportError}).
 * @param options - `logger` (none: nothing is logged; a logger that throws is
 *   ignored), `hints` (text appended per code, `. To continue: <hint>`), and
 *   `redact` (passed to {@link reportError}).
 */
export function toolErrorResult(
  toolName: string,
  error: unknown,
  options: { logger?: ErrorLogger | undefined; hints?: Readonly<Partial<Record<string, string>>> | undefined; redact?: (message: string) => string } = {},
): ToolErrorResult {
  const reported = reportError(error, options.redact);
  try {
    if (reported.code === ERROR_CODES.internal) options.logger?.error(`${toolName} failed unexpectedly`, { error });
    else options.logger?.debug(`${toolName} refused: ${reported.code}`, { message: reported.message });
  } catch {
    // A logger that throws must not turn a tool error into a transport failure.
  }
  const hint = options.hints?.[reported.code];
  return {
    isError: true,
    content: [{ type: 'text', text: `${reported.code}: ${reported.message}${hint === undefined ? '' : `. To continue: ${hint}`}` }],
    _meta: { [ERROR_META_KEY]: { code: reported.code, retryable: reported.retryable } },
  };
}
