/**
 * Every failure is a tool error (`isError: true`) with a stable code in its
 * text and in `_meta`, through both SDKs, never a transport failure.
 */
import { type Clock, generateSessionId, SimpleSessionManager } from '@sessionkit/core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createSessionLayer, McpToolError, reportError } from '../dist/index.js';
import { NOTEBOOK_TOOLS } from './fixtures/notebook-tools.mjs';
import { type ClientKind, connectHttp, failure, ok, type TestClient } from './support/clients.js';
import { type RunningHttp, startV1Http, startV2Http } from './support/http-servers.js';

/** A clock the test moves. */
class TestClock implements Clock {
  ms = Date.now();
  now(): number {
    return this.ms;
  }
}

const clock = new TestClock();
const manager = new SimpleSessionManager({ secretKeys: ['errors-test-key'], maxSessions: 8, clock, sessionTtlHours: 1 });
const layer = createSessionLayer({
  manager,
  unauthenticated: 'reject',
  hints: { SESSION_NOT_FOUND: 'start a notebook with start_notebook' },
});
let v2: RunningHttp;
let v1: RunningHttp;
const open: TestClient[] = [];

beforeAll(async () => {
  v2 = await startV2Http(layer, NOTEBOOK_TOOLS);
  v1 = await startV1Http(layer, NOTEBOOK_TOOLS);
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  for (const id of Object.keys(await manager.listActiveSessions())) await manager.removeSession(id);
});

afterAll(async () => {
  await v2.close();
  await v1.close();
  await manager.shutdown();
});

describe.each<[string, () => string, ClientKind]>([
  ['SDK v2, 2026-07-28', () => v2.url, 'v2 pinned 2026-07-28'],
  ['SDK v2, 2025 era', () => v2.url, 'v2 2025 mode'],
  ['SDK v1, 2025 era', () => v1.url, 'v1'],
])('%s', (_name, url, kind) => {
  async function alice(): Promise<TestClient> {
    const client = await connectHttp(kind, url(), 'token-alice');
    open.push(client);
    return client;
  }

  test('an unknown handle: SESSION_NOT_FOUND with the hint, naming only the handle', async () => {
    const handle = generateSessionId();
    const refused = failure(await (await alice()).call('read_notebook', { session_id: handle }));
    expect(refused).toEqual({
      code: 'SESSION_NOT_FOUND',
      text: `SESSION_NOT_FOUND: no session '${handle}' (it never existed, was ended, or expired). To continue: start a notebook with start_notebook`,
      retryable: false,
    });
  });

  test('a malformed handle: INVALID_ARGUMENT naming the argument', async () => {
    const refused = failure(await (await alice()).call('add_note', { session_id: '../../etc/passwd', text: 'x' }));
    expect(refused.code).toBe('INVALID_ARGUMENT');
    expect(refused.text).toMatch(/^INVALID_ARGUMENT: session_id: expected a session handle/);
  });

  test("a tool's own McpToolError passes through with its code and retryability", async () => {
    const client = await alice();
    const { session_id } = ok<{ session_id: string }>(await client.call('start_notebook', { title: 'shop' }));
    expect(failure(await client.call('refuse', { session_id }))).toEqual({ code: 'OUT_OF_STOCK', text: 'OUT_OF_STOCK: nothing left to sell', retryable: true });
  });

  test('an unexpected exception: INTERNAL_ERROR, and its details stay on the server', async () => {
    const refused = failure(await (await alice()).call('explode'));
    expect(refused.code).toBe('INTERNAL_ERROR');
    expect(refused.text).not.toMatch(/secret detail/);
  });

  test('a core validation error: INVALID_ARGUMENT naming the field', async () => {
    const client = await alice();
    const { session_id } = ok<{ session_id: string }>(await client.call('start_notebook', { title: 'v' }));
    const refused = failure(await client.call('bad_write', { session_id }));
    expect(refused.code).toBe('INVALID_ARGUMENT');
    expect(refused.text).toMatch(/responses\.technical: expected string/);
    expect(refused.text).not.toMatch(/[A-Za-z0-9_-]{22}\./); // no storage key
  });

  test('a create tool that fails after creating its session leaves no session behind', async () => {
    const client = await alice();
    const before = (await manager.getStats()).active_sessions;
    expect(failure(await client.call('start_and_fail')).code).toBe('NOT_TODAY');
    expect((await manager.getStats()).active_sessions).toBe(before);
    expect(ok<{ notebooks: unknown[] }>(await client.call('list_notebooks')).notebooks).toEqual([]);
  });

  test("a create tool that returns the layer's own field is an INTERNAL_ERROR, and leaves no session behind", async () => {
    const client = await alice();
    const before = (await manager.getStats()).active_sessions;
    expect(failure(await client.call('start_clashing')).code).toBe('INTERNAL_ERROR');
    expect((await manager.getStats()).active_sessions).toBe(before);
  });

  test('a session whose client binding no longer validates: SESSION_FORBIDDEN', async () => {
    const client = await alice();
    const { session_id } = ok<{ session_id: string }>(await client.call('start_notebook', { title: 'forged' }));
    const key = Object.keys(await manager.listActiveSessions()).find((k) => k.endsWith(`.${session_id}`)) as string;
    await (
      await manager.requireSession(key)
    ).atomicUpdate((state) => {
      if (state.clientBinding !== null) state.clientBinding.bindingSignature = '0'.repeat(64); // what a forged state carries
    });
    const refused = failure(await client.call('add_note', { session_id, text: 'x' }));
    expect(refused.code).toBe('SESSION_FORBIDDEN');
    expect(refused.text).not.toContain(key); // the storage key is not shown, the handle may be
  });

  test('a full pool: SESSION_CAPACITY, retryable', async () => {
    const client = await alice();
    for (let i = 0; i < 8; i++) ok(await client.call('start_notebook', { title: `n${i}` }));
    const refused = failure(await client.call('start_notebook', { title: 'one too many' }));
    expect(refused.code).toBe('SESSION_CAPACITY');
    expect(refused.retryable).toBe(true);
  });

  test("the caller's own expired session is SESSION_EXPIRED once, then SESSION_NOT_FOUND", async () => {
    const client = await alice();
    const { session_id } = ok<{ session_id: string }>(await client.call('start_notebook', { title: 'short-lived' }));
    clock.ms += 3_600_000 + 1_000;
    try {
      expect(failure(await client.call('read_notebook', { session_id }))).toEqual({
        code: 'SESSION_EXPIRED',
        text: `SESSION_EXPIRED: session '${session_id}' has expired`,
        retryable: false,
      });
      // Core removed it when it found it expired: from then on it is gone.
      expect(failure(await client.call('read_notebook', { session_id })).code).toBe('SESSION_NOT_FOUND');
    } finally {
      clock.ms = Date.now();
    }
  });
});

describe('reportError', () => {
  test('maps every core error code to a stable MCP code', async () => {
    const core = await import('@sessionkit/core');
    expect(reportError(new core.SessionNotFoundError('x')).code).toBe('SESSION_NOT_FOUND');
    expect(reportError(new core.SessionSecurityError('x')).code).toBe('SESSION_FORBIDDEN');
    expect(reportError(new core.SessionConcurrencyError('x'))).toMatchObject({ code: 'SESSION_CONFLICT', retryable: true });
    expect(reportError(new core.SessionExistsError('x')).code).toBe('SESSION_CONFLICT');
    expect(reportError(new core.SessionValidationError('x')).code).toBe('INVALID_ARGUMENT');
    expect(reportError(new core.SessionStateCorruptError('x', { sessionId: 's' })).code).toBe('INTERNAL_ERROR');
    expect(reportError(new core.SessionCapacityError('x')).code).toBe('SESSION_CAPACITY');
    expect(reportError(new core.SessionStoreUnavailableError('x'))).toMatchObject({ code: 'SESSION_UNAVAILABLE', retryable: true });
    expect(reportError(new core.SessionCleanupError('x'))).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(reportError(new Error('boom')).message).not.toContain('boom');
  });

  test('McpToolError refuses a code that is not UPPER_SNAKE_CASE', () => {
    expect(() => new McpToolError('out of stock', 'x')).toThrow(/UPPER_SNAKE_CASE/);
  });
});
