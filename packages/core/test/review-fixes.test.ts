/**
 * Regressions found in review: each test fails on the code before its fix.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  Session,
  SessionConcurrencyError,
  SessionError,
  SessionNotFoundError,
  SessionValidationError,
  SimpleSessionManager,
  Thread,
  type SessionStateJSON,
} from '../src/index.js';
import { recordingLogger } from './helpers.js';
import type { StoredSession } from '../src/interop.js';
import { MemorySessionStore } from '../src/testing/index.js';

const thread = (name: string) => new Thread({ id: name, name, systemPrompt: 'p', modelBackend: 'bedrock' });
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('error class names survive the bundle', () => {
  it('are the classes’ own names in the built ESM and CommonJS output', () => {
    const dist = fileURLToPath(new URL('../dist/', import.meta.url));
    const names = ['SessionError', 'SessionSecurityError', 'SessionConcurrencyError', 'SessionValidationError'];
    const script = (load: string) => `${load}; console.log(JSON.stringify(${JSON.stringify(names)}.map((n) => new m[n]('x').name)))`;
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', script(`const m = await import(${JSON.stringify(`${dist}index.js`)})`)], {
      encoding: 'utf8',
    });
    const cjs = execFileSync(process.execPath, ['-e', script(`const m = require(${JSON.stringify(`${dist}index.cjs`)})`)], { encoding: 'utf8' });
    expect(JSON.parse(esm)).toEqual(names);
    expect(JSON.parse(cjs)).toEqual(names);
  });
});

describe('options and names', () => {
  it('new Session rejects an unknown option (a typo must not silently mean "random key")', () => {
    expect(() => new Session('s', { secretkey: 'typo' } as never)).toThrow(/secretkey/);
  });

  it('refuses "__proto__" as a thread name, which the exported threads object could not hold', async () => {
    const session = new Session('s', { secretKey: 'k' });
    expect(() => thread('__proto__')).toThrow(SessionValidationError);
    await expect(session.getThread('__proto__')).rejects.toBeInstanceOf(SessionValidationError);
  });

  it('a clock returning NaN fails the manager with a SessionError, not a TypeError', async () => {
    const manager = new SimpleSessionManager({ secretKey: 'k', clock: { now: () => Number.NaN } });
    await expect(manager.createSession('s')).rejects.toBeInstanceOf(SessionError);
    await expect(manager.getStats()).rejects.toBeInstanceOf(SessionError);
  });
});

/** A store whose loads wait for the test, so an invalidation can arrive mid-load. */
class SlowLoadStore extends MemorySessionStore {
  gate: Promise<void> | undefined;
  override async load(sessionId: string): Promise<StoredSession | null> {
    const result = await super.load(sessionId);
    if (this.gate !== undefined) await this.gate;
    return result;
  }
}

describe('store mode: invalidations that race a load or a failed save', () => {
  const open = (store: MemorySessionStore) =>
    new SimpleSessionManager({ secretKey: 'k', store, logger: recordingLogger(), storeRetry: { baseDelayMs: 0, maxDelayMs: 1, attempts: 3 } });

  it('a change announced while the session is loading is not lost', async () => {
    const store = new SlowLoadStore();
    const writer = open(store);
    const reader = open(store);
    const session = await writer.createSession('raced', { topic: 'v1' });
    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    const loading = reader.getSession('raced'); // reads v1, then waits
    await flush();
    store.gate = undefined;
    await session.atomicUpdate((state) => {
      state.topic = 'v2';
    });
    await flush();
    release();
    const loaded = await loading;
    expect((await loaded!.exportState()).topic).toBe('v2');
  });

  it('a removal announced while the session is loading is not served', async () => {
    const store = new SlowLoadStore();
    const writer = open(store);
    const reader = open(store);
    await writer.createSession('gone-while-loading');
    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    const loading = reader.getSession('gone-while-loading');
    await flush();
    store.gate = undefined;
    await writer.removeSession('gone-while-loading');
    await flush();
    release();
    expect(await loading).toBeNull();
  });

  it('an invalidation heard during a save that then fails marks the copy stale', async () => {
    const store = new MemorySessionStore();
    const a = open(store);
    const b = open(store);
    const inA = await a.createSession('heard');
    const inB = await b.requireSession('heard');
    // B writes revision 2 while A is about to write revision 2 and fails.
    const realSave = store.save.bind(store);
    store.save = async (_state: SessionStateJSON, _expected: number) => {
      store.save = realSave;
      await inB.atomicUpdate((s) => {
        s.topic = 'from B';
      });
      await flush();
      throw new Error('connection reset');
    };
    await expect(inA.recordAnalysis('p', { x: 'y' })).rejects.toThrow('connection reset');
    expect((await inA.exportState()).topic).toBe('from B');
  });

  it('gives up with SessionConcurrencyError after the configured attempts of constant conflicts', async () => {
    const store = new MemorySessionStore();
    const manager = open(store);
    const session = await manager.createSession('contended');
    const realSave = store.save.bind(store);
    let conflicts = 0;
    store.save = async (state: SessionStateJSON, expected: number) => {
      conflicts++;
      await realSave({ ...((await store.load('contended'))!.state as SessionStateJSON) }, expected); // someone else always wins
      return { ok: false, current: await store.load('contended') };
    };
    const error = await session.addThread(thread('t')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionConcurrencyError);
    expect((error as Error).message).toMatch(/gave up after 3 attempts/);
    expect(conflicts).toBe(3);
    store.save = realSave;
    await expect(session.addThread(thread('t'))).resolves.toBe(true);
  });

  it('a session removed elsewhere fails later operations with SessionNotFoundError', async () => {
    const store = new MemorySessionStore();
    const a = open(store);
    const b = open(store);
    const inA = await a.createSession('removed');
    await b.removeSession('removed');
    await flush();
    await expect(inA.addThread(thread('late'))).rejects.toBeInstanceOf(SessionNotFoundError);
  });
});
