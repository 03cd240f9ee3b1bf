/** The old suite's tests of `AnalysisRecord` and `SessionData`. */
import { describe, expect } from 'vitest';
import type { ThreadLike } from '../contract/subject.js';
import type { OldSuiteSessionDataLike } from './subject.js';
import { sessionId, setNow, utc, type SuiteContext } from './support.js';

export function describeData({ impl, test }: SuiteContext): void {
  const technicalThread = (): ThreadLike =>
    new impl.Thread({
      id: 'thread-123',
      name: 'technical',
      systemPrompt: 'You are a technical expert',
      modelBackend: impl.ModelBackend.BEDROCK,
      modelName: 'anthropic.claude-3-sonnet-20240229-v1:0',
    });
  const businessThread = (): ThreadLike =>
    new impl.Thread({
      id: 'thread-456',
      name: 'business',
      systemPrompt: 'You are a business expert',
      modelBackend: impl.ModelBackend.LITELLM,
      modelName: 'gpt-4',
    });
  /** Session data created 2023-06-15 10:00 UTC with the technical thread. */
  const sampleData = (oldId = 'session-789', topic = 'Test Topic'): OldSuiteSessionDataLike => {
    const data = new impl.SessionData(sessionId(oldId), utc(2023, 6, 15, 10), topic);
    data.addThread(technicalThread());
    return data;
  };
  const sampleRecord = () =>
    new impl.AnalysisRecord({
      prompt: 'Test analysis prompt',
      timestamp: utc(2023, 6, 15, 12, 30, 45),
      responses: { technical: 'Technical response', business: 'Business response' },
      activeCount: 2,
      abstainedCount: 0,
    });

  describe('AnalysisRecord', () => {
    test('keeps what it was created with', () => {
      const record = sampleRecord();
      expect(record.prompt).toBe('Test analysis prompt');
      expect(record.timestamp).toEqual(utc(2023, 6, 15, 12, 30, 45));
      expect(record.responses).toEqual({ technical: 'Technical response', business: 'Business response' });
      expect(record.activeCount).toBe(2);
      expect(record.abstainedCount).toBe(0);
    });

    test('toDict gives the old dict, the timestamp in Python isoformat', () => {
      // Compared as JSON text: persisted state must keep its exact shape, key order included.
      expect(JSON.stringify(sampleRecord().toDict())).toBe(
        JSON.stringify({
          prompt: 'Test analysis prompt',
          timestamp: '2023-06-15T12:30:45+00:00',
          responses: { technical: 'Technical response', business: 'Business response' },
          active_count: 2,
          abstained_count: 0,
        }),
      );
    });

    test('fromDict reads the old dict', () => {
      const record = impl.AnalysisRecord.fromDict({
        prompt: 'Test prompt from dict',
        timestamp: '2023-06-15T12:30:45+00:00',
        responses: { perspective1: 'Response 1', perspective2: 'Response 2' },
        active_count: 2,
        abstained_count: 1,
      });
      expect(record.prompt).toBe('Test prompt from dict');
      expect(record.timestamp).toEqual(utc(2023, 6, 15, 12, 30, 45));
      expect(record.responses).toEqual({ perspective1: 'Response 1', perspective2: 'Response 2' });
      expect(record.activeCount).toBe(2);
      expect(record.abstainedCount).toBe(1);
    });

    test('toDict then fromDict gives the same record', () => {
      const original = sampleRecord();
      const copy = impl.AnalysisRecord.fromDict(original.toDict());
      expect(copy.prompt).toBe(original.prompt);
      expect(copy.timestamp).toEqual(original.timestamp);
      expect(copy.responses).toEqual(original.responses);
      expect(copy.activeCount).toBe(original.activeCount);
      expect(copy.abstainedCount).toBe(original.abstainedCount);
    });
  });

  describe('SessionData', () => {
    test('starts with no topic, threads or analyses', () => {
      const id = sessionId('test-session');
      const data = new impl.SessionData(id, new Date());
      expect(data.sessionId).toBe(id);
      expect(data.topic).toBeNull();
      expect(Object.keys(data.threads)).toHaveLength(0);
      expect(data.analyses).toHaveLength(0);
      expect(data.createdAt).toBeInstanceOf(Date);
    });

    test('keeps its topic', () => {
      const data = new impl.SessionData(sessionId('test-session'), new Date(), 'AI Ethics Discussion');
      expect(data.topic).toBe('AI Ethics Discussion');
    });

    test('addThread adds a thread under its name', () => {
      const data = sampleData();
      const before = Object.keys(data.threads).length;
      const business = businessThread();
      data.addThread(business);
      expect(Object.keys(data.threads)).toHaveLength(before + 1);
      expect('business' in data.threads).toBe(true);
      expect(data.threads['business']).toEqual(business);
    });

    test('getThread finds a thread by name, or nothing', () => {
      const data = sampleData();
      expect(data.getThread('technical')?.name).toBe('technical');
      expect(data.getThread('nonexistent')).toBeUndefined();
    });

    test('recordAnalysis appends an analysis stamped with the current time', () => {
      const data = sampleData();
      const responses = { technical: 'Tech analysis', business: 'Business analysis' };
      const before = data.analyses.length;
      const now = utc(2023, 6, 15, 14, 30);
      setNow(now);
      data.recordAnalysis('Analyze this scenario', responses, 2, 0);
      expect(data.analyses).toHaveLength(before + 1);
      const latest = data.analyses.at(-1);
      expect(latest?.prompt).toBe('Analyze this scenario');
      expect(latest?.responses).toEqual(responses);
      expect(latest?.activeCount).toBe(2);
      expect(latest?.abstainedCount).toBe(0);
      expect(latest?.timestamp).toEqual(now);
    });

    test('getLastAnalysis returns the most recent analysis, or null', () => {
      const data = sampleData();
      expect(data.getLastAnalysis()).toBeNull();
      data.recordAnalysis('Test prompt', { tech: 'response' }, 1, 0);
      expect(data.getLastAnalysis()?.prompt).toBe('Test prompt');
      data.recordAnalysis('Second prompt', { tech: 'response2' }, 1, 0);
      expect(data.getLastAnalysis()?.prompt).toBe('Second prompt');
    });

    test('getThreadCount counts the threads', () => {
      const data = sampleData();
      expect(data.getThreadCount()).toBe(1);
      data.addThread(businessThread());
      expect(data.getThreadCount()).toBe(2);
    });

    test('getAnalysisCount counts the analyses', () => {
      const data = sampleData();
      expect(data.getAnalysisCount()).toBe(0);
      data.recordAnalysis('Test', {}, 0, 0);
      expect(data.getAnalysisCount()).toBe(1);
      data.recordAnalysis('Test 2', {}, 0, 0);
      expect(data.getAnalysisCount()).toBe(2);
    });

    test('getThreadNames lists the thread names', () => {
      const data = sampleData();
      expect(data.getThreadNames()).toEqual(['technical']);
      data.addThread(businessThread());
      expect(new Set(data.getThreadNames())).toEqual(new Set(['technical', 'business']));
    });

    test('removeThread removes an existing thread and says so', () => {
      const data = sampleData();
      data.addThread(businessThread());
      const before = data.getThreadCount();
      expect(data.removeThread('business')).toBe(true);
      expect(data.getThreadCount()).toBe(before - 1);
      expect(data.getThread('business')).toBeUndefined();
    });

    test('removeThread of an unknown name changes nothing and says so', () => {
      const data = sampleData();
      const before = data.getThreadCount();
      expect(data.removeThread('nonexistent')).toBe(false);
      expect(data.getThreadCount()).toBe(before);
    });

    test('clearAnalyses forgets every analysis', () => {
      const data = sampleData();
      data.recordAnalysis('Test 1', {}, 0, 0);
      data.recordAnalysis('Test 2', {}, 0, 0);
      expect(data.getAnalysisCount()).toBe(2);
      data.clearAnalyses();
      expect(data.getAnalysisCount()).toBe(0);
      expect(data.getLastAnalysis()).toBeNull();
    });

    test('getAnalysesSummary without analyses says there are none', () => {
      expect(sampleData().getAnalysesSummary()).toEqual({ count: 0, message: 'No analyses recorded' });
    });

    test('getAnalysesSummary counts analyses and responses and describes the last one', () => {
      const data = sampleData();
      data.recordAnalysis('Test 1', { tech: 'resp1', business: 'resp2' }, 2, 0);
      data.recordAnalysis('Test 2', { tech: 'resp3' }, 1, 1);
      const summary = data.getAnalysesSummary();
      expect(summary.count).toBe(2);
      expect(summary.total_responses).toBe(3);
      expect(summary.last_analysis?.active_count).toBe(1);
      expect(summary.last_analysis?.abstained_count).toBe(1);
      expect(summary.last_analysis).toHaveProperty('timestamp');
    });

    test('toDict gives the old dict: Python isoformat creation time, threads by name, analyses', () => {
      const data = sampleData();
      data.recordAnalysis('Test analysis', { tech: 'response' }, 1, 0);
      const dict = data.toDict();
      expect(dict.session_id).toBe(data.sessionId);
      expect(dict.created_at).toBe('2023-06-15T10:00:00+00:00');
      expect(dict.topic).toBe('Test Topic');
      const technical = dict.threads['technical'];
      expect(technical?.name).toBe('technical');
      expect(technical?.model_backend).toBe('bedrock');
      expect(technical?.system_prompt).toBe('You are a technical expert');
      expect(dict.analyses).toHaveLength(1);
      expect(dict.analyses[0]?.prompt).toBe('Test analysis');
    });

    test(
      'fromDict rebuilds session data, its threads and its analyses',
      () => {
        const data = impl.SessionData.fromDict({
          session_id: sessionId('reconstructed-session'),
          created_at: '2023-06-15T10:00:00+00:00',
          topic: 'Reconstructed Topic',
          threads: {
            technical: {
              id: 'thread-123',
              name: 'technical',
              system_prompt: 'You are a technical expert',
              model_backend: 'bedrock',
              model_name: 'anthropic.claude-3-sonnet-20240229-v1:0',
              // As in the old test: a message with no timestamp.
              conversation_history: [{ role: 'user', content: 'Hello' }],
            },
          },
          analyses: [
            {
              prompt: 'Test analysis',
              timestamp: '2023-06-15T12:30:45+00:00',
              responses: { tech: 'response' },
              active_count: 1,
              abstained_count: 0,
            },
          ],
        });
        expect(data.topic).toBe('Reconstructed Topic');
        expect(data.createdAt).toEqual(utc(2023, 6, 15, 10));
        expect(data.getThreadCount()).toBe(1);
        const technical = data.getThread('technical');
        expect(technical?.modelBackend).toBe(impl.ModelBackend.BEDROCK);
        expect(technical?.conversationHistory).toHaveLength(1);
        expect(data.getAnalysisCount()).toBe(1);
        expect(data.getLastAnalysis()?.prompt).toBe('Test analysis');
        expect(data.getLastAnalysis()?.activeCount).toBe(1);
      },
      {
        legacy:
          'the port requires every conversation message to have role, content and timestamp (the shape ' +
          'Thread.addMessage writes) and rejects this message, which has no timestamp; the untyped old dicts took it',
        adapter: 'core validates conversation messages the same way (a timestamp is required)',
      },
    );

    test('toDict then fromDict gives the same session data', () => {
      const data = sampleData();
      data.addThread(businessThread());
      data.recordAnalysis('First analysis', { tech: 'resp1' }, 1, 0);
      data.recordAnalysis('Second analysis', { tech: 'resp2', business: 'resp3' }, 2, 0);
      const copy = impl.SessionData.fromDict(data.toDict());
      expect(copy.sessionId).toBe(data.sessionId);
      expect(copy.topic).toBe(data.topic);
      expect(copy.createdAt).toEqual(data.createdAt);
      expect(copy.getThreadCount()).toBe(data.getThreadCount());
      expect(copy.getAnalysisCount()).toBe(data.getAnalysisCount());
      expect(new Set(copy.getThreadNames())).toEqual(new Set(data.getThreadNames()));
      expect(copy.getLastAnalysis()?.prompt).toBe(data.getLastAnalysis()?.prompt);
      expect(copy.getLastAnalysis()?.responses).toEqual(data.getLastAnalysis()?.responses);
    });
  });

  describe('SessionData edge cases', () => {
    test('fromDict without the optional fields gives an empty session', () => {
      const id = sessionId('minimal-session');
      const data = impl.SessionData.fromDict({ session_id: id, created_at: '2023-06-15T10:00:00+00:00' });
      expect(data.sessionId).toBe(id);
      expect(data.topic).toBeNull();
      expect(data.getThreadCount()).toBe(0);
      expect(data.getAnalysisCount()).toBe(0);
    });

    test('fromDict of a thread without model name or history', () => {
      const data = impl.SessionData.fromDict({
        session_id: sessionId('test-session'),
        created_at: '2023-06-15T10:00:00+00:00',
        threads: {
          minimal: { id: 'thread-minimal', name: 'minimal', system_prompt: 'Minimal thread', model_backend: 'bedrock' },
        },
      });
      const thread = data.getThread('minimal');
      expect(thread).toBeDefined();
      expect(thread?.modelName).toBeNull();
      expect(thread?.conversationHistory).toEqual([]);
    });

    test('adding a thread with an existing name replaces it', () => {
      const data = sampleData('test-session-123', 'Test topic');
      expect(data.getThread('technical')).toBeDefined();
      data.addThread(
        new impl.Thread({
          id: 'new-thread-id',
          name: 'technical',
          systemPrompt: 'Updated technical prompt',
          modelBackend: impl.ModelBackend.OLLAMA,
          modelName: 'llama2',
        }),
      );
      expect(data.getThreadCount()).toBe(1);
      const thread = data.getThread('technical');
      expect(thread?.id).toBe('new-thread-id');
      expect(thread?.systemPrompt).toBe('Updated technical prompt');
      expect(thread?.modelBackend).toBe(impl.ModelBackend.OLLAMA);
    });

    test('a thousand analyses are all kept and summarised', () => {
      const data = new impl.SessionData(sessionId('perf-test'), new Date());
      const total = 1000;
      for (let index = 0; index < total; index += 1) {
        const responses = Object.fromEntries([0, 1, 2].map((j) => [`perspective_${j}`, `response_${index}_${j}`]));
        data.recordAnalysis(`Analysis ${index}`, responses, 3, 0);
      }
      expect(data.getAnalysisCount()).toBe(total);
      expect(data.getLastAnalysis()?.prompt).toBe(`Analysis ${total - 1}`);
      const summary = data.getAnalysesSummary();
      expect(summary.count).toBe(total);
      expect(summary.total_responses).toBe(total * 3);
    });
  });
}
