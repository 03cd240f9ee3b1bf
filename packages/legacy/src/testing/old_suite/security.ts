/** The old suite's tests of the session-security module: `ClientBinding`, `SecurityEvent`, `SessionSecurity`. */
import { describe, expect } from 'vitest';
import type { OldSuiteSessionSecurityLike } from './subject.js';
import { advance, HOUR_MS, MINUTE_MS, sessionId, setNow, utc, type SuiteContext } from './support.js';

/** `secrets.token_urlsafe(32)`: 32 random bytes as unpadded base64url. */
const URL_SAFE_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function describeSecurity({ impl, test }: SuiteContext): void {
  const sampleBinding = () =>
    new impl.ClientBinding({
      sessionEntropy: 'test-entropy-123',
      creationTimestamp: utc(2023, 6, 15, 10),
      bindingSignature: 'test-signature-hash',
      accessPatternHash: 'pattern-hash-123',
    });
  const security = (oldId = 'test-session-123'): OldSuiteSessionSecurityLike => new impl.SessionSecurity(sessionId(oldId));
  const securityWithBinding = (): OldSuiteSessionSecurityLike =>
    new impl.SessionSecurity(
      sessionId('test-session-123'),
      new impl.ClientBinding({
        sessionEntropy: 'test-entropy',
        creationTimestamp: new Date(),
        bindingSignature: 'test-signature',
        accessPatternHash: 'test-pattern',
      }) as never, // the implementation's own ClientBinding, which the subject type cannot name
    );

  describe('ClientBinding (session_security)', () => {
    test('keeps its fields and starts with no failures, flags or tool usage', () => {
      const binding = sampleBinding();
      expect(binding.sessionEntropy).toBe('test-entropy-123');
      expect(binding.creationTimestamp).toEqual(utc(2023, 6, 15, 10));
      expect(binding.bindingSignature).toBe('test-signature-hash');
      expect(binding.accessPatternHash).toBe('pattern-hash-123');
      expect(binding.validationFailures).toBe(0);
      expect(binding.lastValidated).toBeInstanceOf(Date);
      expect(binding.securityFlags).toEqual([]);
      expect(binding.toolUsageSequence).toEqual([]);
    });

    test('generateBindingSignature is 64 hex characters, deterministic, and depends on the key', () => {
      const binding = sampleBinding();
      const signature = binding.generateBindingSignature('test-secret-key');
      expect(signature).toMatch(SHA256_HEX);
      expect(binding.generateBindingSignature('test-secret-key')).toBe(signature);
      expect(binding.generateBindingSignature('different-key')).not.toBe(signature);
    });

    test('validateBinding accepts the signature its key made', () => {
      const binding = sampleBinding();
      binding.bindingSignature = binding.generateBindingSignature('test-secret-key');
      expect(binding.validateBinding('test-secret-key')).toBe(true);
    });

    test('validateBinding rejects a wrong signature', () => {
      const binding = sampleBinding();
      binding.bindingSignature = 'wrong-signature';
      expect(binding.validateBinding('test-secret-key')).toBe(false);
    });

    test('validateBinding rejects another key', () => {
      const binding = sampleBinding();
      binding.bindingSignature = binding.generateBindingSignature('original-key');
      expect(binding.validateBinding('different-key')).toBe(false);
      expect(binding.validateBinding('original-key')).toBe(true);
    });

    test('addSecurityFlag adds each flag once, in order', () => {
      const binding = sampleBinding();
      expect(binding.securityFlags).toEqual([]);
      binding.addSecurityFlag('suspicious_activity');
      expect(binding.securityFlags).toEqual(['suspicious_activity']);
      binding.addSecurityFlag('rate_limit_exceeded');
      expect(binding.securityFlags).toEqual(['suspicious_activity', 'rate_limit_exceeded']);
      binding.addSecurityFlag('suspicious_activity');
      expect(binding.securityFlags).toEqual(['suspicious_activity', 'rate_limit_exceeded']);
    });

    test('many validation failures make a binding suspicious', () => {
      const binding = sampleBinding();
      expect(binding.isSuspicious()).toBe(false);
      binding.validationFailures = 5;
      expect(binding.isSuspicious()).toBe(true);
    });

    test('more than five security flags make a binding suspicious', () => {
      const binding = sampleBinding();
      expect(binding.isSuspicious()).toBe(false);
      for (let index = 0; index < 6; index += 1) binding.addSecurityFlag(`flag_${index}`);
      expect(binding.isSuspicious()).toBe(true);
    });

    test('the multiple_failed_validations flag makes a binding suspicious', () => {
      const binding = sampleBinding();
      expect(binding.isSuspicious()).toBe(false);
      binding.addSecurityFlag('multiple_failed_validations');
      expect(binding.isSuspicious()).toBe(true);
    });
  });

  describe('SecurityEvent', () => {
    const sampleEvent = () =>
      new impl.SecurityEvent({
        eventType: 'binding_validation_failed',
        timestamp: utc(2023, 6, 15, 12, 30, 45),
        details: { validation_failures: 2, client_id: 'test-client' },
      });

    test('keeps its type, time and details', () => {
      const event = sampleEvent();
      expect(event.eventType).toBe('binding_validation_failed');
      expect(event.timestamp).toEqual(utc(2023, 6, 15, 12, 30, 45));
      expect(event.details).toEqual({ validation_failures: 2, client_id: 'test-client' });
    });

    test('toDict gives the old dict, the timestamp in Python isoformat', () => {
      // Compared as JSON text: persisted events must keep their exact shape, key order included.
      expect(JSON.stringify(sampleEvent().toDict())).toBe(
        JSON.stringify({
          type: 'binding_validation_failed',
          timestamp: '2023-06-15T12:30:45+00:00',
          details: { validation_failures: 2, client_id: 'test-client' },
        }),
      );
    });
  });

  describe('SessionSecurity', () => {
    test('starts without binding or events', () => {
      const id = sessionId('test-session-123');
      const subject = new impl.SessionSecurity(id);
      expect(subject.sessionId).toBe(id);
      expect(subject.clientBinding).toBeNull();
      expect(subject.securityEvents).toEqual([]);
    });

    test('keeps the binding it is created with', () => {
      const subject = securityWithBinding();
      expect(subject.clientBinding).not.toBeNull();
      expect(subject.clientBinding?.sessionEntropy).toBe('test-entropy');
    });

    test('createClientBinding makes, keeps and signs a binding with fresh entropy, stamped now', () => {
      const subject = security();
      const now = utc(2023, 6, 15, 14, 30);
      setNow(now);
      const binding = subject.createClientBinding('test-secret', 'custom-pattern-hash');
      expect(binding.sessionEntropy).toMatch(URL_SAFE_TOKEN);
      expect(security().createClientBinding('test-secret').sessionEntropy).not.toBe(binding.sessionEntropy);
      expect(binding.creationTimestamp).toEqual(now);
      expect(binding.accessPatternHash).toBe('custom-pattern-hash');
      expect(binding.bindingSignature).not.toBe('');
      expect(subject.clientBinding).toBe(binding);
      expect(binding.validateBinding('test-secret')).toBe(true);
    });

    test('createClientBinding without a pattern hash makes a SHA-256 one', () => {
      const binding = security().createClientBinding('test-secret');
      expect(binding.accessPatternHash).toMatch(SHA256_HEX);
    });

    test('validateBinding without a binding allows the session', () => {
      expect(security().validateBinding('any-key')).toBe(true);
    });

    test('validateBinding with the right key succeeds and stamps lastValidated', () => {
      const subject = security();
      const binding = subject.createClientBinding('test-secret');
      advance(1000); // the old PBKDF2 check itself took that long
      expect(subject.validateBinding('test-secret')).toBe(true);
      expect(binding.lastValidated.getTime()).toBeGreaterThan(binding.creationTimestamp.getTime());
    });

    test('validateBinding with a wrong key fails, counts the failure and records an event', () => {
      const subject = security();
      const binding = subject.createClientBinding('test-secret');
      const failures = binding.validationFailures;
      expect(subject.validateBinding('wrong-secret')).toBe(false);
      expect(binding.validationFailures).toBe(failures + 1);
      expect(subject.securityEvents.length).toBeGreaterThan(0);
      expect(subject.securityEvents.at(-1)?.eventType).toBe('binding_validation_failed');
    });

    test('recordSecurityEvent appends the event and flags the binding', () => {
      const subject = securityWithBinding();
      const before = subject.securityEvents.length;
      subject.recordSecurityEvent('suspicious_activity', { description: 'Multiple rapid requests', count: 10 });
      expect(subject.securityEvents).toHaveLength(before + 1);
      const latest = subject.securityEvents.at(-1);
      expect(latest?.eventType).toBe('suspicious_activity');
      expect(latest?.details?.['description']).toBe('Multiple rapid requests');
      expect(latest?.timestamp).toBeInstanceOf(Date);
      expect(subject.clientBinding?.securityFlags).toContain('suspicious_activity');
    });

    test('recordSecurityEvent without a binding still records the event', () => {
      const subject = security();
      subject.recordSecurityEvent('test_event', { data: 'test' });
      expect(subject.securityEvents).toHaveLength(1);
      expect(subject.securityEvents[0]?.eventType).toBe('test_event');
    });

    test('updateToolUsagePattern remembers the tool', () => {
      const subject = securityWithBinding();
      const usage = () => subject.clientBinding?.toolUsageSequence ?? [];
      const before = usage().length;
      subject.updateToolUsagePattern('start_context_analysis');
      expect(usage()).toHaveLength(before + 1);
      expect(usage().at(-1)).toBe('start_context_analysis');
    });

    test('updateToolUsagePattern remembers at most ten tools', () => {
      const subject = securityWithBinding();
      for (let index = 0; index < 10; index += 1) subject.updateToolUsagePattern(`tool_${index}`);
      expect(subject.clientBinding?.toolUsageSequence).toHaveLength(10);
      subject.updateToolUsagePattern('tool_11');
      expect(subject.clientBinding?.toolUsageSequence).toHaveLength(10);
    });

    test('updateToolUsagePattern without a binding does nothing', () => {
      const subject = security();
      expect(() => subject.updateToolUsagePattern('some_tool')).not.toThrow();
      expect(subject.clientBinding).toBeNull();
    });

    test('a suspicious binding makes the session suspicious', () => {
      const subject = security();
      const binding = subject.createClientBinding('test-key');
      binding.validationFailures = 5;
      expect(subject.isSessionSuspicious()).toBe(true);
    });

    test('more than ten events in the last hour make the session suspicious', () => {
      const subject = security();
      for (let index = 0; index < 12; index += 1) subject.recordSecurityEvent(`event_${index}`, { data: index });
      expect(subject.isSessionSuspicious()).toBe(true);
    });

    test('events older than an hour do not count toward suspicion', () => {
      const subject = security();
      const now = Date.now();
      setNow(now - 2 * HOUR_MS);
      for (let index = 0; index < 12; index += 1) subject.recordSecurityEvent(`old_event_${index}`, { data: index });
      setNow(now);
      expect(subject.isSessionSuspicious()).toBe(false);
    });

    test('getSecuritySummary describes the binding and the recent events', () => {
      const subject = securityWithBinding();
      subject.recordSecurityEvent('test_event', { data: 'test' });
      subject.updateToolUsagePattern('test_tool');
      const summary = subject.getSecuritySummary();
      expect(summary.session_id).toBe(subject.sessionId);
      expect(summary.client_binding).not.toBeNull();
      expect(summary.client_binding).toHaveProperty('validation_failures');
      expect(summary.client_binding).toHaveProperty('last_validated');
      expect(summary.client_binding).toHaveProperty('is_suspicious');
      expect(summary.client_binding?.tool_usage_count).toBe(1);
      expect(summary.security_events_count).toBe(1);
      expect(summary.recent_events).toHaveLength(1);
    });

    test('getSecuritySummary without a binding', () => {
      const subject = security();
      subject.recordSecurityEvent('test_event', { data: 'test' });
      const summary = subject.getSecuritySummary();
      expect(summary.session_id).toBe(subject.sessionId);
      expect(summary.client_binding).toBeNull();
      expect(summary.security_events_count).toBe(1);
      expect(summary.recent_events).toHaveLength(1);
    });

    test('getSecuritySummary lists only the five most recent events', () => {
      const subject = security();
      for (let index = 0; index < 10; index += 1) subject.recordSecurityEvent(`event_${index}`, { index });
      const summary = subject.getSecuritySummary();
      expect(summary.security_events_count).toBe(10);
      expect(summary.recent_events.map((event) => event.details?.['index'])).toEqual([5, 6, 7, 8, 9]);
    });

    test('the default pattern hash is SHA-256, the same for the same session at the same instant', () => {
      // The old test called the private helper; its result is what a binding made without a pattern carries.
      const id = sessionId('test-session-123');
      expect(new impl.SessionSecurity(id).createClientBinding('key').accessPatternHash).toMatch(SHA256_HEX);
      setNow(utc(2023, 6, 15, 12));
      const first = new impl.SessionSecurity(id).createClientBinding('key').accessPatternHash;
      const second = new impl.SessionSecurity(id).createClientBinding('key').accessPatternHash;
      expect(first).toBe(second);
    });

    test('cleanupOldEvents drops events older than a day', () => {
      const subject = security();
      const now = Date.now();
      setNow(now - 25 * HOUR_MS);
      subject.recordSecurityEvent('old_event_1', { data: 'old1' });
      subject.recordSecurityEvent('old_event_2', { data: 'old2' });
      setNow(now - HOUR_MS);
      subject.recordSecurityEvent('recent_event_1', { data: 'recent1' });
      subject.recordSecurityEvent('recent_event_2', { data: 'recent2' });
      setNow(now);
      expect(subject.securityEvents).toHaveLength(4);
      subject.cleanupOldEvents();
      expect(subject.securityEvents.map((event) => event.eventType)).toEqual(['recent_event_1', 'recent_event_2']);
    });

    test('cleanupOldEvents takes a maximum age in hours', () => {
      const subject = security();
      const now = Date.now();
      for (const [age, label] of [
        [13 * HOUR_MS, 'very_old'],
        [6 * HOUR_MS, 'recent'],
        [30 * MINUTE_MS, 'very_recent'],
      ] as const) {
        setNow(now - age);
        subject.recordSecurityEvent(`event_${label}`, { label });
      }
      setNow(now);
      expect(subject.securityEvents).toHaveLength(3);
      subject.cleanupOldEvents(12);
      expect(subject.securityEvents.map((event) => event.details?.['label'])).toEqual(['recent', 'very_recent']);
    });
  });

  describe('SessionSecurity over a session’s life', () => {
    test('bind, use, record, fail validation, summarise, clean up', () => {
      const subject = security('integration-test-session');
      const key = 'integration-test-key';
      expect(subject.createClientBinding(key, 'initial-pattern')).toBeDefined();
      expect(subject.validateBinding(key)).toBe(true);
      for (const tool of ['start_context_analysis', 'add_perspective', 'analyze_from_perspectives']) {
        subject.updateToolUsagePattern(tool);
      }
      subject.recordSecurityEvent('rate_limit_warning', { requests: 100 });
      subject.recordSecurityEvent('unusual_activity', { pattern: 'rapid_requests' });
      expect(subject.validateBinding(key)).toBe(true);
      subject.validateBinding('wrong-key');
      subject.validateBinding('another-wrong-key');
      const summary = subject.getSecuritySummary();
      expect(summary.client_binding?.validation_failures).toBe(2);
      expect(summary.client_binding?.tool_usage_count).toBe(3);
      expect(summary.security_events_count).toBeGreaterThanOrEqual(4);
      expect(summary.recent_events.length).toBeGreaterThanOrEqual(2);
      subject.cleanupOldEvents();
      expect(subject.securityEvents.length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('SessionSecurity edge cases', () => {
    test('signatures over special characters in entropy and key', () => {
      const binding = new impl.ClientBinding({
        sessionEntropy: 'entropy-with-special-chars!@#$%^&*()',
        creationTimestamp: new Date(),
        bindingSignature: '',
        accessPatternHash: 'pattern-hash',
      });
      const key = 'secret-with-special-chars!@#$%';
      const signature = binding.generateBindingSignature(key);
      expect(signature).toMatch(SHA256_HEX);
      binding.bindingSignature = signature;
      expect(binding.validateBinding(key)).toBe(true);
    });

    test('a security event may have null details', () => {
      const subject = security('test-session');
      subject.recordSecurityEvent('test_event', null);
      expect(subject.securityEvents).toHaveLength(1);
      expect(subject.securityEvents[0]?.details).toBeNull();
    });
  });
}
