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
  | 'SESSION_STORE_UNAVAILABLE';

export class SessionError extends Error {
  readonly code: SessionErrorCode;

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

export class SessionSecurityError extends SessionError {
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_SECURITY');
  }
}

export class SessionConcurrencyError extends SessionError {
  readonly expected: number | undefined;
  readonly actual: number | undefined;

  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_CONFLICT');
    this.expected = options?.expected;
    this.actual = options?.actual;
  }
}

export class SessionCleanupError extends SessionError {
  readonly errors: unknown[];

  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_CLEANUP');
    this.errors = options?.errors ?? [];
  }
}

export class SessionNotFoundError extends SessionError {
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_NOT_FOUND');
  }
}

export class SessionCapacityError extends SessionError {
  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_CAPACITY');
  }
}

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

export class SessionValidationError extends SessionError {
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, options?: SessionErrorOptions) {
    super(message, options, 'SESSION_INVALID_INPUT');
    this.issues = options?.issues ?? [];
  }
}
