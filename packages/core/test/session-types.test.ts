import { describe, expect, it } from 'vitest';
import { AnalysisRecord, ClientBinding, ModelBackend, SecurityEvent, SessionMetrics, SessionState, SessionValidationError, Thread } from '../src/index.js';
import { parseTimestamp } from '../src/interop.js';
import { readVector } from './helpers.js';

function validationError(fn: () => unknown): SessionValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SessionValidationError);
    return error as SessionValidationError;
  }
  throw new Error('expected a SessionValidationError');
}

describe('ModelBackend', () => {
  it('is a const object and a union type', () => {
    const backend: ModelBackend = ModelBackend.OLLAMA;
    expect(backend).toBe('ollama');
    expect(Object.values(ModelBackend)).toEqual(['bedrock', 'litellm', 'ollama']);
  });
});

describe('Thread', () => {
  it('round-trips through the reference JSON shape', () => {
    const thread = new Thread({ id: 's_risk', name: 'risk', systemPrompt: 'You assess risk.', modelBackend: 'ollama' });
    thread.addMessage('user', 'What could go wrong?');
    const json = thread.toJSON();
    expect(Object.keys(json)).toEqual(['id', 'name', 'system_prompt', 'model_backend', 'model_name', 'conversation_history']);
    expect(json.model_name).toBeNull();
    expect(json.conversation_history[0]).toMatchObject({ role: 'user', content: 'What could go wrong?' });
    expect(Thread.fromJSON(json).toJSON()).toEqual(json);
  });

  it('rejects bad input with the field named', () => {
    const error = validationError(() => new Thread({ id: 'x', name: '', systemPrompt: 'p', modelBackend: 'bedrock' }));
    expect(error.message).toMatch(/^Invalid thread: name: /);
    expect(error.issues[0]?.path).toEqual(['name']);
    const backend = validationError(() => Thread.fromJSON({ id: 'x', name: 'x', system_prompt: 'p', model_backend: 'gpt' }));
    expect(backend.message).toContain('model_backend: expected one of bedrock|litellm|ollama');
  });

  it('does not share the history array it was given', () => {
    const history = [{ role: 'user', content: 'hi', timestamp: '2026-11-27T08:00:00.000Z' }];
    const thread = new Thread({ id: 'x', name: 'x', systemPrompt: 'p', modelBackend: 'bedrock', conversationHistory: history });
    thread.addMessage('assistant', 'hello');
    expect(history).toHaveLength(1);
  });
});

describe('ClientBinding', () => {
  const init = {
    sessionEntropy: 'entropy',
    creationTimestamp: '2026-11-27T08:00:00.000Z',
    bindingSignature: 'a'.repeat(64),
    accessPatternHash: 'b'.repeat(64),
  };

  it('adds each flag once and applies the reference suspicion thresholds', () => {
    const binding = new ClientBinding(init);
    binding.addSecurityFlag('x');
    binding.addSecurityFlag('x');
    expect(binding.securityFlags).toEqual(['x']);
    expect(binding.isSuspicious()).toBe(false);

    binding.validationFailures = 3;
    expect(binding.isSuspicious()).toBe(false);
    binding.validationFailures = 4;
    expect(binding.isSuspicious()).toBe(true);

    const manyFlags = new ClientBinding({ ...init, securityFlags: ['a', 'b', 'c', 'd', 'e'] });
    expect(manyFlags.isSuspicious()).toBe(false);
    manyFlags.addSecurityFlag('f');
    expect(manyFlags.isSuspicious()).toBe(true);

    expect(new ClientBinding({ ...init, securityFlags: ['multiple_failed_validations'] }).isSuspicious()).toBe(true);
  });

  it('writes signature_scheme only for hmac-sha256 (the old system wrote none)', () => {
    expect(new ClientBinding(init).toJSON().signature_scheme).toBe('hmac-sha256');
    const { signature_scheme: _scheme, ...oldStyle } = new ClientBinding(init).toJSON();
    const legacy = ClientBinding.fromJSON(oldStyle);
    expect(legacy.signatureScheme).toBe('pbkdf2-sha256');
    expect('signature_scheme' in legacy.toJSON()).toBe(false);
  });

  it('rejects an unknown signature scheme', () => {
    const json = { ...new ClientBinding(init).toJSON(), signature_scheme: 'md5' };
    expect(validationError(() => ClientBinding.fromJSON(json)).message).toContain('signature_scheme');
  });
});

describe('AnalysisRecord', () => {
  it('counts abstentions ([NO_RESPONSE]) apart from active answers', () => {
    const record = AnalysisRecord.fromResponses('p', { a: 'yes', b: '[NO_RESPONSE]', c: 'no' }, '2026-11-27T08:00:00.000Z');
    expect([record.activeCount, record.abstainedCount]).toEqual([2, 1]);
    expect(AnalysisRecord.fromJSON(record.toJSON()).toJSON()).toEqual(record.toJSON());
  });
});

describe('SessionMetrics', () => {
  it('keeps running averages and counts', () => {
    const metrics = new SessionMetrics(0);
    metrics.recordAnalysis(1);
    metrics.recordAnalysis(3);
    metrics.recordAccess(Date.parse('2026-11-27T08:00:00.000Z'));
    metrics.recordError();
    metrics.recordSecurityEvent();
    expect(metrics.toJSON()).toEqual({
      access_count: 1,
      analysis_count: 2,
      thread_count: 0,
      last_accessed: '2026-11-27T08:00:00.000Z',
      total_response_time: 4,
      avg_response_time: 2,
      error_count: 1,
      security_event_count: 1,
    });
  });

  it('fills missing keys with the reference defaults', () => {
    const metrics = SessionMetrics.fromJSON({}, Date.parse('2026-11-27T08:00:00.000Z'));
    expect(metrics.toJSON()).toMatchObject({ access_count: 0, avg_response_time: 0, last_accessed: '2026-11-27T08:00:00.000Z' });
  });
});

describe('SecurityEvent', () => {
  it('serializes eventType as "type" and copies details', () => {
    const details = { tool_name: 'x', nested: { n: 1 } };
    const event = new SecurityEvent('binding_validation_failed', '2026-11-27T08:00:00.000Z', details);
    const json = event.toJSON();
    expect(json).toEqual({ type: 'binding_validation_failed', timestamp: '2026-11-27T08:00:00.000Z', details });
    expect(json.details).not.toBe(details);
    expect(SecurityEvent.fromJSON(json).eventType).toBe('binding_validation_failed');
  });
});

describe('SessionState.fromJSON', () => {
  const vector = () => readVector('state-with-binding') as Record<string, unknown> & { threads: Record<string, Record<string, unknown>> };

  it('names the path of the first bad field', () => {
    const bad = vector();
    (bad.threads.technical as Record<string, unknown>).model_backend = 'gpt-9';
    const error = validationError(() => SessionState.fromJSON(bad));
    expect(error.message).toContain('threads.technical.model_backend: expected one of bedrock|litellm|ollama');
    expect(error.issues[0]?.path).toEqual(['threads', 'technical', 'model_backend']);
  });

  it.each([
    ['a non-object', 42, ''],
    ['null', null, ''],
    ['a missing session_id', { created_at: '2026-11-27T08:00:00Z' }, 'session_id'],
    ['a bad session id', { session_id: 'has space', created_at: '2026-11-27T08:00:00Z' }, 'session_id'],
    ['an invalid date', { session_id: 's', created_at: 'yesterday' }, 'created_at'],
    ['a negative version', { session_id: 's', created_at: '2026-11-27T08:00:00Z', version: -1 }, 'version'],
    ['a fractional version', { session_id: 's', created_at: '2026-11-27T08:00:00Z', version: 1.5 }, 'version'],
    ['NaN in metrics', { session_id: 's', created_at: '2026-11-27T08:00:00Z', metrics: { total_response_time: Number.NaN } }, 'metrics.total_response_time'],
    [
      'a non-string response',
      {
        session_id: 's',
        created_at: '2026-11-27T08:00:00Z',
        analyses: [{ prompt: 'p', timestamp: '2026-11-27T08:00:00Z', responses: { a: 1 }, active_count: 1, abstained_count: 0 }],
      },
      'analyses.0.responses.a',
    ],
    [
      'a thread stored under another name',
      { session_id: 's', created_at: '2026-11-27T08:00:00Z', threads: { a: { id: 'x', name: 'b', system_prompt: 'p', model_backend: 'bedrock' } } },
      'threads.a.name',
    ],
  ])('rejects %s', (_label, data, path) => {
    const error = validationError(() => SessionState.fromJSON(data));
    expect(error.code).toBe('SESSION_INVALID_INPUT');
    if (path !== '') expect(error.message).toContain(`${path}:`);
  });

  it('ignores unknown keys and fills reference defaults for missing optional ones', () => {
    const state = SessionState.fromJSON({ session_id: 's', created_at: '2026-11-27T08:00:00Z', surprise: true }, 0);
    expect(state.toJSON()).toEqual({
      session_id: 's',
      created_at: '2026-11-27T08:00:00Z',
      topic: null,
      version: 0,
      threads: {},
      analyses: [],
      security_events: [],
      client_binding: null,
      metrics: expect.objectContaining({ access_count: 0, last_accessed: '1970-01-01T00:00:00.000Z' }),
    });
  });

  it('never pollutes a prototype through __proto__ keys', () => {
    const hostile = JSON.parse(
      '{"session_id":"s","created_at":"2026-11-27T08:00:00Z","__proto__":{"polluted":1},' +
        '"security_events":[{"type":"t","timestamp":"2026-11-27T08:00:00Z","details":{"__proto__":{"polluted":1}}}]}',
    ) as unknown;
    const state = SessionState.fromJSON(hostile);
    const json = state.toJSON();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((json.security_events[0]?.details as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(json.security_events[0]?.details)).toBe(Object.prototype);
  });

  it('rejects details nested deeper than JSON it will export', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { deep };
    const data = { session_id: 's', created_at: '2026-11-27T08:00:00Z', security_events: [{ type: 't', timestamp: '2026-11-27T08:00:00Z', details: deep }] };
    expect(validationError(() => SessionState.fromJSON(data)).message).toContain('nested deeper');
  });
});

describe('timestamps', () => {
  it('accepts Python isoformat and JS ISO strings, naive ones as UTC', () => {
    expect(parseTimestamp('2026-11-27T07:55:05.896051+00:00')).toBe(Date.parse('2026-11-27T07:55:05.896Z'));
    expect(parseTimestamp('2026-11-27T07:55:05.896Z')).toBe(Date.parse('2026-11-27T07:55:05.896Z'));
    expect(parseTimestamp('2026-11-27T07:55:05')).toBe(Date.parse('2026-11-27T07:55:05Z'));
    expect(parseTimestamp('2026-11-27T09:55:05+02:00')).toBe(Date.parse('2026-11-27T07:55:05Z'));
    expect(parseTimestamp('not a date')).toBeNaN();
    expect(parseTimestamp('2026-13-45T99:00:00Z')).toBeNaN();
  });
});
