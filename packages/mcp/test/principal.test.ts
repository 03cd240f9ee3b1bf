/**
 * Sessions are bound to the principal that started them. Another principal
 * holding the handle gets exactly what a handle nobody ever minted gets, by
 * the same path, and nothing of the session is touched; per-user state is
 * per principal; unauthenticated callers are what the policy says.
 */
import { generateSessionId, SimpleSessionManager } from '@sessionkit/core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createSessionLayer } from '../dist/index.js';
import { NOTEBOOK_TOOLS } from './fixtures/notebook-tools.mjs';
import { type ClientKind, connectHttp, failure, ok, type TestClient } from './support/clients.js';
import { type RunningHttp, startV1Http, startV2Http } from './support/http-servers.js';

/** A real manager that counts the lookups made on it, to compare two calls' paths. */
class CountingManager extends SimpleSessionManager {
  readonly calls: string[] = [];
  override async requireSession(id: string) {
    this.calls.push('requireSession');
    return super.requireSession(id);
  }
  override async getSession(id: string) {
    this.calls.push('getSession');
    return super.getSession(id);
  }
}

const manager = new CountingManager({ secretKeys: ['principal-test-key'] });
const layer = createSessionLayer({ manager, unauthenticated: 'reject' });
let v2: RunningHttp;
let v1: RunningHttp;
const open: TestClient[] = [];

async function client(kind: ClientKind, url: string, token?: string): Promise<TestClient> {
  const connected = await connectHttp(kind, url, token);
  open.push(connected);
  return connected;
}

beforeAll(async () => {
  v2 = await startV2Http(layer, NOTEBOOK_TOOLS);
  v1 = await startV1Http(layer, NOTEBOOK_TOOLS);
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await v2.close();
  await v1.close();
  await manager.shutdown();
});

const SESSION_TOOLS: readonly [string, Record<string, unknown>][] = [
  ['add_note', { text: 'mine now' }],
  ['read_notebook', {}],
  ['end_notebook', {}],
  ['refuse', {}],
];

describe.each<[string, () => string, ClientKind]>([
  ['SDK v2 server, 2026-07-28 clients', () => v2.url, 'v2 pinned 2026-07-28'],
  ['SDK v2 server, 2025-era (v1) clients', () => v2.url, 'v1'],
  ['SDK v1 server, 2025-era clients', () => v1.url, 'v1'],
])('%s', (_name, url, kind) => {
  test("another principal's handle is refused exactly like a handle nobody minted, and the session is untouched", async () => {
    const alice = await client(kind, url(), 'token-alice');
    const bob = await client(kind, url(), 'token-bob');
    const { session_id } = ok<{ session_id: string }>(await alice.call('start_notebook', { title: 'private' }));
    const never = generateSessionId();

    for (const [tool, args] of SESSION_TOOLS) {
      manager.calls.length = 0;
      const foreign = failure(await bob.call(tool, { ...args, session_id }));
      const foreignPath = [...manager.calls];
      manager.calls.length = 0;
      const unknown = failure(await bob.call(tool, { ...args, session_id: never }));
      expect(foreign.code, tool).toBe('SESSION_NOT_FOUND');
      expect(foreign.text.replace(session_id, '<handle>'), tool).toBe(unknown.text.replace(never, '<handle>'));
      expect(foreignPath, tool).toEqual(manager.calls); // the same lookups, in the same order
      expect(foreignPath[0], tool).toBe('requireSession'); // one lookup that misses, nothing else
    }

    // Nothing of Bob's attempts reached Alice's session: no write, no recorded tool, no failed validation.
    const read = ok<{ notes: string[]; version: number }>(await alice.call('read_notebook', { session_id }));
    expect(read).toMatchObject({ notes: [], version: 0 });
    const key = Object.keys(await manager.listActiveSessions()).find((k) => k.endsWith(`.${session_id}`)) as string;
    const state = await (await manager.requireSession(key)).exportState();
    expect(state.client_binding?.validation_failures).toBe(0);
    expect(state.client_binding?.tool_usage_sequence).toEqual(['start_notebook', 'read_notebook']);
  });

  test('list shows each principal its own sessions only', async () => {
    const alice = await client(kind, url(), 'token-alice');
    const carol = await client(kind, url(), 'token-carol');
    const a = ok<{ session_id: string }>(await alice.call('start_notebook', { title: 'alice' })).session_id;
    const c = ok<{ session_id: string }>(await carol.call('start_notebook', { title: 'carol' })).session_id;
    const aliceSees = ok<{ notebooks: { handle: string }[] }>(await alice.call('list_notebooks')).notebooks.map((n) => n.handle);
    const carolSees = ok<{ notebooks: { handle: string }[] }>(await carol.call('list_notebooks')).notebooks.map((n) => n.handle);
    expect(aliceSees).toContain(a);
    expect(aliceSees).not.toContain(c);
    expect(carolSees).toContain(c);
    expect(carolSees).not.toContain(a);
  });

  test('per-user state is one bucket per principal', async () => {
    const alice = await client(kind, url(), 'token-alice');
    const bob = await client(kind, url(), 'token-bob');
    const fact = `alice's secret via ${kind} ${generateSessionId()}`;
    ok(await alice.call('remember', { fact }));
    expect(ok<{ facts: string[] }>(await alice.call('recall')).facts).toContain(fact);
    expect(ok<{ facts: string[] }>(await bob.call('recall')).facts).not.toContain(fact);
    expect(ok(await bob.call('whoami'))).toEqual({ principal: 'sub:bob', authenticated: true });
  });

  test("under 'reject', an unauthenticated caller gets SESSION_FORBIDDEN from every tool", async () => {
    const anonymous = await client(kind, url());
    for (const [tool, args] of [
      ['start_notebook', { title: 'x' }],
      ['whoami', {}],
      ['recall', {}],
      ['add_note', { text: 'x', session_id: generateSessionId() }],
    ] as const) {
      const refused = failure(await anonymous.call(tool, args));
      expect(refused.code, tool).toBe('SESSION_FORBIDDEN');
      expect(refused.text, tool).toMatch(/needs an authenticated caller/);
    }
  });
});

describe('a session stored under a principal’s key', () => {
  test('but recorded by core for another principal is refused like an unknown handle', async () => {
    const alice = await client('v2 pinned 2026-07-28', v2.url, 'token-alice');
    const { session_id } = ok<{ session_id: string }>(await alice.call('start_notebook', { title: 'to be replaced' }));
    const key = Object.keys(await manager.listActiveSessions()).find((k) => k.endsWith(`.${session_id}`)) as string;
    await manager.removeSession(key);
    // What only a writer bypassing the layer can do: the same key, another principal.
    await manager.createSession(key, { principal: 'sub:bob' });
    expect(failure(await alice.call('read_notebook', { session_id })).code).toBe('SESSION_NOT_FOUND');
  });
});

describe("the 'bearer' policy", () => {
  const bearerManager = new SimpleSessionManager({ secretKeys: ['bearer-test-key'] });
  const bearer = createSessionLayer({ manager: bearerManager, unauthenticated: 'bearer' });
  let server: RunningHttp;

  beforeAll(async () => {
    server = await startV2Http(bearer, NOTEBOOK_TOOLS);
  });

  afterAll(async () => {
    await server.close();
    await bearerManager.shutdown();
  });

  test('unauthenticated callers are one principal: a handle works for whoever holds it', async () => {
    const first = await client('v2 pinned 2026-07-28', server.url);
    const second = await client('v1', server.url);
    expect(ok(await first.call('whoami'))).toEqual({ principal: 'anonymous', authenticated: false });
    const { session_id } = ok<{ session_id: string }>(await first.call('start_notebook', { title: 'shared' }));
    expect(ok(await second.call('add_note', { session_id, text: 'from the second client' }))).toEqual({ notes: 1, version: 1 });
  });

  test('an authenticated caller is still its own principal: its handles are inert for anonymous callers, and theirs for it', async () => {
    const alice = await client('v2 pinned 2026-07-28', server.url, 'token-alice');
    const anonymous = await client('v2 pinned 2026-07-28', server.url);
    const hers = ok<{ session_id: string }>(await alice.call('start_notebook', { title: 'hers' })).session_id;
    const theirs = ok<{ session_id: string }>(await anonymous.call('start_notebook', { title: 'theirs' })).session_id;
    expect(failure(await anonymous.call('read_notebook', { session_id: hers })).code).toBe('SESSION_NOT_FOUND');
    expect(failure(await alice.call('read_notebook', { session_id: theirs })).code).toBe('SESSION_NOT_FOUND');
  });
});
