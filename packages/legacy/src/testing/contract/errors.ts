import { describe, expect, it } from 'vitest';
import type { LegacyContractSubject } from './subject.js';

export function describeErrors(impl: LegacyContractSubject): void {
  describe('exceptions', () => {
    it('share one hierarchy rooted at SessionError and take (message, context?)', () => {
      const cases = [
        ['SessionCleanupError', impl.SessionCleanupError],
        ['SecurityError', impl.SecurityError],
        ['ConcurrencyError', impl.ConcurrencyError],
      ] as const;
      for (const [name, ErrorClass] of cases) {
        const error = new ErrorClass(`${name} happened`, { sessionId: 's1' });
        expect(error).toBeInstanceOf(impl.SessionError);
        expect(error).toBeInstanceOf(Error);
        expect(error.message).toBe(`${name} happened`);
        expect(new ErrorClass('no context').message).toBe('no context');
      }
      expect(new impl.SecurityError('x')).not.toBeInstanceOf(impl.ConcurrencyError);
    });
  });
}
