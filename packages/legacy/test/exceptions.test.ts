import { describe, expect, it } from 'vitest';
import { ConcurrencyError, SecurityError, SessionCleanupError, SessionError } from '../src/index.js';

describe('legacy exceptions', () => {
  it('share one hierarchy rooted at SessionError and keep their context', () => {
    for (const ErrorClass of [SessionCleanupError, SecurityError, ConcurrencyError]) {
      const error = new ErrorClass('failed', { sessionId: 's1' });
      expect(error).toBeInstanceOf(SessionError);
      expect(error.name).toBe(ErrorClass.name);
      expect(error.context).toEqual({ sessionId: 's1' });
    }
    expect(new SessionError('plain').context).toEqual({});
  });
});
