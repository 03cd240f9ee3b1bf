/**
 * What the model sees: the handle argument on the tools that need a session,
 * the handle and expiry in the result of the tools that start one, the
 * tools' own fields unchanged; and definitions the layer cannot serve are
 * refused when they are registered.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { SimpleSessionManager } from '@sessionkit/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createSessionLayer, defineSessionTool, SessionLayerOptionsError, SessionToolDefinitionError } from '../dist/index.js';
import { registerSessionTool } from '../dist/v2.js';
import { addNote, NOTEBOOK_TOOLS, startNotebook } from './fixtures/notebook-tools.mjs';
import { connectHttp, failure, type ListedTool, ok, type TestClient } from './support/clients.js';
import { type RunningHttp, startV2Http } from './support/http-servers.js';

const manager = new SimpleSessionManager({ secretKeys: ['schemas-test-key'] });

const ranged = defineSessionTool({
  name: 'set_range',
  session: 'required',
  inputSchema: z
    .strictObject({ from: z.number(), to: z.number() })
    .refine((range) => range.from <= range.to, { message: 'from must not exceed to', path: ['to'] }),
  async run({ from, to }) {
    return { width: to - from };
  },
});

describe('with the default handle argument', () => {
  const layer = createSessionLayer({ manager, unauthenticated: 'bearer' });
  let server: RunningHttp;
  let client: TestClient;
  let tools: Map<string, ListedTool>;

  beforeAll(async () => {
    server = await startV2Http(layer, [...NOTEBOOK_TOOLS, ranged]);
    client = await connectHttp('v2 pinned 2026-07-28', server.url);
    tools = new Map((await client.listTools()).map((tool) => [tool.name, tool]));
  });

  afterAll(async () => {
    await client.close();
    await server.close();
  });

  test('a tool that needs a session takes the handle as a required string argument, beside its own', () => {
    const add = tools.get('add_note');
    expect(add?.inputSchema.required?.sort()).toEqual(['session_id', 'text']);
    expect(add?.inputSchema.properties?.session_id).toEqual({
      type: 'string',
      description: 'The session handle returned when this session was started. Pass it back unchanged.',
    });
    expect(add?.inputSchema.properties?.text).toMatchObject({ type: 'string', minLength: 1 });
  });

  test('a tool that starts a session has no handle argument, and its result schema gains the handle and the expiry', () => {
    const start = tools.get('start_notebook');
    expect(Object.keys(start?.inputSchema.properties ?? {})).toEqual(['title']);
    expect(start?.outputSchema?.properties).toMatchObject({
      title: { type: 'string' },
      session_id: { type: 'string' },
      session_expires_at: { type: 'string' },
    });
    expect(start?.outputSchema?.required).toEqual(expect.arrayContaining(['title', 'version', 'session_id', 'session_expires_at']));
  });

  test('tools without a session mode are left as they were', () => {
    expect(tools.get('whoami')?.inputSchema.properties ?? {}).toEqual({});
    expect(Object.keys(tools.get('remember')?.inputSchema.properties ?? {})).toEqual(['fact']);
  });

  test("the tool's own refinements and strictness still apply, and the tool never sees the handle", async () => {
    const { session_id } = ok<{ session_id: string }>(await client.call('start_notebook', { title: 'ranges' }));
    expect(ok(await client.call('set_range', { session_id, from: 1, to: 4 }))).toEqual({ width: 3 });
    const backwards = await client.call('set_range', { session_id, from: 4, to: 1 });
    expect(backwards.isError).toBe(true);
    expect(JSON.stringify(backwards.content)).toMatch(/from must not exceed to/);
    const extra = await client.call('set_range', { session_id, from: 1, to: 2, step: 1 });
    expect(extra.isError).toBe(true);
    expect(JSON.stringify(extra.content)).toMatch(/step/);
  });
});

describe('with a configured handle argument', () => {
  const layer = createSessionLayer({ manager, unauthenticated: 'bearer', handleArgument: 'notebook', handleDescription: 'The notebook to write in.' });
  let server: RunningHttp;
  let client: TestClient;

  beforeAll(async () => {
    server = await startV2Http(layer, [startNotebook, addNote]);
    client = await connectHttp('v1', server.url);
  });

  afterAll(async () => {
    await client.close();
    await server.close();
  });

  test('the argument and the result field take its name and description', async () => {
    const tools = new Map((await client.listTools()).map((tool) => [tool.name, tool]));
    expect(tools.get('add_note')?.inputSchema.properties?.notebook).toEqual({ type: 'string', description: 'The notebook to write in.' });
    const started = ok<{ notebook: string }>(await client.call('start_notebook', { title: 'renamed' }));
    expect(ok(await client.call('add_note', { notebook: started.notebook, text: 'x' }))).toEqual({ notes: 1, version: 1 });
    expect(failure(await client.call('add_note', { notebook: 'nope', text: 'x' })).text).toMatch(/^INVALID_ARGUMENT: notebook: /);
  });
});

describe('definitions the layer cannot serve are refused at registration', () => {
  const layer = createSessionLayer({ manager, unauthenticated: 'bearer' });
  const server = () => new McpServer({ name: 'definitions', version: '1.0.0' });

  test.each([
    [
      'a field named like the handle argument',
      defineSessionTool({ name: 'clash', session: 'required', inputSchema: z.object({ session_id: z.number() }), run: () => ({}) }),
      /already has a field 'session_id'/,
    ],
    [
      'a result field named like the handle',
      defineSessionTool({
        name: 'clash_out',
        session: 'create',
        outputSchema: z.object({ session_expires_at: z.number() }),
        run: () => ({ session_expires_at: 1 }),
      }),
      /already has a field 'session_expires_at'/,
    ],
    [
      'a schema that is not an object',
      defineSessionTool({ name: 'not_object', inputSchema: z.string() as unknown as z.ZodObject, run: () => ({}) }),
      /expected a zod object schema/,
    ],
    ['a shape of non-zod values', defineSessionTool({ name: 'not_zod', inputSchema: { text: 'string' } as unknown as z.ZodObject, run: () => ({}) }), /zod 4/],
  ])('%s', (_name, tool, message) => {
    expect(() => registerSessionTool(server(), layer, tool)).toThrow(SessionToolDefinitionError);
    expect(() => registerSessionTool(server(), layer, tool)).toThrow(message);
  });
});

describe('createSessionLayer', () => {
  test.each([
    [{}, /manager: expected a SimpleSessionManager/],
    [{ manager }, /unauthenticated: expected 'bearer' or 'reject'/],
    [{ manager, unauthenticated: 'allow' }, /unauthenticated/],
    [{ manager, unauthenticated: 'bearer', handleArgument: 'session id' }, /handleArgument: expected an argument name/],
    [{ manager, unauthenticated: 'bearer', sessionTtl: 1 }, /sessionTtl/],
  ])('refuses %j naming the option', (options, message) => {
    expect(() => createSessionLayer(options as never)).toThrow(SessionLayerOptionsError);
    expect(() => createSessionLayer(options as never)).toThrow(message);
  });
});

afterAll(async () => {
  await manager.shutdown();
});
