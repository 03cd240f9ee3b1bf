import { describe, expect, it } from 'vitest';
import type { LegacyContractSubject, ThreadLike } from './subject.js';
import { advanceTime, epochOf, uniqueSessionId } from './support.js';

const SECRET = 'contract-secret-key';

export function describeModels(impl: LegacyContractSubject): void {
  const thread = (name: string, sessionId = 's'): ThreadLike =>
    new impl.Thread({ id: `${sessionId}_${name}`, name, systemPrompt: `You are ${name}.`, modelBackend: 'bedrock' });

  describe('ModelBackend and Thread', () => {
    it('names the three backends', () => {
      expect([impl.ModelBackend.BEDROCK, impl.ModelBackend.LITELLM, impl.ModelBackend.OLLAMA]).toEqual(['bedrock', 'litellm', 'ollama']);
    });

    it('keeps its init fields, defaults modelName to null and history to empty', () => {
      const created = new impl.Thread({
        id: 't1',
        name: 'risk',
        systemPrompt: 'You are risk.',
        modelBackend: impl.ModelBackend.OLLAMA,
      });
      expect(created).toMatchObject({
        id: 't1',
        name: 'risk',
        systemPrompt: 'You are risk.',
        modelBackend: 'ollama',
        modelName: null,
        conversationHistory: [],
      });
    });

    it('appends messages with the current time', () => {
      const created = thread('technical');
      created.addMessage('user', 'What breaks first?');
      advanceTime(1000);
      created.addMessage('assistant', 'The global lock.');
      expect(created.conversationHistory.map(({ role, content }) => [role, content])).toEqual([
        ['user', 'What breaks first?'],
        ['assistant', 'The global lock.'],
      ]);
      const [first, second] = created.conversationHistory;
      expect(epochOf(second?.timestamp ?? '') - epochOf(first?.timestamp ?? '')).toBe(1000);
      expect(epochOf(second?.timestamp ?? '')).toBe(Date.now());
    });
  });

  describe('ClientBinding', () => {
    const unsigned = () =>
      new impl.ClientBinding({
        sessionEntropy: 'contract-entropy-123',
        creationTimestamp: new Date(),
        bindingSignature: '',
        accessPatternHash: 'pattern-hash',
      });

    it('signs deterministically per key, and validates only the key that signed', () => {
      const binding = unsigned();
      const signature = binding.generateBindingSignature(SECRET);
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(binding.generateBindingSignature(SECRET)).toBe(signature);
      expect(binding.generateBindingSignature('another-key')).not.toBe(signature);

      binding.bindingSignature = signature;
      expect(binding.validateBinding(SECRET)).toBe(true);
      expect(binding.validateBinding('another-key')).toBe(false);
    });

    it('treats a malformed signature as invalid instead of throwing', () => {
      const binding = unsigned();
      for (const signature of ['', 'short', 'z'.repeat(64), `${binding.generateBindingSignature(SECRET)}00`]) {
        binding.bindingSignature = signature;
        expect(binding.validateBinding(SECRET)).toBe(false);
      }
    });

    it('starts clean and adds each security flag once', () => {
      const binding = unsigned();
      expect(binding).toMatchObject({ validationFailures: 0, securityFlags: [], toolUsageSequence: [] });
      binding.addSecurityFlag('rate_limit');
      binding.addSecurityFlag('odd_pattern');
      binding.addSecurityFlag('rate_limit');
      expect(binding.securityFlags).toEqual(['rate_limit', 'odd_pattern']);
    });

    it('is suspicious above 3 validation failures, above 5 flags, or once flagged multiple_failed_validations', () => {
      const failures = unsigned();
      failures.validationFailures = 3;
      expect(failures.isSuspicious()).toBe(false);
      failures.validationFailures = 4;
      expect(failures.isSuspicious()).toBe(true);

      const flags = unsigned();
      for (const flag of ['f1', 'f2', 'f3', 'f4', 'f5']) flags.addSecurityFlag(flag);
      expect(flags.isSuspicious()).toBe(false);
      flags.addSecurityFlag('f6');
      expect(flags.isSuspicious()).toBe(true);

      const flagged = unsigned();
      flagged.addSecurityFlag('multiple_failed_validations');
      expect(flagged.isSuspicious()).toBe(true);
    });
  });

  describe('ContextSwitcherSession', () => {
    it('keeps id, creation time and topic, and starts empty at version 0', () => {
      const createdAt = new Date();
      const session = new impl.ContextSwitcherSession(uniqueSessionId('model'), createdAt, { topic: 'Migrate?' });
      expect(session.createdAt.getTime()).toBe(createdAt.getTime());
      expect(session).toMatchObject({
        topic: 'Migrate?',
        clientBinding: null,
        analyses: [],
        accessCount: 0,
        securityEvents: [],
        version: 0,
      });
      expect(Object.keys(session.threads)).toEqual([]);
      expect(new impl.ContextSwitcherSession(uniqueSessionId('model'), createdAt).topic).toBeNull();
    });

    it('adds and finds threads by name', () => {
      const session = new impl.ContextSwitcherSession(uniqueSessionId('model'), new Date());
      session.addThread(thread('technical'));
      session.addThread(thread('risk'));
      expect(session.getThread('risk')?.name).toBe('risk');
      expect(session.getThread('business')).toBeUndefined();
      expect(Object.keys(session.threads).sort()).toEqual(['risk', 'technical']);
    });

    it('recordAccess bumps accessCount and version by one and stamps lastAccessed', async () => {
      const session = new impl.ContextSwitcherSession(uniqueSessionId('model'), new Date());
      const before = session.version;
      advanceTime(5000);
      await session.recordAccess('get_session');
      expect(session.accessCount).toBe(1);
      expect(session.version).toBe(before + 1);
      expect(session.lastAccessed.getTime()).toBe(Date.now());
      await session.recordAccess('get_session');
      expect(session.version).toBe(before + 2);
    });

    it('recordAccess counts every one of many concurrent calls', async () => {
      const session = new impl.ContextSwitcherSession(uniqueSessionId('model'), new Date());
      const before = session.version;
      await Promise.all(Array.from({ length: 20 }, (_, index) => session.recordAccess(`tool_${index}`)));
      expect(session.accessCount).toBe(20);
      expect(session.version).toBe(before + 20);
    });

    it('recordAccess remembers the first 10 tools on the client binding', async () => {
      const sessionId = uniqueSessionId('model');
      const session = new impl.ContextSwitcherSession(sessionId, new Date());
      session.clientBinding = new impl.SessionSecurity(sessionId).createClientBinding(SECRET);
      for (let index = 0; index < 12; index += 1) await session.recordAccess(`tool_${index}`);
      expect(session.clientBinding?.toolUsageSequence).toEqual(Array.from({ length: 10 }, (_, i) => `tool_${i}`));
    });

    it('records security events and flags the binding with their type', () => {
      const sessionId = uniqueSessionId('model');
      const session = new impl.ContextSwitcherSession(sessionId, new Date());
      session.clientBinding = new impl.SessionSecurity(sessionId).createClientBinding(SECRET);
      session.recordSecurityEvent('rate_limit_warning', { requests: 100 });
      session.recordSecurityEvent('rate_limit_warning', null);
      expect(session.securityEvents.map(({ type, details }) => [type, details])).toEqual([
        ['rate_limit_warning', { requests: 100 }],
        ['rate_limit_warning', null],
      ]);
      expect(epochOf(session.securityEvents[0]?.timestamp ?? '')).toBe(Date.now());
      expect(session.clientBinding?.securityFlags).toEqual(['rate_limit_warning']);
    });

    it('isBindingValid: true without a binding; with one, true only for its key and never counts failures', () => {
      const sessionId = uniqueSessionId('model');
      const session = new impl.ContextSwitcherSession(sessionId, new Date());
      expect(session.isBindingValid('anything')).toBe(true);
      session.clientBinding = new impl.SessionSecurity(sessionId).createClientBinding(SECRET);
      expect(session.isBindingValid(SECRET)).toBe(true);
      expect(session.isBindingValid('wrong-key')).toBe(false);
      expect(session.clientBinding.validationFailures).toBe(0);
    });

    it('records analyses and returns the last one', () => {
      const session = new impl.ContextSwitcherSession(uniqueSessionId('model'), new Date());
      expect(session.getLastAnalysis() ?? null).toBeNull();
      session.recordAnalysis('First', { technical: 'Yes.', risk: '[NO_RESPONSE]' }, 1, 1);
      session.recordAnalysis('Second', { technical: 'Phased.' }, 1, 0);
      expect(session.analyses).toHaveLength(2);
      expect(session.getLastAnalysis()).toMatchObject({
        prompt: 'Second',
        responses: { technical: 'Phased.' },
        active_count: 1,
        abstained_count: 0,
      });
      expect(epochOf(session.getLastAnalysis()?.timestamp ?? '')).toBe(Date.now());
    });
  });
}
