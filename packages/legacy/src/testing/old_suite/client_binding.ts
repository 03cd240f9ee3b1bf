/**
 * The old suite's client-binding security tests. Those of the binding model
 * itself are ported; the rest drive the old server's client-binding service
 * (its binding manager, secure-session factory, access validation and
 * security logging), a module neither implementation has: they are listed,
 * skipped, with that reason.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import type { SuiteContext } from './support.js';

const SERVICE_MODULE =
  'exercises the old server’s client-binding service (binding manager, secure-session factory, access validation, ' +
  'security logging), which is not one of the session modules either implementation provides';

export function describeClientBinding({ impl, test, notPortable }: SuiteContext): void {
  describe('ClientBinding (models)', () => {
    test('a new binding signed with a key has a 64-character hex signature', () => {
      const now = new Date();
      const binding = new impl.ClientBinding({
        sessionEntropy: randomBytes(32).toString('base64url'),
        creationTimestamp: now,
        bindingSignature: '',
        accessPatternHash: 'test_hash',
        toolUsageSequence: ['start_context_analysis'],
      });
      binding.bindingSignature = binding.generateBindingSignature('test_secret_key');
      expect(binding.sessionEntropy).not.toBe('');
      expect(binding.creationTimestamp).toEqual(now);
      expect(binding.toolUsageSequence).toEqual(['start_context_analysis']);
      expect(binding.bindingSignature).toMatch(/^[0-9a-f]{64}$/);
    });

    test('only the signature its key made validates', () => {
      const binding = new impl.ClientBinding({
        sessionEntropy: 'test_entropy',
        creationTimestamp: new Date(),
        bindingSignature: '',
        accessPatternHash: 'test_hash',
      });
      binding.bindingSignature = binding.generateBindingSignature('test_secret_key');
      expect(binding.validateBinding('test_secret_key')).toBe(true);
      expect(binding.validateBinding('wrong_key')).toBe(false);
      binding.bindingSignature = 'invalid_signature';
      expect(binding.validateBinding('test_secret_key')).toBe(false);
    });

    test('failures, too many flags or the multiple_failed_validations flag make a binding suspicious', () => {
      const binding = new impl.ClientBinding({
        sessionEntropy: 'test',
        creationTimestamp: new Date(),
        bindingSignature: 'test',
        accessPatternHash: 'test',
      });
      expect(binding.isSuspicious()).toBe(false);
      binding.validationFailures = 5;
      expect(binding.isSuspicious()).toBe(true);
      binding.validationFailures = 0;
      binding.securityFlags = ['flag1', 'flag2', 'flag3', 'flag4', 'flag5', 'flag6'];
      expect(binding.isSuspicious()).toBe(true);
      binding.securityFlags = ['multiple_failed_validations'];
      expect(binding.isSuspicious()).toBe(true);
    });
  });

  describe('the client-binding service', () => {
    for (const title of [
      'the binding manager creates a binding that records the first tool',
      'the binding manager accepts a session whose binding its key signed',
      'the binding manager rejects a corrupted binding and counts the failure',
      'the binding manager accepts a session without a binding',
      'the binding manager refuses a session with a suspicious access rate',
      'the binding manager reports its security metrics',
      'the secure-session factory makes a bound session with one access recorded',
      'access validation succeeds and counts each access',
      'security logging records the event with the binding context',
      'security logging records the event without a binding',
      'end to end: repeated valid accesses, then a corrupted binding fails',
      'a bound session keeps its binding valid under the global key over its life',
      'asynchronous access validation of several tools',
    ]) {
      notPortable(title, SERVICE_MODULE);
    }
  });
}
