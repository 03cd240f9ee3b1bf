/**
 * Lock sections, migrated by `all` and then RUN on @sessionkit/core (its
 * build, and the adapter on top of it for what stays old). Core's lock is
 * not re-entrant: a rewrite that puts a call on the session inside that
 * session's own `atomicUpdate` never settles. So every migrated lock block,
 * `withLock` and `synchronizedUpdate` here must settle, with its effect.
 *
 * "Settles" is checked without a clock: core keeps these sessions in memory
 * and uses no timers, so a call that is still pending after a bounded number
 * of event-loop turns waits for a lock nobody will release.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getSessionManager, ModelBackend, Thread, type Session } from '@sessionkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import all from '../src/transforms/all.js';
import { fixtures, run } from './fixtures.js';

const workDir = fileURLToPath(new URL('../test-results/lock-sections-on-core/', import.meta.url));

type Exports = Record<string, (...args: never[]) => Promise<unknown>>;

/** The `all` output of a session-operations fixture, written next to this package's node_modules and imported. */
async function migrated(name: string): Promise<{ source: string; module: Exports }> {
  const fixture = fixtures('session-operations').find((candidate) => candidate.name === name);
  if (!fixture) throw new Error(`no fixture session-operations/${name}`);
  const source = run(all, { ...fixture, options: {} });
  const file = join(workDir, `${name}.ts`);
  writeFileSync(file, `${source}\n`);
  return { source, module: (await import(pathToFileURL(file).href)) as Exports };
}

/** The code without its comments (markers mention `atomicUpdate` too). */
function codeOf(source: string): string {
  return source.replace(/\/\/.*$/gm, '');
}

/** Event-loop turns after which a call on in-memory sessions that has not settled never will. */
const TURNS = 50;

async function settle<T>(promise: Promise<T>): Promise<{ settled: false } | { settled: true; value: T }> {
  let outcome: { settled: false } | { settled: true; value: T } = { settled: false };
  let failure: { error: unknown } | undefined;
  promise.then(
    (value) => (outcome = { settled: true, value }),
    (error: unknown) => (failure = { error }),
  );
  for (let turn = 0; turn < TURNS && !outcome.settled && !failure; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
  if (failure) throw failure.error;
  return outcome;
}

/** Calls an export of a migrated fixture and expects it to settle; its value. */
async function call(module: Exports, name: string, ...args: unknown[]): Promise<unknown> {
  const fn = module[name] as ((...values: unknown[]) => Promise<unknown>) | undefined;
  if (!fn) throw new Error(`no export ${name}`);
  const outcome = await settle(fn(...args));
  expect(outcome.settled, `${name}() settles (a call waiting on the lock its own section holds never does)`).toBe(true);
  return outcome.settled ? outcome.value : undefined;
}

const manager = getSessionManager();
let sequence = 0;

/** A fresh session in core's process-wide pool (where the adapter's `getSessionData` finds it too), with a `technical` thread. */
async function freshSession(): Promise<Session> {
  sequence += 1;
  return manager.createSession(`lock-sections-${sequence}`, { initialPerspectives: ['technical'] });
}

function thread(session: Session, name: string): Thread {
  return new Thread({ id: `${session.sessionId}_${name}`, name, systemPrompt: `You are the ${name} expert.`, modelBackend: ModelBackend.BEDROCK });
}

async function threadNames(session: Session): Promise<string[]> {
  return [...(await session.getAllThreads()).keys()].sort();
}

beforeAll(() => {
  // The adapter warns once per old API it serves; those warnings are not what this suite is about.
  process.env['SESSIONKIT_NO_DEPRECATION'] = '1';
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('lock sections rewritten to atomicUpdate, run on core', () => {
  it('lock-block: the try block becomes one update that settles, with the version check and one version bump', async () => {
    const { source, module } = await migrated('lock-block');
    expect(source).toContain('await session.atomicUpdate(async () => {');
    const session = await freshSession();
    const log: string[] = [];
    expect(await call(module, 'appendExchange', manager, session.sessionId, 0, ['first', '', 'second'], log)).toBe(session.sessionId);
    expect(log).toEqual(['first', 'second']);
    expect(session.version).toBe(1);
    // A stale version is refused before the body runs.
    await expect(module['appendExchange']?.(...([manager, session.sessionId, 0, ['late'], log] as never[]))).rejects.toThrow(/Version conflict/);
    expect(log).toEqual(['first', 'second']);
  });

  it('with-lock: a callback written in place becomes the update; one from elsewhere stays on the old lock', async () => {
    const { source, module } = await migrated('with-lock');
    expect(source).toContain('await session.atomicUpdate(async () => {');
    expect(source).toContain('return locks.withLock(sessionId, work);');
    const session = await freshSession();
    const log: string[] = [];
    expect(await call(module, 'appendUnderLock', manager, session.sessionId, log)).toBe(session.sessionId);
    expect(log).toEqual(['start', 'end']);
    expect(session.version).toBe(1);
    expect(await call(module, 'guarded', manager, session.sessionId, () => Promise.resolve('done'))).toBe('done');
  });

  it('synchronized-update: the update settles and bumps the version once per update', async () => {
    const { source, module } = await migrated('synchronized-update');
    expect(source).toContain('session.atomicUpdate(');
    const session = await freshSession();
    const state = { count: 0 };
    await call(module, 'bump', manager, session.sessionId, 0, state);
    await call(module, 'bumpAgain', manager, session.sessionId, state);
    expect(state.count).toBe(3);
    expect(session.version).toBe(2);
  });
});

describe('lock sections that reach their own session, run on core', () => {
  it('lock-block-reentrant: the reviewer\'s block (remove + add on the locked data) stays and settles', async () => {
    const { source, module } = await migrated('lock-block-reentrant');
    expect(codeOf(source)).not.toMatch(/\.atomicUpdate\(/);
    const session = await freshSession();
    expect(await call(module, 'replaceThread', session.sessionId, 'technical', thread(session, 'risk'))).toBeUndefined();
    expect(await threadNames(session)).toEqual(['risk']);
  });

  it('with-lock-reentrant: the callback that adds and removes threads stays and settles', async () => {
    const { source, module } = await migrated('with-lock-reentrant');
    expect(codeOf(source)).not.toMatch(/\.atomicUpdate\(/);
    const session = await freshSession();
    await call(module, 'addUnderLock', session.sessionId, thread(session, 'user'), 'technical');
    expect(await threadNames(session)).toEqual(['user']);
  });

  it('synchronized-update-reentrant: the update that renames a thread stays and settles', async () => {
    const { source, module } = await migrated('synchronized-update-reentrant');
    expect(codeOf(source)).not.toMatch(/\.atomicUpdate\(/);
    const session = await freshSession();
    expect(await call(module, 'renameUnderLock', session.sessionId, 'technical', thread(session, 'business'))).toBe(true);
    expect(await threadNames(session)).toEqual(['business']);
  });

  it('lock-section-calls: calls inside a session\'s own atomicUpdate are not awaited, so the update settles', async () => {
    const { source, module } = await migrated('lock-section-calls');
    expect(source).not.toMatch(/await session\.(addThread|removeThread)/);
    const session = await freshSession();
    await call(module, 'swapInside', session, 'technical', thread(session, 'risk'));
    // The call queued behind the update runs once the update has let go of the lock.
    expect((await settle(threadNames(session))).settled).toBe(true);
    expect(await threadNames(session)).toEqual(['risk']);
  });
});
