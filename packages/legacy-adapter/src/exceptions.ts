/**
 * The old exception names ARE core's classes, not copies or subclasses, so a
 * `catch`/`instanceof` written with either name catches errors thrown under
 * the other, on both sides of the bridge:
 *
 * | old name | core class | `code` |
 * |---|---|---|
 * | `SessionError` | `SessionError` | `SESSION_ERROR` (and the base of every other) |
 * | `SessionCleanupError` | `SessionCleanupError` | `SESSION_CLEANUP` |
 * | `SecurityError` | `SessionSecurityError` | `SESSION_SECURITY` |
 * | `ConcurrencyError` | `SessionConcurrencyError` | `SESSION_CONFLICT` |
 *
 * The old constructors took `(message, context?)`. Core's take
 * `(message, options?)` and ignore keys they do not know, so the old call
 * still runs; the types below also accept it, so old code still compiles.
 * The context object itself is not kept (there is no `error.context`).
 */
import {
  SessionCleanupError as CoreSessionCleanupError,
  SessionConcurrencyError,
  SessionError as CoreSessionError,
  SessionSecurityError,
} from '@sessionkit/core';

/** A core error class whose type also accepts the old `(message, context?)` call. */
export type WithOldConstructor<C extends abstract new (...args: never[]) => Error> = C &
  (new (message: string, context?: Record<string, unknown>) => InstanceType<C>);

/** The old base error: core's `SessionError` itself (so `catch`/`instanceof` work on both sides of the bridge). */
export const SessionError = CoreSessionError as WithOldConstructor<typeof CoreSessionError>;
/** The old base error: core's `SessionError` itself. */
export type SessionError = CoreSessionError;

/** The old cleanup error: core's `SessionCleanupError` itself (its failures in `.errors`). */
export const SessionCleanupError = CoreSessionCleanupError as WithOldConstructor<typeof CoreSessionCleanupError>;
/** The old cleanup error: core's `SessionCleanupError` itself. */
export type SessionCleanupError = CoreSessionCleanupError;

/** The old security error: core's `SessionSecurityError` under its old name. */
export const SecurityError = SessionSecurityError as WithOldConstructor<typeof SessionSecurityError>;
/** The old security error: core's `SessionSecurityError` under its old name. */
export type SecurityError = SessionSecurityError;

/** The old version-conflict error: core's `SessionConcurrencyError` under its old name. */
export const ConcurrencyError = SessionConcurrencyError as WithOldConstructor<typeof SessionConcurrencyError>;
/** The old version-conflict error: core's `SessionConcurrencyError` under its old name. */
export type ConcurrencyError = SessionConcurrencyError;
