/**
 * Every error @sessionkit/core throws is a `SessionError` with a stable
 * `code`, so callers can branch on `err.code` or `instanceof` alike.
 */

/**
 * The second argument of every error class's constructor. Each class reads the
 * fields it exposes and ignores the rest.
 */
export interface SessionErrorOptions {
  /** The underlying failure, kept as the standard `Error#cause`. */
  cause?: unknown;
  /** Version the caller expected (SessionConcurrencyError). */
  expected?: number;
  /** Version the session actually had (SessionConcurrencyError). */
  actual?: number;
  /** Every failure collected by a cleanup (SessionCleanupError). */
  errors?: unknown[];
  /** Validation issues, as reported by zod (SessionValidationError). */
  issues?: readonly ValidationIssue[];
}

/** One problem found while validating input; `path` locates the bad field. */
export interface ValidationIssue {
  /**
   * Where the bad field is, as keys and array indices from the top of the
   * input: `['threads', 'technical', 'model_backend']`. Empty when the input
   * as a whole is at fault (a state over `limits.maxStateSize`, say).
   */
  path: readonly PropertyKey[];
  /** The problem as a sentence that starts with the dotted path: `threads.technical.model_backend: expected one of bedrock|litellm|ollama`. */
  message: string;
  /** zod's issue code (`invalid_type`, `too_big`, `unrecognized_keys`, ...) when a schema found it; absent for core's own checks. */
  code?: string;
}

/**
 * The stable `code` of every {@link SessionError}, one per class:
 *
 * - `SESSION_ERROR`: {@link SessionError} itself (a wrapped non-session failure).
 * - `SESSION_SECURITY`: {@link SessionSecurityError}.
 * - `SESSION_CONFLICT`: {@link SessionConcurrencyError}.
 * - `SESSION_CLEANUP`: {@link SessionCleanupError}.
 * - `SESSION_NOT_FOUND`: {@link SessionNotFoundError}.
 * - `SESSION_CAPACITY`: {@link SessionCapacityError}.
 * - `SESSION_EXISTS`: {@link SessionExistsError}.
 * - `SESSION_INVALID_INPUT`: {@link SessionValidationError}.
 * - `SESSION_STORE_UNAVAILABLE`: {@link SessionStoreUnavailableError}.
 * - `SESSION_EXPIRED`: {@link SessionExpiredError}.
 * - `SESSION_CLOSED`: {@link SessionClosedError}.
 * - `SESSION_TIMEOUT`: {@link SessionTimeoutError}.
 * - `SESSION_REENTRANT`: {@link SessionReentrancyError}.
 */
export type SessionErrorCode =
  | 'SESSION_ERROR'
  | 'SESSION_SECURITY'
  | 'SESSION_CONFLICT'
  | 'SESSION_CLEANUP'
  | 'SESSION_NOT_FOUND'
  | 'SESSION_CAPACITY'
  | 'SESSION_EXISTS'
  | 'SESSION_INVALID_INPUT'
  | 'SESSION_STORE_UNAVAILABLE'
  | 'SESSION_EXPIRED'
  | 'SESSION_CLOSED'
  | 'SESSION_TIMEOUT'
  | 'SESSION_REENTRANT';

/**
 * The base class. `code` is stable across releases: branch on it (or on
 * `instanceof`), never on the message, which may be reworded.
 *
 * @example
 * ```ts
 * try {
 *   await manager.requireSession(id);
 * } catch (error) {
 *   if (error instanceof SessionError && error.code === 'SESSION_EXPIRED') startOver();
 *   else throw error;
 * }
 * ```
 */
export class SessionError extends Error {
  /** A stable machine-readable code; see {@link SessionErrorCode}. */
  readonly code: SessionErrorCode;

  /**
   * @param message - What went wrong, for people (it may be reworded between releases).
   * @param options - `cause`, and the fields a subclass exposes.
   * @param code - For subclasses; a plain `SessionError` has `SESSION_ERROR`.
   */
  constructor(message: string, options?: SessionErrorOptions, code: SessionErrorCode = 'SESSION_ERROR') {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }

  /**
   * Wraps anything thrown by user code so operations only ever reject with a SessionError.
   * @param error - What was thrown.
   * @param message - The context, prefixed to the wrapped error's own message.
   * @returns `error` itself when it already is a SessionError; otherwise a new
   * SessionError `<message>: <error's message>` with `error` as its `cause`.
   */
  static wrap(error: unknown, message: string): SessionError {
    if (error instanceof SessionError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    return new SessionError(`${message}: ${detail}`, { cause: error });
  }
}

/** A client binding failed validation, or the session is flagged suspicious and refused. */
export class SessionSecurityError extends SessionError {
  /**
   * @param message - What went wrong, for people.
   * @param options - `cause` (the underlying failure).
   */
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_SECURITY');
  }
}

/**
 * A version conflict: `atomicUpdate(fn, expectedVersion)` found another
 * version (`expected`, `actual`), or a store write kept conflicting with other
 * writers until its retries ran out.
 */
export class SessionConcurrencyError extends SessionError {
  /** The version the caller expected (`expectedVersion`); undefined when store retries ran out. */
  readonly expected: number | undefined;
  /** The version the session had when the check failed. */
  readonly actual: number | undefined;

  /**
   * @param message - What went wrong, for people.
   * @param options - `cause`, `expected` and `actual`.
   */
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_CONFLICT');
    this.expected = options?.expected;
    this.actual = options?.actual;
  }
}

/** Cleanup steps failed; every failure is in `errors`. Thrown by `shutdown()` after everything was removed. */
export class SessionCleanupError extends SessionError {
  /** Every failure collected, in the order the cleanups reported them (each as it was thrown). */
  readonly errors: unknown[];

  /**
   * @param message - What went wrong, for people.
   * @param options - `cause` and `errors`.
   */
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_CLEANUP');
    this.errors = options?.errors ?? [];
  }
}

/** No such session in the pool: it never existed, or it was removed. Writes to a removed `Session` object reject with it too. */
export class SessionNotFoundError extends SessionError {
  /**
   * @param message - What went wrong, for people.
   * @param options - `cause`.
   * @param code - For {@link SessionExpiredError}; `SESSION_NOT_FOUND` otherwise.
   */
  constructor(message: string, options?: SessionErrorOptions, code: 'SESSION_NOT_FOUND' | 'SESSION_EXPIRED' = 'SESSION_NOT_FOUND') {
    super(message, options, code);
  }
}

/** The pool (or, with a store, every process together) holds `maxSessions` live sessions and none has expired. */
export class SessionCapacityError extends SessionError {
  /**
   * @param message - What went wrong, for people.
   * @param options - `cause` (the underlying failure).
   */
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_CAPACITY');
  }
}

/** A live session already has this id. */
export class SessionExistsError extends SessionError {
  /**
   * @param message - What went wrong, for people.
   * @param options - `cause` (the underlying failure).
   */
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_EXISTS');
  }
}

/**
 * A shared store (e.g. Redis) could not be reached, or did not confirm a write
 * in time. A write is applied whole or not at all; after a timeout the caller
 * cannot tell which. The local copy keeps the last confirmed state (and keeps
 * serving reads); if the write did land, the next write's compare-and-set
 * finds and adopts it. Retrying a non-idempotent call (such as
 * `recordAnalysis`) after this error may apply it twice.
 */
export class SessionStoreUnavailableError extends SessionError {
  /**
   * @param message - What went wrong, for people.
   * @param options - `cause` (the underlying failure).
   */
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_STORE_UNAVAILABLE');
  }
}

/**
 * The session outlived its TTL. A subclass of {@link SessionNotFoundError}
 * (an expired session is gone), with its own code so a caller can tell the
 * user "start a new one" rather than "no such session".
 */
export class SessionExpiredError extends SessionNotFoundError {
  /**
   * @param message - What went wrong, for people.
   * @param options - `cause` (the underlying failure).
   */
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_EXPIRED');
  }
}

/** The manager was shut down: it creates, adds and restores no more sessions. */
export class SessionClosedError extends SessionError {
  /**
   * @param message - What went wrong, for people.
   * @param options - `cause` (the underlying failure).
   */
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_CLOSED');
  }
}

/**
 * A user callback (an `atomicUpdate` function, a cleanup callback) did not
 * settle within its bound (`timeouts` option). The session's lock was
 * released; an update that timed out was rolled back.
 */
export class SessionTimeoutError extends SessionError {
  /**
   * @param message - What went wrong, for people.
   * @param options - `cause` (the underlying failure).
   */
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_TIMEOUT');
  }
}

/**
 * An operation was called on a session from inside that session's own
 * `atomicUpdate` function. It would wait for the update that is waiting for
 * it; it fails fast instead. Change the `state` the function receives, or
 * call the operation after the update resolves.
 */
export class SessionReentrancyError extends SessionError {
  /**
   * @param message - What went wrong, for people.
   * @param options - `cause` (the underlying failure).
   */
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_REENTRANT');
  }
}

/**
 * Bad input: an id, an option, an argument, a restored or stored state, or an
 * update that left the state invalid. The message names the first bad field;
 * `issues` lists every one found.
 *
 * @example
 * ```ts
 * try {
 *   await Session.restoreFromState(untrusted);
 * } catch (error) {
 *   if (error instanceof SessionValidationError) console.error(error.issues.map((issue) => issue.message));
 *   else throw error;
 * }
 * ```
 */
export class SessionValidationError extends SessionError {
  /** Every problem found, each with the path of its field. */
  readonly issues: readonly ValidationIssue[];

  /**
   * @param message - What went wrong, for people.
   * @param options - `cause` and `issues`.
   */
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_INVALID_INPUT');
    this.issues = options?.issues ?? [];
  }
}

/**
 * A session's state as a {@link SessionStore} holds it does not restore: it
 * was damaged or written by something else. The fault is the store's, not the
 * caller's, so servers should report it as an internal error and alert an
 * operator rather than blame the request. Thrown when a stored state fails
 * validation on load; `@sessionkit/store-redis`'s `CorruptSessionDataError`
 * is one.
 *
 * @example
 * ```ts
 * try {
 *   await manager.getSession(id);
 * } catch (error) {
 *   if (error instanceof SessionStateCorruptError) logger.error('damaged session in the store', { error });
 *   throw error;
 * }
 * ```
 */
export class SessionStateCorruptError extends SessionValidationError {
  /** The session whose stored state is damaged (undefined when the damage is not one session's, such as an index). */
  readonly sessionId: string | undefined;

  /**
   * @param message - What is damaged, for operators.
   * @param options - `cause`, `issues`, and `sessionId`.
   */
  constructor(message: string, options?: SessionErrorOptions & { sessionId?: string | undefined }) {
    super(message, options);
    this.sessionId = options?.sessionId;
  }
}
