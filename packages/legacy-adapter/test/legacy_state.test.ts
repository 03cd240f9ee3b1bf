/**
 * Carrying sessions over from a running old system: what the REAL old system
 * (`@sessionkit/legacy`, a dev dependency of these tests only) holds for a
 * session becomes core state that restores, validates and keeps working.
 */
import * as legacy from '@sessionkit/legacy';
import { SessionValidationError, SimpleSessionManager } from '@sessionkit/core';
import { ManualClock } from '@sessionkit/core/testing';
import { describe, expect, it } from 'vitest';
import { ContextSwitcherSession, SessionData, fromLegacyState, getSessionData, registerSessionData } from '../src/index.js';
import { newId, thread } from './support/fixtures.js';

const SECRET = 'carried-over-secret';
/** The old sessions below were made on 2026-11-27: restore them while they are still within their TTL. */
const thatMorning = () => new ManualClock(Date.parse('2026-11-27T08:00:00.000Z'));

/** A session of the old system, made by its own create sequence, with some history. */
async function oldSystemSession() {
  const sessionId = newId('old-system');
  const record = new legacy.ContextSwitcherSession(sessionId, new Date('2026-11-27T07:55:05.896Z'), { topic: 'Carry me over' });
  record.clientBinding = new legacy.SessionSecurity(sessionId).createClientBinding(SECRET); // PBKDF2, 600,000 rounds
  const data = new legacy.SessionData(sessionId, record.createdAt, 'Carry me over');
  data.addThread(new legacy.Thread({ id: `${sessionId}_risk`, name: 'risk', systemPrompt: 'You are risk.', modelBackend: 'ollama', modelName: 'llama3' }));
  data.getThread('risk')?.addMessage('user', 'What breaks?');
  data.recordAnalysis('What breaks?', { risk: 'The lock.' }, 1, 0);
  record.recordSecurityEvent('rate_limit_warning', null);
  await record.recordAccess('get_session_info');
  await record.recordAccess('analyze_from_perspectives');
  return { sessionId, record, data };
}

describe('fromLegacyState', () => {
  it('turns an old record and its data into core state that restores and validates with the same secret', async () => {
    const { sessionId, record, data } = await oldSystemSession();
    const state = fromLegacyState(record, data);

    expect(state).toMatchObject({
      session_id: sessionId,
      created_at: '2026-11-27T07:55:05.896000+00:00',
      topic: 'Carry me over',
      version: 2,
      analyses: [{ prompt: 'What breaks?', responses: { risk: 'The lock.' }, active_count: 1, abstained_count: 0 }],
      security_events: [{ type: 'rate_limit_warning', details: {} }],
      metrics: { access_count: 2, thread_count: 1, analysis_count: 1 },
    });
    expect(state.threads['risk']).toMatchObject({
      model_backend: 'ollama',
      model_name: 'llama3',
      conversation_history: [{ role: 'user', content: 'What breaks?' }],
    });
    expect(state.client_binding).not.toHaveProperty('signature_scheme'); // old PBKDF2 signature, as the old system wrote it
    expect(state.client_binding?.tool_usage_sequence).toEqual(['get_session_info', 'analyze_from_perspectives']);

    const manager = new SimpleSessionManager({ secretKey: SECRET, clock: thatMorning() });
    const session = await manager.restoreSession(state);
    await expect(session.validateSecurity('first_core_call')).resolves.toBe(true);
    const exported = await session.exportState();
    expect(exported.client_binding?.signature_scheme).toBe('hmac-sha256'); // re-signed on first use
    expect(exported.security_events.at(-1)?.type).toBe('binding_upgraded');
    await manager.shutdown();
  });

  it('a carried-over binding still refuses another secret', async () => {
    const { record, data } = await oldSystemSession();
    const manager = new SimpleSessionManager({ secretKey: 'not-the-old-secret', clock: thatMorning() });
    const session = await manager.restoreSession(fromLegacyState(record, data));
    await expect(session.validateSecurity()).rejects.toThrow(/validation failed/);
    await manager.shutdown();
  });

  it('reads the old toDict() JSON, and the adapter’s own objects', () => {
    const old = new legacy.SessionData(newId('dict'), new Date('2030-01-01T00:00:00Z'), 'From a dict');
    old.addThread(new legacy.Thread({ id: 't', name: 'technical', systemPrompt: 'p', modelBackend: 'bedrock' }));
    const fromDict = fromLegacyState(JSON.parse(JSON.stringify(old.toDict())) as object);
    expect(fromDict).toMatchObject({ session_id: old.sessionId, topic: 'From a dict', version: 0, client_binding: null });
    expect(Object.keys(fromDict.threads)).toEqual(['technical']);

    const record = new ContextSwitcherSession(newId('adapter'), new Date('2030-01-01T00:00:00Z'), { topic: 'Bridged' });
    const data = new SessionData(record.sessionId, record.createdAt);
    data.addThread(thread('risk', record.sessionId));
    expect(fromLegacyState(record)).toMatchObject({ topic: 'Bridged', version: 1, threads: { risk: { name: 'risk' } } });
  });

  it('reads adapter objects of one session once: the README’s two-source call does not double analyses', () => {
    const record = new ContextSwitcherSession(newId('two-views'), new Date('2030-01-01T00:00:00Z'), { topic: 'Bridged' });
    const data = new SessionData(record.sessionId, record.createdAt);
    registerSessionData(data);
    data.addThread(thread('risk', record.sessionId));
    data.recordAnalysis('What breaks?', { risk: 'The lock.' }, 1, 0);

    const state = fromLegacyState(record, getSessionData(record.sessionId));
    expect(state.analyses.map((analysis) => analysis.prompt)).toEqual(['What breaks?']);
    expect(state.metrics).toMatchObject({ analysis_count: 1, thread_count: 1 });
    expect(Object.keys(state.threads)).toEqual(['risk']);
    expect(fromLegacyState(record, data, record)).toEqual(state);
    expect(fromLegacyState(data)).toEqual(state);
  });

  it('rejects bad input with SessionValidationError naming what is wrong', async () => {
    const { record } = await oldSystemSession();
    const other = new legacy.SessionData(newId('other'), new Date());
    expect(() => fromLegacyState()).toThrow(SessionValidationError);
    expect(() => fromLegacyState(42 as never)).toThrow(/source 0 must be a session object/);
    expect(() => fromLegacyState({ hello: 'world' })).toThrow(/neither a session record/);
    expect(() => fromLegacyState(record, other)).toThrow(/source 1 is session/);
    expect(() => fromLegacyState({ session_id: 'x', created_at: 'yesterday' })).toThrow(/created_at/);
    expect(() =>
      fromLegacyState({
        session_id: 'x',
        created_at: '2030-01-01T00:00:00Z',
        threads: { risk: { id: 'r', name: 'risk', system_prompt: 'p', model_backend: 'gpt' } },
      }),
    ).toThrow(/threads\.risk\.model_backend/);
  });
});
