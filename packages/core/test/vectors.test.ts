import { describe, expect, it } from 'vitest';
import { Session, SessionSecurityError, SessionState } from '../src/index.js';
import { readVector, recordingLogger, VECTOR_SECRET } from './helpers.js';

// The unbound vector is restored on purpose: a state without a binding needs allowUnbound.
const restore = (name: Parameters<typeof readVector>[0], secretKey = VECTOR_SECRET) =>
  Session.restoreFromState(readVector(name), { secretKey, logger: recordingLogger(), allowUnbound: name === 'state-without-binding' });

describe('reference-python vectors', () => {
  it.each(['state-with-binding', 'state-without-binding', 'state-failed-validations'] as const)(
    '%s restores and re-exports to an identical document',
    async (name) => {
      const original = readVector(name);
      const session = await Session.restoreFromState(original, { secretKey: VECTOR_SECRET, allowUnbound: name === 'state-without-binding' });
      expect(await session.exportState()).toEqual(original);
      // The pure-data path gives the same document.
      expect(SessionState.fromJSON(original).toJSON()).toEqual(original);
    },
  );

  it('keeps Python timestamp strings verbatim (microseconds, +00:00)', async () => {
    const exported = await (await restore('state-with-binding')).exportState();
    expect(exported.created_at).toBe('2026-11-27T07:55:05.896051+00:00');
    expect(exported.threads.technical?.conversation_history[1]?.timestamp).toBe('2026-11-27T07:55:06.041972+00:00');
    expect(exported.client_binding?.last_validated).toBe('2026-11-27T07:55:06.339947+00:00');
  });

  describe('state-with-binding (old PBKDF2 signature)', () => {
    it('validates with the vector key and is upgraded to hmac-sha256 without a version bump', async () => {
      const session = await restore('state-with-binding');
      const versionBefore = session.version;
      await expect(session.validateSecurity('analyze_from_perspectives')).resolves.toBe(true);
      expect(session.version).toBe(versionBefore);

      const exported = await session.exportState();
      const binding = exported.client_binding;
      expect(binding?.signature_scheme).toBe('hmac-sha256');
      expect(binding?.binding_signature).not.toBe('d252d6f4b5390857d19980fef11edf29f51c30dceda4dcfbbfa4cdd62c485809');
      expect(binding?.tool_usage_sequence).toEqual(['start_context_analysis', 'analyze_from_perspectives', 'analyze_from_perspectives']);
      expect(exported.security_events.map((event) => event.type)).toEqual(['binding_upgraded']);
      // An upgrade is not a security flag.
      expect(binding?.security_flags).toEqual([]);

      // The upgraded binding keeps validating, now on the fast path, and re-exports with its scheme.
      await expect(session.validateSecurity()).resolves.toBe(true);
      const again = await Session.restoreFromState(await session.exportState(), { secretKey: VECTOR_SECRET });
      await expect(again.validateSecurity()).resolves.toBe(true);
    });

    it('is refused with any other key, and the failure is counted', async () => {
      const session = await restore('state-with-binding', 'a-different-secret-key');
      await expect(session.validateSecurity('get_session')).rejects.toBeInstanceOf(SessionSecurityError);
      const exported = await session.exportState();
      expect(exported.client_binding?.validation_failures).toBe(1);
      expect(exported.client_binding?.signature_scheme).toBeUndefined();
      expect(exported.security_events.map((event) => event.type)).toEqual(['binding_validation_failed', 'operation_error_validate_security']);
    });
  });

  it('state-without-binding validates (no binding) on the litellm backend', async () => {
    const session = await restore('state-without-binding');
    await expect(session.validateSecurity('any_tool')).resolves.toBe(true);
    const thread = (await session.getAllThreads()).values().next().value;
    expect(thread?.modelBackend).toBe('litellm');
  });

  describe('state-failed-validations', () => {
    it('restores with its counts', async () => {
      const info = await (await restore('state-failed-validations')).getSessionInfo();
      expect(info.client_binding).toMatchObject({ validation_failures: 2, security_flags_count: 2, is_suspicious: false });
      expect(info.security_event_count).toBe(4);
      expect(info.metrics).toMatchObject({ error_count: 2, security_event_count: 4 });
    });

    it('keeps failing, and two more failures make it suspicious (4 > 3)', async () => {
      const session = await restore('state-failed-validations');
      await expect(session.validateSecurity('analyze_from_perspectives')).rejects.toThrow('Client binding validation failed for session vec-session-3');
      expect((await session.getSessionInfo()).client_binding?.is_suspicious).toBe(false);

      await expect(session.validateSecurity('analyze_from_perspectives')).rejects.toThrow('flagged as suspicious');
      const info = await session.getSessionInfo();
      expect(info.client_binding).toMatchObject({ validation_failures: 4, is_suspicious: true });
      const types = (await session.exportState()).security_events.map((event) => event.type);
      expect(types.slice(4)).toEqual([
        'binding_validation_failed',
        'operation_error_validate_security',
        'binding_validation_failed',
        'session_flagged_suspicious',
        'operation_error_validate_security',
      ]);

      // Suspicious: refused without counting another validation failure.
      await expect(session.validateSecurity()).rejects.toBeInstanceOf(SessionSecurityError);
      expect((await session.exportState()).client_binding?.validation_failures).toBe(4);
    });
  });
});
