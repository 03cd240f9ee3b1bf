import { describe, expect, it } from 'vitest';
import {
  SessionCapacityError,
  SessionCleanupError,
  SessionConcurrencyError,
  SessionError,
  SessionExistsError,
  SessionNotFoundError,
  SessionSecurityError,
  SessionValidationError,
} from '../src/index.js';

describe('error classes', () => {
  it.each([
    [SessionError, 'SESSION_ERROR'],
    [SessionSecurityError, 'SESSION_SECURITY'],
    [SessionConcurrencyError, 'SESSION_CONFLICT'],
    [SessionCleanupError, 'SESSION_CLEANUP'],
    [SessionNotFoundError, 'SESSION_NOT_FOUND'],
    [SessionCapacityError, 'SESSION_CAPACITY'],
    [SessionExistsError, 'SESSION_EXISTS'],
    [SessionValidationError, 'SESSION_INVALID_INPUT'],
  ] as const)('%o has code %s, its own name, and is a SessionError', (ErrorClass, code) => {
    const error = new ErrorClass('something went wrong');
    expect(error).toBeInstanceOf(SessionError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.message).toBe('something went wrong');
  });

  it('carries expected/actual on a concurrency error', () => {
    const error = new SessionConcurrencyError('version conflict', { expected: 3, actual: 5 });
    expect([error.expected, error.actual]).toEqual([3, 5]);
    expect(new SessionConcurrencyError('version conflict').expected).toBeUndefined();
  });

  it('carries every collected error on a cleanup error', () => {
    const causes = [new Error('a'), 'b'];
    expect(new SessionCleanupError('cleanup failed', { errors: causes }).errors).toBe(causes);
    expect(new SessionCleanupError('cleanup failed').errors).toEqual([]);
  });

  it('wraps foreign errors with their cause and passes SessionErrors through', () => {
    const original = new TypeError('boom');
    const wrapped = SessionError.wrap(original, 'atomic update failed');
    expect(wrapped).toBeInstanceOf(SessionError);
    expect(wrapped.cause).toBe(original);
    expect(wrapped.message).toBe('atomic update failed: boom');

    const own = new SessionNotFoundError('missing');
    expect(SessionError.wrap(own, 'ignored')).toBe(own);
  });
});
