/**
 * Locked sections and synchronous runs, migrated by `all` and then RUN on
 * @sessionkit/core. Core's lock is not re-entrant: a rewrite that called the
 * session inside its own `atomicUpdate` would never settle. The rewrites
 * work on the update's `state` instead, so every call here must settle, with
 * the old effect — and parallel calls must still not interleave.
 *
 * "Settles" is checked without a clock: core keeps these sessions in memory
 * and uses no timers, so a call still pending after a bounded number of
 * event-loop turns waits for a lock nobody will release.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ModelBackend, Thread, type SimpleSessionManager } from '@sessionkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import all from '../src/transforms/all.js';
import { fixtures, run } from './fixtures.js';

const workDir = fileURLToPath(new URL('../test-results/lock-sections-on-core/', import.meta.url));

type Module = Record<string, (...args: never[]) => Promise<unknown>> & { manager: SimpleSessionManager };

/** The `all` output of an `all` fixture, written next to this package's node_modules and imported. */
async function migrated(name: string): Promise<{ source: string; module: Module }> {
  const fixture = fixtures('all').find((candidate) => candidate.name === name);
  if (!fixture) throw new Error(`no fixture all/${name}`);
  const source = run(all, fixture);
  const file = join(workDir, `${name}.ts`);
  writeFileSync(file, `${source}\n`);
  return { source, module: (await import(pathToFileURL(file).href)) as Module };
}

const TURNS = 50;

/** Awaits a call, failing the test when it has not settled after TURNS event-loop turns. */
async function settled<T>(promise: Promise<T>): Promise<T> {
  let outcome: { value: T } | { error: unknown } | undefined;
  promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  for (let turn = 0; turn < TURNS && outcome === undefined; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
  expect(outcome, 'the call settles (a call waiting on the lock its own section holds never does)').toBeDefined();
  if (outcome && 'error' in outcome) throw outcome.error;
  return (outcome as { value: T }).value;
}

function call(module: Module, name: string, ...args: unknown[]): Promise<unknown> {
  const fn = module[name] as ((...values: unknown[]) => Promise<unknown>) | undefined;
  if (!fn) throw new Error(`no export ${name}`);
  return fn(...args);
}

function thread(id: string, name: string): Thread {
  return new Thread({ id: `${id}_${name}`, name, systemPrompt: `You are ${name}.`, modelBackend: ModelBackend.BEDROCK });
}

let sequence = 0;
async function opened(module: Module, names: readonly string[] = []): Promise<string> {
  sequence += 1;
  const id = `locks-${sequence}`;
  await settled(call(module, 'open', id, `topic ${sequence}`));
  const session = await module.manager.requireSession(id);
  for (const name of names) await session.addThread(thread(id, name));
  return id;
}

beforeAll(() => {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('locked sections and synchronous runs, migrated by all, run on core', () => {
  it('lock-block: the try block becomes one update that settles; parallel calls never interleave', async () => {
    const { source, module } = await migrated('lock-block');
    expect(source).toContain('atomicUpdate(async () => {');
    const id = await opened(module, ['technical']);
    const lengths = await settled(
      Promise.all([call(module, 'appendAnswers', id, 'technical', ['a', '', 'b']), call(module, 'appendAnswers', id, 'technical', ['c'])]),
    );
    expect(lengths).toEqual([2, 3]);
    const history = (await (await module.manager.requireSession(id)).getThread('technical'))?.conversationHistory.map((message) => message.content);
    expect(history).toEqual(['a', 'b', 'c']);
    expect(await settled(call(module, 'appendAnswers', id, 'missing', ['x']))).toBe(-1);
  });

  it('with-lock: a section that works on its own session edits the state, settles, and keeps its one-step result', async () => {
    const { source, module } = await migrated('with-lock');
    expect(source).toContain('state.threads.delete(from)');
    const id = await opened(module, ['technical', 'business']);
    expect(await settled(call(module, 'swap', id, 'technical', 'risk'))).toBe(2);
    const session = await module.manager.requireSession(id);
    expect([...(await session.getAllThreads()).keys()].sort()).toEqual(['business', 'risk']);
    const runs = (await settled(Promise.all([call(module, 'record', id, 'one', { risk: 'yes' }), call(module, 'record', id, 'two', { risk: 'no' })]))) as {
      run: number;
      last: string;
    }[];
    expect(runs.map((entry) => [entry.run, entry.last])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    expect(session.analysisCount).toBe(2);
    expect((await module.manager.getStats()).total_analyses).toBeGreaterThanOrEqual(2);
  });

  it('synchronized-update: the update settles and reports the removal once', async () => {
    const { module } = await migrated('synchronized-update');
    const id = await opened(module, ['technical']);
    expect(await settled(call(module, 'retire', id, 'technical'))).toBe(true);
    expect(await settled(call(module, 'retire', id, 'technical'))).toBe(false);
  });

  it('sync-run: a run with no await between its operations stays one step under parallel calls', async () => {
    const { source, module } = await migrated('sync-run');
    expect(source).toMatch(/const \{ total, last \} = await data\.atomicUpdate/);
    const id = await opened(module);
    const ask = async (prompt: string): Promise<Record<string, string>> => ({ technical: `${prompt}!` });
    const results = (await settled(Promise.all([call(module, 'analyse', id, 'first', ask), call(module, 'analyse', id, 'second', ask)]))) as {
      total: number;
      prompt: string;
    }[];
    expect(results).toEqual([
      { total: 1, prompt: 'first' },
      { total: 2, prompt: 'second' },
    ]);
  });
});
