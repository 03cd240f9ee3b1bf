import { describe, expect, it } from 'vitest';
import type { LegacyContractSubject } from './subject.js';
import { HOUR_MS, advanceTime, epochOf, uniqueSessionId } from './support.js';

const SECRET = 'contract-secret-key';

export function describeSecurity(impl: LegacyContractSubject): void {
  const bound = () => {
    const security = new impl.SessionSecurity(uniqueSessionId('security'));
    const binding = security.createClientBinding(SECRET);
    return { security, binding };
  };

  describe('SessionSecurity', () => {
    it('createClientBinding keeps and returns a binding that validates with its key', () => {
      const { security, binding } = bound();
      expect(security.clientBinding).toBe(binding);
      expect(binding.sessionEntropy.length).toBeGreaterThanOrEqual(32);
      expect(binding.accessPatternHash).toMatch(/^[0-9a-f]{64}$/);
      expect(binding.validateBinding(SECRET)).toBe(true);
      expect(binding.validationFailures).toBe(0);
    });

    it('gives every binding its own entropy and keeps a supplied access pattern hash', () => {
      const security = new impl.SessionSecurity(uniqueSessionId('security'));
      const first = security.createClientBinding(SECRET, 'initial-pattern');
      const second = new impl.SessionSecurity(uniqueSessionId('security')).createClientBinding(SECRET);
      expect(first.accessPatternHash).toBe('initial-pattern');
      expect(first.sessionEntropy).not.toBe(second.sessionEntropy);
    });

    it('validates any key when there is no binding, recording nothing', () => {
      const security = new impl.SessionSecurity(uniqueSessionId('security'));
      expect(security.clientBinding).toBeNull();
      expect(security.validateBinding('any-key')).toBe(true);
      expect(security.securityEvents).toEqual([]);
    });

    it('stamps lastValidated on a successful validation', () => {
      const { security, binding } = bound();
      advanceTime(30_000);
      expect(security.validateBinding(SECRET)).toBe(true);
      expect(binding.lastValidated.getTime()).toBe(Date.now());
      expect(security.securityEvents).toEqual([]);
    });

    it('counts failed validations and records binding_validation_failed for each', () => {
      const { security, binding } = bound();
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        expect(security.validateBinding(`wrong-key-${attempt}`)).toBe(false);
        expect(binding.validationFailures).toBe(attempt);
      }
      expect(security.securityEvents.map((event) => [event.eventType, event.details])).toEqual([
        ['binding_validation_failed', { validation_failures: 1 }],
        ['binding_validation_failed', { validation_failures: 2 }],
        ['binding_validation_failed', { validation_failures: 3 }],
      ]);
      expect(binding.securityFlags).toEqual(['binding_validation_failed']);
      // A later success does not reset the count.
      expect(security.validateBinding(SECRET)).toBe(true);
      expect(binding.validationFailures).toBe(3);
    });

    it('turns suspicious on the fourth failed validation, not before', () => {
      const { security } = bound();
      for (let attempt = 0; attempt < 3; attempt += 1) security.validateBinding('wrong-key');
      expect(security.isSessionSuspicious()).toBe(false);
      security.validateBinding('wrong-key');
      expect(security.isSessionSuspicious()).toBe(true);
      const summary = security.getSecuritySummary();
      expect(summary.is_suspicious).toBe(true);
      expect(summary.client_binding?.is_suspicious).toBe(true);
      expect(summary.client_binding?.validation_failures).toBe(4);
    });

    it('is suspicious with more than 10 security events in the last hour, even without a binding', () => {
      const security = new impl.SessionSecurity(uniqueSessionId('security'));
      for (let index = 0; index < 10; index += 1) security.recordSecurityEvent(`event_${index}`, { index });
      expect(security.isSessionSuspicious()).toBe(false);
      security.recordSecurityEvent('event_10', { index: 10 });
      expect(security.isSessionSuspicious()).toBe(true);
      advanceTime(HOUR_MS + 1);
      expect(security.isSessionSuspicious()).toBe(false);
    });

    it('records events with the current time and flags the binding', () => {
      const { security, binding } = bound();
      security.recordSecurityEvent('suspicious_activity', { description: 'Multiple rapid requests', count: 10 });
      security.recordSecurityEvent('no_details', null);
      const [first, second] = security.securityEvents;
      expect(first?.eventType).toBe('suspicious_activity');
      expect(first?.details).toEqual({ description: 'Multiple rapid requests', count: 10 });
      expect(first?.timestamp.getTime()).toBe(Date.now());
      expect(second?.details).toBeNull();
      expect(binding.securityFlags).toEqual(['suspicious_activity', 'no_details']);
    });

    it('remembers the first 10 tools used, and ignores tool usage without a binding', () => {
      const { security, binding } = bound();
      for (let index = 0; index < 11; index += 1) security.updateToolUsagePattern(`tool_${index}`);
      expect(binding.toolUsageSequence).toEqual(Array.from({ length: 10 }, (_, index) => `tool_${index}`));
      const unbound = new impl.SessionSecurity(uniqueSessionId('security'));
      expect(() => unbound.updateToolUsagePattern('some_tool')).not.toThrow();
    });

    it('summarizes a bound session', () => {
      const { security } = bound();
      const sessionId = security.sessionId;
      security.recordSecurityEvent('test_event', { data: 'test' });
      security.updateToolUsagePattern('test_tool');
      const summary = security.getSecuritySummary();
      expect(summary).toEqual({
        session_id: sessionId,
        client_binding: {
          validation_failures: 0,
          last_validated: expect.any(String),
          security_flags_count: 1,
          is_suspicious: false,
          tool_usage_count: 1,
        },
        security_events_count: 1,
        is_suspicious: false,
        recent_events: [{ type: 'test_event', timestamp: expect.any(String), details: { data: 'test' } }],
      });
      expect(epochOf(summary.recent_events[0]?.timestamp ?? '')).toBe(Date.now());
    });

    it('summarizes an unbound session with its last 5 events, oldest first', () => {
      const security = new impl.SessionSecurity(uniqueSessionId('security'));
      for (let index = 0; index < 10; index += 1) security.recordSecurityEvent(`event_${index}`, { index });
      const summary = security.getSecuritySummary();
      expect(summary.client_binding).toBeNull();
      expect(summary.security_events_count).toBe(10);
      expect(summary.recent_events.map((event) => event.details)).toEqual([5, 6, 7, 8, 9].map((index) => ({ index })));
    });

    it('cleanupOldEvents drops events older than 24 hours by default, or than the given age', () => {
      const security = new impl.SessionSecurity(uniqueSessionId('security'));
      security.recordSecurityEvent('old_event', { label: 'old' });
      advanceTime(19 * HOUR_MS);
      security.recordSecurityEvent('recent_event', { label: 'recent' });
      advanceTime(5 * HOUR_MS + 1000); // old: 24h + 1s; recent: 5h + 1s
      security.cleanupOldEvents();
      expect(security.securityEvents.map((event) => event.eventType)).toEqual(['recent_event']);
      security.cleanupOldEvents(5);
      expect(security.securityEvents).toEqual([]);
    });
  });

  describe('SecurityEvent', () => {
    it('serializes as { type, timestamp, details }', () => {
      const event = new impl.SecurityEvent({ eventType: 'login', timestamp: new Date(), details: { ip: '10.0.0.1' } });
      const dict = event.toDict();
      expect(dict).toEqual({ type: 'login', timestamp: expect.any(String), details: { ip: '10.0.0.1' } });
      expect(epochOf(dict.timestamp)).toBe(Date.now());
    });
  });
}
