/**
 * Every error @sessionkit/core throws is a `SessionError` with a stable
 * `code`, so callers can branch on `err.code` or `instanceof` alike.
 */

export interface SessionErrorOptions {
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
  path: readonly PropertyKey[];
  message: string;
  code?: string;
}

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

  /** @param code for subclasses; a plain `SessionError` has `SESSION_ERROR`. */
  constructor(message: string, options?: SessionErrorOptions, code: SessionErrorCode = 'SESSION_ERROR') {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }

  /** Wraps anything thrown by user code so operations only ever reject with a SessionError. */
  static wrap(error: unknown, message: string): SessionError {
    if (error instanceof SessionError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    return new SessionError(`${message}: ${detail}`, { cause: error });
  }
}

/** A client binding failed validation, or the session is flagged suspicious and refused. */
export class SessionSecurityError extends SessionError {
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
  readonly expected: number | undefined;
  readonly actual: number | undefined;

  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_CONFLICT');
    this.expected = options?.expected;
    this.actual = options?.actual;
  }
}

/** Cleanup steps failed; every failure is in `errors`. Thrown by `shutdown()` after everything was removed. */
export class SessionCleanupError extends SessionError {
  readonly errors: unknown[];

  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_CLEANUP');
    this.errors = options?.errors ?? [];
  }
}

/** No such session in the pool: it never existed, or it was removed. Writes to a removed `Session` object reject with it too. */
export class SessionNotFoundError extends SessionError {
  /** @param code for {@link SessionExpiredError}. */
  constructor(message: string, options?: SessionErrorOptions, code: 'SESSION_NOT_FOUND' | 'SESSION_EXPIRED' = 'SESSION_NOT_FOUND') {
    super(message, options, code);
  }
}

/** The pool (or, with a store, every process together) holds `maxSessions` live sessions and none has expired. */
export class SessionCapacityError extends SessionError {
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_CAPACITY');
  }
}

/** A live session already has this id. */
export class SessionExistsError extends SessionError {
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
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_STORE_UNAVAILABLE');
  }
}

/** Bad input: an id, an option, an argument, a restored or stored state, or an update that left the state invalid. `issues` names each bad field. */
/**
 * The session outlived its TTL. A subclass of {@link SessionNotFoundError}
 * (an expired session is gone), with its own code so a caller can tell the
 * user "start a new one" rather than "no such session".
 */
export class SessionExpiredError extends SessionNotFoundError {
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_EXPIRED');
  }
}

/** The manager was shut down: it creates, adds and restores no more sessions. */
export class SessionClosedError extends SessionError {
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
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_REENTRANT');
  }
}

export class SessionValidationError extends SessionError {
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_INVALID_INPUT');
    this.issues = options?.issues ?? [];
  }
}
