/**
 * Behaviour of the legacy application that only the old system has, so it
 * is not in the shared behaviour suite (which also runs after migration).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getConfig, setConfig } from '../src/config.js';
import { getAppSessionManager } from '../src/handlers/session_handler.js';
import { configureSessionTools, getSessionInfo, shutdownSessionTools, startContextAnalysis } from '../src/tools/session_tools.js';

let previousIterations = 0;
beforeAll(() => {
  previousIterations = getConfig().pbkdf2Iterations;
  setConfig({ pbkdf2Iterations: 1000 });
});
afterAll(() => setConfig({ pbkdf2Iterations: previousIterations }));

beforeEach(() => configureSessionTools({ secretKey: 'app-secret' }));
afterEach(() => shutdownSessionTools());

describe('legacy application security', () => {
  it('answers a session whose binding no longer validates with security_error, and flags it', async () => {
    const started = await startContextAnalysis({ topic: 'Tampering' });
    if (!started.success) throw new Error(started.error_message);
    const session = await getAppSessionManager().getSession(started.session_id);
    if (!session?.clientBinding) throw new Error('the app creates bound sessions');
    session.clientBinding.bindingSignature = '0'.repeat(64);

    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const result = await getSessionInfo({ session_id: started.session_id });
      expect(result).toMatchObject({ success: false, error_code: 'security_error' });
    }
    expect(session.clientBinding.validationFailures).toBe(4);
    expect(session.clientBinding.isSuspicious()).toBe(true);
    expect(session.clientBinding.securityFlags).toEqual(['binding_validation_failed']);
    // The events went to the throwaway SessionSecurity of each call, not to the session.
    expect(session.securityEvents).toEqual([]);
  });

  it('records each validated tool call on the session: access count, version and tool sequence', async () => {
    const started = await startContextAnalysis({ topic: 'Tracking' });
    if (!started.success) throw new Error(started.error_message);
    await getSessionInfo({ session_id: started.session_id });
    await getSessionInfo({ session_id: started.session_id });
    const session = await getAppSessionManager().getSession(started.session_id);
    expect(session?.accessCount).toBe(2);
    expect(session?.version).toBe(2);
    expect(session?.clientBinding?.toolUsageSequence).toEqual(['get_session_info', 'get_session_info']);
  });
});
