/**
 * What a new user trips over, closed: each test failed before its fix.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Logger,
  Session,
  SessionClosedError,
  SessionExpiredError,
  SessionNotFoundError,
  SessionValidationError,
  SimpleSessionManager,
  Thread,
} from '../src/index.js';
import { ManualClock } from '../src/testing/index.js';
import { recordingLogger } from './helpers.js';

const thread = (name: string) => new Thread({ id: name, name, systemPrompt: 'p', modelBackend: 'bedrock' });
const manager = (options: ConstructorParameters<typeof SimpleSessionManager>[0] = {}) =>
  new SimpleSessionManager({ secretKey: 'footgun-secret', logger: recordingLogger(), ...options });

describe('a session the pool let go of', () => {
  it('refuses writes once removed, with SessionNotFoundError, and changes nothing', async () => {
    const pool = manager();
    const session = await pool.createSession('removed', { initialPerspectives: ['technical'] });
    await pool.removeSession('removed');
    await expect(session.addThread(thread('late'))).rejects.toBeInstanceOf(SessionNotFoundError);
    await expect(session.recordAnalysis('p', { technical: 'x' })).rejects.toBeInstanceOf(SessionNotFoundError);
    await expect(session.atomicUpdate((state) => void (state.topic = 'x'))).rejects.toBeInstanceOf(SessionNotFoundError);
    expect(session.version).toBe(0);
    expect(session.topic).toBeNull();
    // Reads still answer: the caller can inspect what it had.
    await expect(session.getSessionInfo()).resolves.toMatchObject({ session_id: 'removed' });
  });

  it('refuses writes once expired, with SessionExpiredError, even before a sweep removed it', async () => {
    const clock = new ManualClock();
    const pool = manager({ clock, sessionTtlHours: 1 });
    const session = await pool.createSession('old');
    clock.advance(3_600_001);
    const error = await session.recordAnalysis('p', { a: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionExpiredError);
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(error).toBeInstanceOf(SessionNotFoundError); // an expired session is a gone session
    expect(session.analysisCount).toBe(0);
    await expect(pool.requireSession('old')).rejects.toBeInstanceOf(SessionExpiredError);
  });

  it('cannot be added to a pool again (restore its exported state instead)', async () => {
    const pool = manager();
    const session = await pool.createSession('once');
    await pool.removeSession('once');
    await expect(pool.addSession(session)).rejects.toThrow(/removed from a pool/);
  });
});

describe('a manager after shutdown()', () => {
  it('creates, adds and restores nothing, with SessionClosedError', async () => {
    const pool = manager();
    const before = await pool.createSession('before');
    const exported = await before.exportState();
    await pool.shutdown();
    await expect(pool.createSession('after')).rejects.toBeInstanceOf(SessionClosedError);
    await expect(pool.addSession(new Session('standalone', { secretKey: 'k' }))).rejects.toBeInstanceOf(SessionClosedError);
    await expect(pool.restoreSession(exported)).rejects.toBeInstanceOf(SessionClosedError);
    await expect(pool.startBackgroundCleanup()).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    expect(pool.size).toBe(0);
    expect(pool.closed).toBe(true);
  });
});

describe('names', () => {
  it('a perspective listed twice is a validation error naming its index', async () => {
    const error = await manager()
      .createSession('dup', { initialPerspectives: ['technical', 'risk', 'technical'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionValidationError);
    expect((error as SessionValidationError).issues[0]?.path).toEqual(['initialPerspectives', 2]);
  });

  it.each(['tech\nnical', 'tab\there', 'nul\u0000', 'esc\u001b[31m'])('refuses control characters in a thread name (%j)', async (name) => {
    expect(() => thread(name)).toThrow(SessionValidationError);
    await expect(manager().createSession('cc', { initialPerspectives: [name] })).rejects.toBeInstanceOf(SessionValidationError);
    await expect(new Session('cc', { secretKey: 'k' }).getThread(name)).rejects.toThrow(/control characters/);
  });
});

describe('time', () => {
  it('Thread.addMessage stamps messages with the session clock', async () => {
    const clock = new ManualClock(Date.parse('2030-01-02T03:04:05.000Z'));
    const session = await manager({ clock }).createSession('clocked', { initialPerspectives: ['technical'] });
    const technical = (await session.getThread('technical')) as Thread;
    technical.addMessage('user', 'hello');
    expect(technical.conversationHistory[0]?.timestamp).toBe('2030-01-02T03:04:05.000Z');
    const added = thread('added');
    await session.addThread(added);
    clock.advance(1_000);
    added.addMessage('user', 'later');
    expect(added.conversationHistory[0]?.timestamp).toBe('2030-01-02T03:04:06.000Z');
  });
});

describe('logging', () => {
  it('takes console as a Logger, and never passes a trailing undefined to it', async () => {
    expectTypeOf(console).toMatchTypeOf<Logger>();
    const calls: unknown[][] = [];
    const consoleLike = { debug: (...args: unknown[]) => calls.push(args), info: () => {}, warn: () => {}, error: () => {} };
    const session = new Session('logged', { secretKey: 'k', logger: consoleLike as unknown as Logger });
    await session.getThread('').catch(() => undefined); // a failing operation logs at debug
    expect(calls.length).toBeGreaterThan(0);
    for (const args of calls) expect(args).not.toContain(undefined);
  });

  it('warns once per process that a random key is in use: to the configured logger, or as a process warning', () => {
    const dist = JSON.stringify(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
    const env = { ...process.env, SESSIONKIT_SECRET_KEYS: '' };
    const run = (script: string) => spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });

    // The logger is console-shaped: a trailing `undefined` argument would show up as a printed "undefined".
    const withLogger = run(`
      const { SimpleSessionManager } = await import(${dist});
      const calls = [];
      const logger = { debug() {}, info() {}, warn: (...args) => calls.push(args), error() {} };
      new SimpleSessionManager({ logger });
      new SimpleSessionManager({ logger });
      console.log(JSON.stringify(calls.map((args) => ({ count: args.length, first: args[0] }))));`);
    const logged = JSON.parse(withLogger.stdout) as { count: number; first: string }[];
    expect(logged).toHaveLength(1);
    expect(logged[0]?.count).toBe(1);
    expect(logged[0]?.first).toMatch(/random per-process key/);
    expect(withLogger.stderr).not.toMatch(/SESSIONKIT_RANDOM_KEY/);

    const silent = run(`const { SimpleSessionManager } = await import(${dist}); new SimpleSessionManager(); new SimpleSessionManager();`);
    expect(silent.stdout).toBe('');
    expect(silent.stderr.match(/SESSIONKIT_RANDOM_KEY/g)).toHaveLength(1);
  });
});

describe('JSON key casing', () => {
  it('documents keep the old format’s snake_case; API objects are camelCase', async () => {
    const pool = manager();
    const session = await pool.createSession('casing', { initialPerspectives: ['technical'], principal: 'user-1' });
    await session.recordAnalysis('p', { technical: 'x' });
    const snake = /^[a-z0-9]+(_[a-z0-9]+)*$/;
    const keysOf = (value: unknown, skip: ReadonlySet<string> = new Set()): string[] => {
      if (Array.isArray(value)) return value.flatMap((item) => keysOf(item, skip));
      if (typeof value !== 'object' || value === null) return [];
      return Object.entries(value).flatMap(([key, item]) => [...(skip.has(key) ? [] : [key]), ...(skip.has(key) ? [] : keysOf(item, skip))]);
    };
    // `threads` and `responses` are keyed by perspective name, `details` by the event's own words.
    const userKeyed = new Set(['threads', 'responses', 'details']);
    for (const document of [await session.exportState(), await session.getSessionInfo(), await pool.getStats()]) {
      for (const key of keysOf(document, userKeyed)) expect(key).toMatch(snake);
    }
    expect(Object.keys(await session.getVersionInfo())).toEqual(['version', 'lastAccessed']);
  });
});
