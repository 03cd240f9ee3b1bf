import { SessionConcurrencyError, SessionSecurityError } from '@sessionkit/core';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, SecurityError } from '../src/index.js';

describe('old error names', () => {
  it('are the same classes as core, not copies', () => {
    expect(SecurityError).toBe(SessionSecurityError);
    expect(ConcurrencyError).toBe(SessionConcurrencyError);
    expect(new ConcurrencyError('conflict', { expected: 1, actual: 2 })).toBeInstanceOf(SessionConcurrencyError);
  });
});
