import { describe, expect, it } from 'vitest';
import type { LegacyContractSubject, SessionDataLike } from './subject.js';
import { advanceTime, epochOf, uniqueSessionId } from './support.js';

export function describeData(impl: LegacyContractSubject): void {
  const thread = (name: string, backend: 'bedrock' | 'litellm' | 'ollama' = 'bedrock') =>
    new impl.Thread({ id: `thread-${name}`, name, systemPrompt: `You are a ${name} expert`, modelBackend: backend });

  const populated = (): SessionDataLike => {
    const data = new impl.SessionData(uniqueSessionId('data'), new Date(), 'Test Topic');
    const technical = thread('technical');
    technical.addMessage('user', 'Hello');
    data.addThread(technical);
    data.addThread(
      new impl.Thread({
        id: 'thread-risk',
        name: 'risk',
        systemPrompt: 'You are a risk expert',
        modelBackend: 'ollama',
        modelName: 'llama3',
      }),
    );
    data.recordAnalysis('First', { technical: 'Fine', risk: '[NO_RESPONSE]' }, 1, 1);
    advanceTime(1000);
    data.recordAnalysis('Second', { technical: 'Still fine' }, 1, 0);
    return data;
  };

  describe('SessionData', () => {
    it('starts empty, with or without a topic', () => {
      const createdAt = new Date();
      const sessionId = uniqueSessionId('data');
      const data = new impl.SessionData(sessionId, createdAt);
      expect(data.sessionId).toBe(sessionId);
      expect(data.createdAt.getTime()).toBe(createdAt.getTime());
      expect(data.topic).toBeNull();
      expect([data.getThreadCount(), data.getAnalysisCount(), data.getThreadNames()]).toEqual([0, 0, []]);
      expect(new impl.SessionData(sessionId, createdAt, 'AI Ethics').topic).toBe('AI Ethics');
    });

    it('adds, finds, lists and removes threads', () => {
      const data = new impl.SessionData(uniqueSessionId('data'), new Date());
      data.addThread(thread('technical'));
      data.addThread(thread('business'));
      expect(data.getThreadCount()).toBe(2);
      expect(data.getThreadNames().sort()).toEqual(['business', 'technical']);
      expect(data.getThread('business')?.name).toBe('business');
      expect(data.getThread('missing')).toBeUndefined();
      expect(data.removeThread('business')).toBe(true);
      expect(data.removeThread('business')).toBe(false);
      expect(data.getThreadNames()).toEqual(['technical']);
    });

    it('records analyses as AnalysisRecords stamped with the current time', () => {
      const data = new impl.SessionData(uniqueSessionId('data'), new Date());
      expect(data.getLastAnalysis() ?? null).toBeNull();
      advanceTime(2000);
      data.recordAnalysis('Prompt', { technical: 'A', business: 'B' }, 2, 0);
      const last = data.getLastAnalysis();
      expect(last).toMatchObject({
        prompt: 'Prompt',
        responses: { technical: 'A', business: 'B' },
        activeCount: 2,
        abstainedCount: 0,
      });
      expect(last?.timestamp.getTime()).toBe(Date.now());
      expect(data.getAnalysisCount()).toBe(1);
      data.clearAnalyses();
      expect(data.getAnalysisCount()).toBe(0);
      expect(data.getLastAnalysis() ?? null).toBeNull();
    });

    it('summarizes its analyses', () => {
      expect(new impl.SessionData(uniqueSessionId('data'), new Date()).getAnalysesSummary()).toEqual({
        count: 0,
        message: 'No analyses recorded',
      });
      const summary = populated().getAnalysesSummary();
      expect(summary).toEqual({
        count: 2,
        total_responses: 3,
        last_analysis: { timestamp: expect.any(String), active_count: 1, abstained_count: 0 },
      });
      expect(epochOf(summary.last_analysis?.timestamp ?? '')).toBe(Date.now());
    });

    it('serializes to the snake_case dict of the reference system', () => {
      const data = populated();
      const dict = data.toDict();
      expect(Object.keys(dict).sort()).toEqual(['analyses', 'created_at', 'session_id', 'threads', 'topic']);
      expect(dict.session_id).toBe(data.sessionId);
      expect(epochOf(dict.created_at)).toBe(data.createdAt.getTime());
      expect(dict.topic).toBe('Test Topic');
      expect(dict.threads['risk']).toEqual({
        id: 'thread-risk',
        name: 'risk',
        system_prompt: 'You are a risk expert',
        model_backend: 'ollama',
        model_name: 'llama3',
        conversation_history: [],
      });
      expect(dict.threads['technical']?.conversation_history).toEqual([{ role: 'user', content: 'Hello', timestamp: expect.any(String) }]);
      expect(dict.analyses.map(({ prompt, active_count, abstained_count }) => [prompt, active_count, abstained_count])).toEqual([
        ['First', 1, 1],
        ['Second', 1, 0],
      ]);
    });

    it('round-trips through toDict and fromDict', () => {
      const data = populated();
      const restored = impl.SessionData.fromDict(JSON.parse(JSON.stringify(data.toDict())));
      expect(restored.toDict()).toEqual(data.toDict());
      expect(restored.createdAt.getTime()).toBe(data.createdAt.getTime());
      expect(restored.getThread('risk')?.modelBackend).toBe('ollama');
      expect(restored.getLastAnalysis()?.timestamp.getTime()).toBe(data.getLastAnalysis()?.timestamp.getTime());
    });

    it('fromDict fills in what older dicts left out', () => {
      const restored = impl.SessionData.fromDict({
        session_id: 'minimal-session',
        created_at: '2023-06-15T10:00:00+00:00',
        threads: {
          technical: { id: 't1', name: 'technical', system_prompt: 'You are technical', model_backend: 'litellm' },
        },
      });
      expect(restored.topic).toBeNull();
      expect(restored.createdAt.toISOString()).toBe('2023-06-15T10:00:00.000Z');
      expect(restored.getAnalysisCount()).toBe(0);
      expect(restored.getThread('technical')).toMatchObject({ modelName: null, conversationHistory: [] });
    });

    it('fromDict rejects malformed data with SessionError', () => {
      const valid = populated().toDict();
      const broken: unknown[] = [
        null,
        { ...valid, session_id: undefined },
        { ...valid, created_at: 'yesterday' },
        { ...valid, threads: { technical: { ...valid.threads['technical'], model_backend: 'gpt' } } },
        { ...valid, analyses: [{ prompt: 'p' }] },
      ];
      for (const data of broken) expect(() => impl.SessionData.fromDict(data)).toThrow(impl.SessionError);
    });
  });

  describe('AnalysisRecord', () => {
    it('round-trips through toDict and fromDict', () => {
      const record = new impl.AnalysisRecord({
        prompt: 'Test analysis prompt',
        timestamp: new Date('2023-06-15T10:30:00.000Z'),
        responses: { technical: 'Technical response', business: 'Business response' },
        activeCount: 2,
        abstainedCount: 0,
      });
      const dict = record.toDict();
      expect(dict).toEqual({
        prompt: 'Test analysis prompt',
        timestamp: expect.any(String),
        responses: { technical: 'Technical response', business: 'Business response' },
        active_count: 2,
        abstained_count: 0,
      });
      expect(epochOf(dict.timestamp)).toBe(Date.parse('2023-06-15T10:30:00.000Z'));
      const restored = impl.AnalysisRecord.fromDict(dict);
      expect(restored).toMatchObject({ prompt: record.prompt, activeCount: 2, abstainedCount: 0 });
      expect(restored.timestamp.getTime()).toBe(record.timestamp.getTime());
    });

    it('reads the Python isoformat timestamps of the reference system', () => {
      const restored = impl.AnalysisRecord.fromDict({
        prompt: 'Assess the migration',
        timestamp: '2026-11-27T07:55:06.340058+00:00',
        responses: { technical: 'Do it in phases.', risk: '[NO_RESPONSE]' },
        active_count: 1,
        abstained_count: 1,
      });
      expect(restored.timestamp.toISOString()).toBe('2026-11-27T07:55:06.340Z');
    });
  });

  describe('session data registry', () => {
    it('finds registered data by session id', () => {
      const data = new impl.SessionData(uniqueSessionId('registry'), new Date());
      impl.registerSessionData(data);
      expect(impl.getSessionData(data.sessionId)).toBe(data);
      const replacement = new impl.SessionData(data.sessionId, new Date());
      impl.registerSessionData(replacement);
      expect(impl.getSessionData(data.sessionId)).toBe(replacement);
    });

    it('throws SessionError for a session with no registered data', () => {
      const sessionId = uniqueSessionId('unregistered');
      expect(() => impl.getSessionData(sessionId)).toThrow(impl.SessionError);
      expect(() => impl.getSessionData(sessionId)).toThrow(sessionId);
    });
  });
}
