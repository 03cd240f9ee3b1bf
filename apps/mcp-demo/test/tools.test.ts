/**
 * Every tool, driven over stdio against the built server the way an MCP host
 * would run it, by the SDK v2 client pinned to 2026-07-28 and by the SDK v1
 * client (2025 era): the same results in both protocol eras.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILT_IN_PERSPECTIVES, NO_RESPONSE } from '@sessionkit/core';
import { TEMPLATE_PERSPECTIVE_PROMPTS, TEMPLATES } from '../src/templates.js';
import {
  type Analysis,
  CLIENT_KINDS,
  ok,
  type RunningServer,
  type SessionDetails,
  type SessionList,
  startStdioServer,
  type StartedSession,
} from './support/client.js';

const TOOLS = [
  'start_context_analysis',
  'add_perspective',
  'remove_perspective',
  'analyze_from_perspectives',
  'get_session_info',
  'list_sessions',
  'end_session',
  'save_perspective',
];

describe.each(CLIENT_KINDS)('client: %s', (kind) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startStdioServer({}, [], kind);
  });

  afterAll(async () => {
    await server.close();
  });

  async function start(args: Record<string, unknown>): Promise<StartedSession> {
    return ok<StartedSession>(await server.call('start_context_analysis', args));
  }

  async function info(sessionId: string): Promise<SessionDetails> {
    return ok<SessionDetails>(await server.call('get_session_info', { session_id: sessionId }));
  }

  describe('tools/list', () => {
    test('offers exactly the session tools, each with input and output schemas', async () => {
      const tools = await server.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOLS].sort());
      for (const tool of tools) {
        expect(tool.description, tool.name).toBeTruthy();
        expect(tool.inputSchema.type, tool.name).toBe('object');
        expect(tool.outputSchema?.type, tool.name).toBe('object');
      }
    });

    test('publishes the session handle argument and the perspective name rule as JSON Schema', async () => {
      const tools = await server.listTools();
      const add = tools.find((tool) => tool.name === 'add_perspective');
      expect(add?.inputSchema.required?.sort()).toEqual(['perspective', 'session_id']);
      expect(add?.inputSchema.properties?.session_id).toMatchObject({ type: 'string', description: expect.stringMatching(/session handle/) });
      const start = tools.find((tool) => tool.name === 'start_context_analysis');
      expect(start?.inputSchema.properties?.session_id).toBeUndefined();
      expect(start?.outputSchema?.properties).toMatchObject({ session_id: { type: 'string' }, session_expires_at: { type: 'string' } });
      expect(add?.inputSchema.properties?.perspective).toMatchObject({ type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' });
    });
  });

  describe('start_context_analysis', () => {
    test('with a template: the template’s perspectives, version 0, expiry one TTL after creation', async () => {
      const started = await start({ topic: 'Move billing to a monorepo?', template: 'architecture-review' });
      expect(started.session_id).toMatch(/^[A-Za-z0-9_-]{43}$/); // core's generateSessionId(): 256 bits, base64url
      expect(started).toMatchObject({ topic: 'Move billing to a monorepo?', template: 'architecture-review', version: 0 });
      expect(started.perspectives).toEqual(TEMPLATES['architecture-review'].perspectives);
      expect(Date.parse(started.session_expires_at) - Date.parse(started.created_at)).toBe(3_600_000);
    });

    test('with perspectives: exactly those, with core’s built-in, the templates’ or the generic prompt', async () => {
      const started = await start({ topic: 'Launch in Japan', perspectives: ['technical', 'security', 'localization'] });
      expect(started.template).toBeNull();
      expect(started.perspectives).toEqual(['technical', 'security', 'localization']);
      const prompts = Object.fromEntries((await info(started.session_id)).perspectives.map((p) => [p.name, p.system_prompt]));
      expect(prompts.technical).toBe(BUILT_IN_PERSPECTIVES.technical);
      expect(prompts.security).toBe(TEMPLATE_PERSPECTIVE_PROMPTS.security);
      expect(prompts.localization).toMatch(/^You are a localization expert\./);
    });

    test('with neither: the balanced template', async () => {
      const started = await start({ topic: 'Hire or outsource?' });
      expect(started.template).toBe('balanced');
      expect(started.perspectives).toEqual(['technical', 'business', 'user', 'risk']);
    });

    test('every session gets its own id', async () => {
      const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => start({ topic: `parallel ${i}` }).then((s) => s.session_id)));
      expect(new Set(ids).size).toBe(5);
    });
  });

  describe('add_perspective / remove_perspective', () => {
    test('adds a thread (built-in or custom prompt) and removes one, one version each', async () => {
      const { session_id } = await start({ topic: 'Data retention', perspectives: ['technical'] });

      const added = ok<{ perspectives: string[]; system_prompt: string; version: number }>(
        await server.call('add_perspective', { session_id, perspective: 'risk' }),
      );
      expect(added).toMatchObject({ perspectives: ['technical', 'risk'], system_prompt: BUILT_IN_PERSPECTIVES.risk, prompt_source: 'built-in', version: 1 });

      const custom = ok<{ perspectives: string[]; system_prompt: string; version: number }>(
        await server.call('add_perspective', { session_id, perspective: 'privacy', system_prompt: 'You are a GDPR specialist.' }),
      );
      expect(custom).toMatchObject({
        perspectives: ['technical', 'risk', 'privacy'],
        system_prompt: 'You are a GDPR specialist.',
        prompt_source: 'argument',
        version: 2,
      });

      const removed = ok<{ perspectives: string[]; version: number }>(await server.call('remove_perspective', { session_id, perspective: 'technical' }));
      expect(removed).toMatchObject({ perspectives: ['risk', 'privacy'], version: 3 });

      const details = await info(session_id);
      expect(details.perspectives.map((p) => [p.name, p.system_prompt])).toEqual([
        ['risk', BUILT_IN_PERSPECTIVES.risk],
        ['privacy', 'You are a GDPR specialist.'],
      ]);
      expect(details.version).toBe(3);
    });
  });

  describe('save_perspective (per-user state)', () => {
    test('a saved prompt is what add_perspective uses, in any of the caller’s sessions', async () => {
      const saved = ok<{ saved_perspectives: string[]; replaced: boolean }>(
        await server.call('save_perspective', { perspective: 'accessibility', system_prompt: 'You audit for WCAG 2.2 AA.' }),
      );
      expect(saved.saved_perspectives).toContain('accessibility');
      const again = ok<{ replaced: boolean }>(
        await server.call('save_perspective', { perspective: 'accessibility', system_prompt: 'You audit for WCAG 2.2 AAA.' }),
      );
      expect(again.replaced).toBe(true);
      for (const topic of ['first session', 'second session']) {
        const { session_id } = await start({ topic, perspectives: ['technical'] });
        const added = ok<{ system_prompt: string; prompt_source: string }>(await server.call('add_perspective', { session_id, perspective: 'accessibility' }));
        expect(added).toEqual(expect.objectContaining({ system_prompt: 'You audit for WCAG 2.2 AAA.', prompt_source: 'saved' }));
      }
    });
  });

  describe('analyze_from_perspectives', () => {
    test('every perspective answers a prompt that mentions none; the exchange lands in each thread', async () => {
      const { session_id, perspectives } = await start({ topic: 'Adopt feature flags', template: 'balanced' });
      const analysis = ok<Analysis>(await server.call('analyze_from_perspectives', { session_id, prompt: 'What changes first?' }));

      expect(analysis.responses).toEqual(Object.fromEntries(perspectives.map((name) => [name, `[${name}] What changes first?`])));
      expect(analysis).toMatchObject({ active_count: 4, abstained_count: 0, abstained_perspectives: [], analysis_number: 1, version: 1 });
      expect(analysis.response_time_seconds).toBeGreaterThanOrEqual(0);

      const details = await info(session_id);
      expect(details.analysis_count).toBe(1);
      expect(details.last_analysis).toMatchObject({ prompt: 'What changes first?', responses: analysis.responses, active_count: 4, abstained_count: 0 });
      expect(details.perspectives.map((p) => p.message_count)).toEqual([2, 2, 2, 2]); // the prompt and the answer
    });

    test('a prompt that @mentions perspectives is out of scope for the others: they abstain with [NO_RESPONSE]', async () => {
      const { session_id } = await start({ topic: 'Adopt feature flags', template: 'balanced' });
      const analysis = ok<Analysis>(
        await server.call('analyze_from_perspectives', { session_id, prompt: '@Risk and @user: what could go wrong for customers?' }),
      );
      expect(analysis.active_perspectives).toEqual(['user', 'risk']);
      expect(analysis.abstained_perspectives).toEqual(['technical', 'business']);
      expect(analysis.responses.technical).toBe(NO_RESPONSE);
      expect(analysis.responses.risk).toBe('[risk] @Risk and @user: what could go wrong for customers?');
      expect(analysis).toMatchObject({ active_count: 2, abstained_count: 2 });

      const details = await info(session_id);
      expect(details.last_analysis).toMatchObject({ active_count: 2, abstained_count: 2 });
    });

    test('analyses count up one by one, each one version', async () => {
      const { session_id } = await start({ topic: 'Sequence', perspectives: ['technical'] });
      const numbers = [];
      for (const prompt of ['one', 'two', 'three']) {
        const analysis = ok<Analysis>(await server.call('analyze_from_perspectives', { session_id, prompt }));
        numbers.push([analysis.analysis_number, analysis.version]);
      }
      expect(numbers).toEqual([
        [1, 1],
        [2, 2],
        [3, 3],
      ]);
      expect((await info(session_id)).perspectives[0]?.message_count).toBe(6);
    });
  });

  describe('get_session_info', () => {
    test('reports the binding check of every tool call and the session metrics', async () => {
      const { session_id } = await start({ topic: 'Metrics', perspectives: ['business'] });
      await server.call('analyze_from_perspectives', { session_id, prompt: 'Worth it?' });
      const details = await info(session_id);
      expect(details.security).toMatchObject({
        validation_failures: 0,
        security_flags: [],
        // validateSecurity(toolName) records each tool, in call order
        tool_usage_sequence: ['start_context_analysis', 'analyze_from_perspectives', 'get_session_info'],
      });
      expect(details.metrics.analysis_count).toBe(1);
      expect(details.metrics.error_count).toBe(0);
    });
  });

  describe('list_sessions / end_session', () => {
    test('lists live sessions; an ended session is gone from the list and from every tool', async () => {
      const first = await start({ topic: 'Keep me', perspectives: ['user'] });
      const second = await start({ topic: 'End me', perspectives: ['user', 'risk'] });
      await server.call('analyze_from_perspectives', { session_id: second.session_id, prompt: 'Last words?' });

      const before = ok<SessionList>(await server.call('list_sessions'));
      const ids = before.sessions.map((s) => s.session_id);
      expect(ids).toEqual(expect.arrayContaining([first.session_id, second.session_id]));
      expect(before.sessions.find((s) => s.session_id === second.session_id)).toMatchObject({
        topic: 'End me',
        perspectives: ['user', 'risk'],
        analysis_count: 1,
        version: 1,
      });
      // One caller here (stdio): every live session is theirs, plus their per-user state (saved perspectives).
      expect(before.capacity).toMatchObject({ active_sessions: before.sessions.length + 1, max_sessions: 50, session_ttl_hours: 1 });

      const ended = ok(await server.call('end_session', { session_id: second.session_id }));
      expect(ended).toEqual({ session_id: second.session_id, ended: true, topic: 'End me', perspectives: ['user', 'risk'], analysis_count: 1, version: 1 });

      const after = ok<SessionList>(await server.call('list_sessions'));
      expect(after.sessions.map((s) => s.session_id)).not.toContain(second.session_id);
      expect(after.sessions.map((s) => s.session_id)).toContain(first.session_id);
      expect(after.capacity.active_sessions).toBe(before.capacity.active_sessions - 1);

      const again = await server.call('get_session_info', { session_id: second.session_id });
      expect(again.isError).toBe(true);
    });
  });

  describe('the process', () => {
    test('logs to stderr only, and exits when the client closes stdin', async () => {
      const noisy = await startStdioServer({ SESSIONKIT_LOG_LEVEL: 'debug' }, [], kind);
      ok(await noisy.call('start_context_analysis', { topic: 'Logging' }));
      await noisy.call('get_session_info', { session_id: 'unknown' });
      await noisy.close();
      // The protocol worked (stdout carried only JSON-RPC) while the log went to stderr.
      expect(noisy.stderr()).toContain('[mcp-demo] info: serving MCP on stdio');
      expect(noisy.stderr()).toContain('[mcp-demo] debug: get_session_info refused: INVALID_ARGUMENT');
      expect(noisy.stderr()).toContain('shutting down: the client closed stdin');
      expect(noisy.stderr()).toContain('[mcp-demo] info: stopped');
    });
  });
});
