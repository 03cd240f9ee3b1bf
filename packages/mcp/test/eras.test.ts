/**
 * One notebook, start to end, through every official client in every
 * protocol era it speaks, over every transport: SDK v2 servers serve
 * 2026-07-28 requests (no initialize, no Mcp-Session-Id) and 2025-era
 * clients from the same tools; SDK v1 servers serve 2025-era clients.
 */
import { SimpleSessionManager } from '@sessionkit/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSessionLayer } from '../dist/index.js';
import { NOTEBOOK_TOOLS } from './fixtures/notebook-tools.mjs';
import { type ClientKind, connectHttp, connectStdio, type Exchange, ok, type TestClient } from './support/clients.js';
import { type RunningHttp, startV1Http, startV2Http } from './support/http-servers.js';

interface Notebook {
  session_id: string;
  session_expires_at: string;
  title: string;
  version: number;
}

async function walkThrough(client: TestClient): Promise<void> {
  const started = ok<Notebook>(await client.call('start_notebook', { title: `via ${client.kind}` }));
  expect(started.session_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(started.version).toBe(0);
  const { session_id } = started;

  expect(ok(await client.call('add_note', { session_id, text: 'first' }))).toEqual({ notes: 1, version: 1 });
  expect(ok(await client.call('add_note', { session_id, text: 'second' }))).toEqual({ notes: 2, version: 2 });
  const read = ok<{ notes: string[]; title: string; handle: string; expires_at: string }>(await client.call('read_notebook', { session_id }));
  expect(read).toMatchObject({ handle: session_id, title: `via ${client.kind}`, notes: ['first', 'second'] });
  expect(read.expires_at).toBe(started.session_expires_at);

  const listed = ok<{ notebooks: { handle: string }[] }>(await client.call('list_notebooks'));
  expect(listed.notebooks.map((n) => n.handle)).toContain(session_id);

  ok(await client.call('remember', { fact: `${client.kind} was here` }));
  expect(ok<{ facts: string[] }>(await client.call('recall')).facts).toContain(`${client.kind} was here`);

  expect(ok(await client.call('end_notebook', { session_id }))).toEqual({ ended: true });
  expect((await client.call('read_notebook', { session_id })).isError).toBe(true);
}

const manager = new SimpleSessionManager({ secretKeys: ['eras-test-key'], sessionTtlHours: 2 });
const layer = createSessionLayer({ manager, unauthenticated: 'reject' });
let v2: RunningHttp;
let v1: RunningHttp;

beforeAll(async () => {
  v2 = await startV2Http(layer, NOTEBOOK_TOOLS);
  v1 = await startV1Http(layer, NOTEBOOK_TOOLS);
});

afterAll(async () => {
  await v2.close();
  await v1.close();
  await manager.shutdown();
});

describe.each<[string, () => string, readonly ClientKind[]]>([
  ['SDK v2 server over Streamable HTTP', () => v2.url, ['v2 pinned 2026-07-28', 'v2 2025 mode', 'v1']],
  ['SDK v1 server over Streamable HTTP', () => v1.url, ['v2 2025 mode', 'v1']],
])('%s', (_server, url, kinds) => {
  test.each(kinds)('client: %s', async (kind) => {
    const client = await connectHttp(kind, url(), 'token-alice');
    try {
      if (kind === 'v2 pinned 2026-07-28') expect(client.protocolVersion()).toBe('2026-07-28');
      await walkThrough(client);
    } finally {
      await client.close();
    }
  });
});

describe.each<[string, string, readonly ClientKind[]]>([
  ['SDK v2 server over stdio (serveStdio)', 'stdio-v2.mjs', ['v2 pinned 2026-07-28', 'v2 2025 mode', 'v1']],
  ['SDK v1 server over stdio', 'stdio-v1.mjs', ['v2 2025 mode', 'v1']],
])('%s', (_server, script, kinds) => {
  test.each(kinds)('client: %s', async (kind) => {
    const client = await connectStdio(kind, script);
    try {
      if (kind === 'v2 pinned 2026-07-28') expect(client.protocolVersion()).toBe('2026-07-28');
      await walkThrough(client);
    } finally {
      await client.close();
    }
  });
});

test('a 2026-07-28 client never initializes and never gets an Mcp-Session-Id: each request carries its own protocol version', async () => {
  const exchanges: Exchange[] = [];
  const client = await connectHttp('v2 pinned 2026-07-28', v2.url, 'token-alice', exchanges);
  try {
    const { session_id } = ok<Notebook>(await client.call('start_notebook', { title: 'stateless' }));
    ok(await client.call('add_note', { session_id, text: 'one' }));
  } finally {
    await client.close();
  }
  const methods = exchanges.flatMap((exchange) => exchange.methods);
  expect(methods).toEqual(expect.arrayContaining(['server/discover', 'tools/call']));
  expect(methods).not.toContain('initialize');
  for (const exchange of exchanges) {
    expect(exchange.responseHeaders.get('mcp-session-id')).toBeNull();
    expect(exchange.requestHeaders.get('mcp-session-id')).toBeNull();
  }
});

test('a 2025-era client initializes, and still gets no transport session: the handle is the session', async () => {
  const exchanges: Exchange[] = [];
  const client = await connectHttp('v1', v2.url, 'token-alice', exchanges);
  try {
    const { session_id } = ok<Notebook>(await client.call('start_notebook', { title: 'legacy' }));
    ok(await client.call('add_note', { session_id, text: 'one' }));
  } finally {
    await client.close();
  }
  expect(exchanges.flatMap((exchange) => exchange.methods)).toContain('initialize');
  for (const exchange of exchanges) expect(exchange.responseHeaders.get('mcp-session-id')).toBeNull();
});

test('a session expires one TTL after it was minted, as the minting result says', async () => {
  const client = await connectHttp('v2 pinned 2026-07-28', v2.url, 'token-bob');
  try {
    const started = ok<Notebook>(await client.call('start_notebook', { title: 'ttl' }));
    const session = (await manager.listActiveSessions()) as Record<string, { created_at: string }>;
    const created = Object.entries(session).find(([key]) => key.endsWith(`.${started.session_id}`))?.[1]?.created_at;
    expect(Date.parse(started.session_expires_at) - Date.parse(created ?? '')).toBe(2 * 3_600_000);
  } finally {
    await client.close();
  }
});
