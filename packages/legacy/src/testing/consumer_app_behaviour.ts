import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

type Responder = (perspectiveName: string, systemPrompt: string, prompt: string) => Promise<string>;
type Request = Record<string, unknown>;

/**
 * The legacy application's tool functions (`@sessionkit/legacy/tools/session_tools`,
 * or the same file after migration). Requests and results are plain JSON.
 */
export interface ConsumerApp {
  configureSessionTools(options: { responder?: Responder; maxSessions?: number; sessionTtlHours?: number; cleanupIntervalMinutes?: number }): Promise<void>;
  shutdownSessionTools(): Promise<void>;
  startContextAnalysis(request: Request): Promise<unknown>;
  addPerspective(request: Request): Promise<unknown>;
  removePerspective(request: Request): Promise<unknown>;
  analyzeFromPerspectives(request: Request): Promise<unknown>;
  getSessionInfo(request: Request): Promise<unknown>;
  listSessions(): Promise<unknown>;
}

export interface ConsumerAppBehaviourOptions {
  /** Suite title; default `legacy application behaviour`. */
  name?: string;
  /** Runs once before the suite, e.g. to lower the legacy PBKDF2 cost. */
  beforeAll?: () => void | Promise<void>;
  afterAll?: () => void | Promise<void>;
}

const T0 = new Date('2030-06-01T12:00:00.000Z');
const MINUTE_MS = 60_000;
const DEFAULT_PERSPECTIVES = ['technical', 'business', 'user', 'risk'];
/** The session id alphabet MCP clients and the new core accept. */
const SESSION_ID = /^[A-Za-z0-9_.:-]{1,256}$/;

type Json = Record<string, unknown>;

/** A tool result as a record (failing the test when it is not one). */
function json(value: unknown): Json {
  expect(value, 'a tool result is a JSON object').toBeTypeOf('object');
  expect(value).not.toBeNull();
  return value as Json;
}

function expectFailure(value: unknown, errorCode: string): Json {
  const result = json(value);
  expect(result, JSON.stringify(result)).toMatchObject({ success: false, error_code: errorCode });
  expect(result['error_message']).toEqual(expect.stringMatching(/\S/));
  return result;
}

function expectSuccess(value: unknown): Json {
  const result = json(value);
  expect(result['success'], JSON.stringify(result)).toBe(true);
  return result;
}

function advanceMinutes(minutes: number): void {
  vi.setSystemTime(new Date(Date.now() + minutes * MINUTE_MS));
}

/**
 * End-to-end behaviour of the legacy application's MCP tools, asserted only
 * on their JSON results, so it runs unchanged against the application before
 * and after the codemods migrate it. Time is a faked `Date`.
 */
export function defineConsumerAppBehaviour(app: ConsumerApp, options: ConsumerAppBehaviourOptions = {}): void {
  describe(options.name ?? 'legacy application behaviour', () => {
    let calls: Array<[name: string, systemPrompt: string, prompt: string]>;
    let answer: (name: string, prompt: string) => string | Promise<string>;

    const responder: Responder = async (name, systemPrompt, prompt) => {
      calls.push([name, systemPrompt, prompt]);
      return answer(name, prompt);
    };

    const configure = (overrides: { maxSessions?: number; responder?: Responder } = {}) =>
      app.configureSessionTools({ responder, maxSessions: 10, sessionTtlHours: 1, cleanupIntervalMinutes: 5, ...overrides });

    const start = async (request: Request = { topic: 'Should we migrate the session layer?' }) => expectSuccess(await app.startContextAnalysis(request));

    const startId = async (request?: Request): Promise<string> => String((await start(request))['session_id']);

    const info = async (sessionId: string) => expectSuccess(await app.getSessionInfo({ session_id: sessionId }));

    if (options.beforeAll) beforeAll(options.beforeAll);
    if (options.afterAll) afterAll(options.afterAll);

    beforeEach(async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      calls = [];
      answer = (name) => `${name}: proceed in phases`;
      await configure();
    });

    afterEach(async () => {
      await app.shutdownSessionTools();
      vi.useRealTimers();
    });

    describe('startContextAnalysis', () => {
      it('opens a session with the four default perspectives', async () => {
        const result = await start({ topic: 'Adopt the new session layer' });
        expect(result).toMatchObject({
          topic: 'Adopt the new session layer',
          perspectives: DEFAULT_PERSPECTIVES,
          total_perspectives: 4,
          model_backend: 'bedrock',
        });
        expect(Date.parse(String(result['created_at']))).toBe(T0.getTime());
      });

      it('gives each session its own id from the MCP-safe alphabet', async () => {
        const ids = [await startId(), await startId(), await startId()];
        for (const id of ids) expect(id).toMatch(SESSION_ID);
        expect(new Set(ids).size).toBe(3);
      });

      it('uses the requested perspectives, giving unknown names a generic expert prompt', async () => {
        const result = await start({ topic: 'Harden the API', initial_perspectives: ['technical', 'security'] });
        expect(result).toMatchObject({ perspectives: ['technical', 'security'], total_perspectives: 2 });

        await app.analyzeFromPerspectives({ session_id: result['session_id'], prompt: 'Where are we weak?' });
        const prompts = Object.fromEntries(calls.map(([name, systemPrompt]) => [name, systemPrompt]));
        expect(Object.keys(prompts).sort()).toEqual(['security', 'technical']);
        expect(prompts['security']).toMatch(/security expert/);
        expect(prompts['technical']).toMatch(/technical architecture expert/);
      });

      it('answers a malformed request with invalid_request', async () => {
        const requests: unknown[] = [
          { topic: '' },
          { topic: 42 },
          {},
          null,
          { topic: 'ok', initial_perspectives: 'technical' },
          { topic: 'ok', initial_perspectives: ['not a name!'] },
          { topic: 'ok', model_backend: 'gpt-9' },
        ];
        for (const request of requests) {
          expectFailure(await app.startContextAnalysis(request as Request), 'invalid_request');
        }
        expect(json(await app.listSessions())['total_sessions']).toBe(0);
      });

      it('reports session_creation_error at capacity, and succeeds again once sessions expire', async () => {
        await configure({ maxSessions: 2 });
        await start();
        advanceMinutes(10);
        await start();
        expectFailure(await app.startContextAnalysis({ topic: 'One too many' }), 'session_creation_error');
        advanceMinutes(51);
        await start({ topic: 'Room again' });
        expect(json(await app.listSessions())['total_sessions']).toBe(2);
      });
    });

    describe('perspectives', () => {
      it('addPerspective adds a perspective that takes part in the next analysis', async () => {
        const sessionId = await startId();
        const added = expectSuccess(
          await app.addPerspective({
            session_id: sessionId,
            name: 'security',
            description: 'Focus on threats',
            custom_prompt: 'You are a penetration tester.',
          }),
        );
        expect(added).toMatchObject({ session_id: sessionId, perspective_added: 'security', total_perspectives: 5 });
        expect(added['thread_id']).toEqual(expect.stringMatching(/\S/));

        expectSuccess(await app.addPerspective({ session_id: sessionId, name: 'migration_path', description: 'Plan the cut-over.' }));
        expect(Object.keys(json((await info(sessionId))['perspectives'])).sort()).toEqual([...DEFAULT_PERSPECTIVES, 'migration_path', 'security'].sort());

        await app.analyzeFromPerspectives({ session_id: sessionId, prompt: 'Go?' });
        const prompts = Object.fromEntries(calls.map(([name, systemPrompt]) => [name, systemPrompt]));
        expect(prompts['security']).toBe('You are a penetration tester.');
        expect(prompts['migration_path']).toMatch(/Plan the cut-over\./);
      });

      it('addPerspective answers a malformed request with invalid_request', async () => {
        const sessionId = await startId();
        const requests: Request[] = [
          { session_id: sessionId, description: 'no name' },
          { session_id: sessionId, name: 'security' },
          { session_id: sessionId, name: 'has spaces', description: 'bad name' },
          { name: 'security', description: 'no session' },
        ];
        for (const request of requests) expectFailure(await app.addPerspective(request), 'invalid_request');
        expect((await info(sessionId))['total_perspectives']).toBe(4);
      });

      it('removePerspective removes a perspective from the session and from later analyses', async () => {
        const sessionId = await startId();
        const removed = expectSuccess(await app.removePerspective({ session_id: sessionId, name: 'business' }));
        expect(removed).toMatchObject({ perspective_removed: 'business', total_perspectives: 3 });
        expect(Object.keys(json((await info(sessionId))['perspectives'])).sort()).toEqual(['risk', 'technical', 'user']);

        await app.analyzeFromPerspectives({ session_id: sessionId, prompt: 'Go?' });
        expect(calls.map(([name]) => name).sort()).toEqual(['risk', 'technical', 'user']);
      });

      it('removePerspective answers an unknown perspective with perspective_not_found', async () => {
        const sessionId = await startId();
        expectFailure(await app.removePerspective({ session_id: sessionId, name: 'astrology' }), 'perspective_not_found');
        expect((await info(sessionId))['total_perspectives']).toBe(4);
      });
    });

    describe('analyzeFromPerspectives', () => {
      it('asks every perspective once and counts [NO_RESPONSE] as abstained', async () => {
        const sessionId = await startId();
        answer = (name) => (name === 'user' ? '[NO_RESPONSE]' : `${name}: yes`);
        const result = expectSuccess(await app.analyzeFromPerspectives({ session_id: sessionId, prompt: 'Migrate now?' }));
        expect(result).toMatchObject({
          session_id: sessionId,
          responses: {
            technical: 'technical: yes',
            business: 'business: yes',
            user: '[NO_RESPONSE]',
            risk: 'risk: yes',
          },
          active_count: 3,
          abstained_count: 1,
        });
        expect(calls.map(([name, , prompt]) => [name, prompt]).sort()).toEqual(DEFAULT_PERSPECTIVES.map((name) => [name, 'Migrate now?']).sort());

        const details = await info(sessionId);
        expect(details).toMatchObject({
          analysis_count: 1,
          last_analysis: { prompt: 'Migrate now?', response_count: 4, active_count: 3, abstained_count: 1 },
        });
        expect(json(json(details['perspectives'])['technical'])['message_count']).toBe(2);
      });

      it('reports a failing perspective in errors and leaves it out of the counts', async () => {
        const sessionId = await startId();
        answer = (name) => {
          if (name === 'business') throw new Error('model timed out');
          return `${name}: fine`;
        };
        const result = expectSuccess(await app.analyzeFromPerspectives({ session_id: sessionId, prompt: 'Go?' }));
        expect(Object.keys(json(result['responses'])).sort()).toEqual(['risk', 'technical', 'user']);
        expect(json(result['errors'])['business']).toMatch(/model timed out/);
        expect(result).toMatchObject({ active_count: 3, abstained_count: 0 });
      });

      it('records every one of several concurrent analyses', async () => {
        const sessionId = await startId();
        const results = await Promise.all(['First?', 'Second?', 'Third?'].map((prompt) => app.analyzeFromPerspectives({ session_id: sessionId, prompt })));
        for (const result of results) expectSuccess(result);
        const details = await info(sessionId);
        expect(details['analysis_count']).toBe(3);
        for (const name of DEFAULT_PERSPECTIVES) {
          expect(json(json(details['perspectives'])[name])['message_count']).toBe(6);
        }
      });

      it('answers a missing prompt with invalid_request and a session without perspectives with no_perspectives', async () => {
        const sessionId = await startId({ topic: 'Lonely', initial_perspectives: ['technical'] });
        expectFailure(await app.analyzeFromPerspectives({ session_id: sessionId, prompt: '  ' }), 'invalid_request');
        expectSuccess(await app.removePerspective({ session_id: sessionId, name: 'technical' }));
        expectFailure(await app.analyzeFromPerspectives({ session_id: sessionId, prompt: 'Anyone?' }), 'no_perspectives');
        expect(calls).toEqual([]);
      });

      it('reports not_configured when the application has no responder', async () => {
        await app.configureSessionTools({ maxSessions: 10, sessionTtlHours: 1, cleanupIntervalMinutes: 5 });
        const sessionId = await startId();
        expectFailure(await app.analyzeFromPerspectives({ session_id: sessionId, prompt: 'Go?' }), 'not_configured');
      });
    });

    describe('getSessionInfo and listSessions', () => {
      it('getSessionInfo describes the session, with a version that grows with each change', async () => {
        const sessionId = await startId({ topic: 'Versioned' });
        const before = await info(sessionId);
        expect(before).toMatchObject({
          session_id: sessionId,
          topic: 'Versioned',
          total_perspectives: 4,
          analysis_count: 0,
          last_analysis: null,
          security: { has_client_binding: true, is_suspicious: false },
        });
        expect(Date.parse(String(before['created_at']))).toBe(T0.getTime());
        expect(Number.isInteger(before['version'])).toBe(true);

        expectSuccess(await app.addPerspective({ session_id: sessionId, name: 'legal', description: 'Contracts.' }));
        const after = await info(sessionId);
        expect(Number(after['version'])).toBeGreaterThan(Number(before['version']));
      });

      it('answers an unknown session with session_not_found from every session tool', async () => {
        const session_id = 'no-such-session';
        expectFailure(await app.getSessionInfo({ session_id }), 'session_not_found');
        expectFailure(await app.addPerspective({ session_id, name: 'legal', description: 'Contracts.' }), 'session_not_found');
        expectFailure(await app.removePerspective({ session_id, name: 'risk' }), 'session_not_found');
        expectFailure(await app.analyzeFromPerspectives({ session_id, prompt: 'Hello?' }), 'session_not_found');
        expectFailure(await app.getSessionInfo({}), 'invalid_request');
      });

      it('expires a session one TTL after creation, however recently it was used', async () => {
        const sessionId = await startId();
        advanceMinutes(59);
        await info(sessionId);
        advanceMinutes(2);
        expectFailure(await app.getSessionInfo({ session_id: sessionId }), 'session_not_found');
        expect(json(await app.listSessions())['total_sessions']).toBe(0);
      });

      it('listSessions lists every live session with its perspectives and analysis count', async () => {
        const first = await startId({ topic: 'First topic' });
        advanceMinutes(1);
        const second = await startId({ topic: 'Second topic', initial_perspectives: ['risk'] });
        await app.analyzeFromPerspectives({ session_id: second, prompt: 'Risky?' });

        const listing = expectSuccess(await app.listSessions());
        expect(listing['total_sessions']).toBe(2);
        const byId = Object.fromEntries((listing['sessions'] as unknown[]).map((entry) => [json(entry)['session_id'], json(entry)]));
        expect(byId[first]).toMatchObject({ topic: 'First topic', perspectives: DEFAULT_PERSPECTIVES, analyses_count: 0 });
        expect(byId[second]).toMatchObject({ topic: 'Second topic', perspectives: ['risk'], analyses_count: 1 });
        expect(json(listing['stats'])).toMatchObject({ active_sessions: 2, max_sessions: 10 });
      });

      it('starts empty again after shutdown and reconfiguration', async () => {
        const sessionId = await startId();
        await app.shutdownSessionTools();
        await configure();
        expectFailure(await app.getSessionInfo({ session_id: sessionId }), 'session_not_found');
        expect(json(await app.listSessions())['total_sessions']).toBe(0);
      });
    });
  });
}
