import { SessionCleanupError as CoreCleanupError, SessionConcurrencyError, SessionError as CoreSessionError, SessionSecurityError } from '@sessionkit/core';
import { describe, expect, it } from 'vitest';
import * as exceptions from '../src/exceptions.js';
import { ConcurrencyError, SecurityError, SessionCleanupError, SessionError } from '../src/index.js';
import * as concurrencyModule from '../src/session_concurrency.js';
import * as securityModule from '../src/session_security.js';

describe('old error names', () => {
  it('are the same classes as core, not copies, from every module that exports them', () => {
    expect(SecurityError).toBe(SessionSecurityError);
    expect(ConcurrencyError).toBe(SessionConcurrencyError);
    expect(SessionError).toBe(CoreSessionError);
    expect(SessionCleanupError).toBe(CoreCleanupError);
    expect([exceptions.SecurityError, securityModule.SecurityError]).toEqual([SessionSecurityError, SessionSecurityError]);
    expect([exceptions.ConcurrencyError, concurrencyModule.ConcurrencyError]).toEqual([SessionConcurrencyError, SessionConcurrencyError]);
    expect(new ConcurrencyError('conflict', { expected: 1, actual: 2 })).toBeInstanceOf(SessionConcurrencyError);
  });

  it('are caught by either name, and keep core’s stable codes', () => {
    const thrownByCore = new SessionSecurityError('binding invalid');
    const thrownByOldCode = new SecurityError('binding invalid', { sessionId: 's1' }); // the old (message, context) call
    for (const error of [thrownByCore, thrownByOldCode]) {
      expect(error).toBeInstanceOf(SecurityError);
      expect(error).toBeInstanceOf(SessionError);
      expect(error.code).toBe('SESSION_SECURITY');
    }
    expect(new ConcurrencyError('stale').code).toBe('SESSION_CONFLICT');
    expect(new SessionCleanupError('failed').errors).toEqual([]);
  });
});
