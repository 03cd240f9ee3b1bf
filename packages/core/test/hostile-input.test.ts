/**
 * Holes a hostile caller or a fault found, closed. Each test failed on the
 * code before its fix; together they are what SECURITY.md claims about
 * forged state, limits and liveness.
 */
import { describe, expect, it } from 'vitest';
import {
  Session,
  SessionError,
  SessionReentrancyError,
  SessionSecurityError,
  SessionTimeoutError,
  SessionValidationError,
  SimpleSessionManager,
  Thread,
  type SessionStateJSON,
} from '../src/index.js';
import { withLiveState } from '../src/interop.js';
import { ManualClock } from '../src/testing/index.js';
import { readVector, recordingLogger } from './helpers.js';

const KEY = 'hostile-secret';
const newManager = (options: ConstructorParameters<typeof SimpleSessionManager>[0] = {}) =>
  new SimpleSessionManager({ secretKey: KEY, logger: recordingLogger(), ...options });

async function exported(options: { principal?: string } = {}): Promise<SessionStateJSON> {
  const session = await newManager().createSession('victim', { initialPerspectives: ['technical'], ...options });
  return session.exportState();
}

describe('forged state (security 1, 2)', () => {
  it('refuses to restore a state with client_binding: null unless allowUnbound says so', async () => {
    const forged = { ...(await exported()), client_binding: null };
    const error = await Session.restoreFromState(forged, { secretKey: KEY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionValidationError);
    expect((error as SessionValidationError).issues[0]?.path).toEqual(['client_binding']);
    await expect(newManager().restoreSession(forged)).rejects.toBeInstanceOf(SessionValidationError);
    // An explicit choice (the reference export without a binding, say) still works.
    const allowed = await Session.restoreFromState(forged, { secretKey: KEY, allowUnbound: true });
    await expect(allowed.validateSecurity()).resolves.toBe(true);
  });

  it('refuses a creation time in the future on restore (no 8,000-year session)', async () => {
    const forged = { ...(await exported()), created_at: '9999-01-01T00:00:00.000Z' };
    const error = await Session.restoreFromState(forged, { secretKey: KEY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionValidationError);
    expect((error as SessionValidationError).issues[0]?.path).toEqual(['created_at']);
  });

  it('fails validation when the creation time, the id or the principal was edited', async () => {
    const clock = new ManualClock();
    const original = await (await newManager({ clock }).createSession('edited', { principal: 'alice' })).exportState();
    clock.advance(10_000);
    const later = new Date(Date.parse(original.created_at) + 5_000).toISOString();
    const edits: Partial<SessionStateJSON>[] = [
      { created_at: later },
      { session_id: 'other-id' },
      { client_binding: { ...(original.client_binding as NonNullable<SessionStateJSON['client_binding']>), principal: 'mallory' } },
    ];
    for (const edit of edits) {
      const session = await Session.restoreFromState({ ...original, ...edit }, { secretKey: KEY, clock });
      await expect(session.validateSecurity()).rejects.toBeInstanceOf(SessionSecurityError);
    }
    const untouched = await Session.restoreFromState(original, { secretKey: KEY, clock });
    await expect(untouched.validateSecurity()).resolves.toBe(true);
    expect(untouched.principal).toBe('alice');
  });

  it('catches a later creation time on a binding made before identity signatures (the old system’s), then re-signs it', async () => {
    const vector = readVector('state-with-binding') as unknown as SessionStateJSON;
    const clock = new ManualClock(Date.parse('2026-11-27T08:00:00.000Z'));
    const options = { secretKey: 'sessionkit-vector-secret-key-0001', clock };
    const moved = await Session.restoreFromState({ ...vector, created_at: '2026-11-27T07:59:00.000Z' }, options);
    await expect(moved.validateSecurity()).rejects.toBeInstanceOf(SessionSecurityError);
    const genuine = await Session.restoreFromState(vector, options);
    await expect(genuine.validateSecurity()).resolves.toBe(true);
    expect((await genuine.exportState()).client_binding?.identity_signature).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('prototype names (integrity 4)', () => {
  it('keeps a session whose id is __proto__ in listActiveSessions, without touching the result’s prototype', async () => {
    const manager = newManager();
    await manager.createSession('__proto__');
    await manager.createSession('constructor');
    const listed = await manager.listActiveSessions();
    expect(Object.keys(listed).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(listed)).toBe(Object.prototype);
    expect(listed['__proto__']?.session_id).toBe('__proto__');
    expect(await manager.getSession('__proto__')).not.toBeNull();
  });
});

describe('atomicUpdate validates what it commits (integrity 5)', () => {
  const cases: [string, (state: Parameters<Parameters<Session['atomicUpdate']>[0]>[0]) => void, string][] = [
    ['topic a number', (state) => void (state.topic = 42 as never), 'topic'],
    ['version NaN', (state) => void (state.version = Number.NaN), 'version'],
    [
      'a thread filed under another name',
      (state) => void state.threads.set('alias', new Thread({ id: 'x', name: 'real', systemPrompt: 'p', modelBackend: 'bedrock' })),
      'threads.alias.name',
    ],
    ['a thread that is not a Thread', (state) => void state.threads.set('fake', { name: 'fake' } as never), 'threads.fake'],
    ['an analysis that is not an AnalysisRecord', (state) => void state.analyses.push({ prompt: 1 } as never), 'analyses.0'],
    ['a metric set to -1', (state) => void (state.metrics.errorCount = -1), 'metrics.error_count'],
    ['a topic over the limit', (state) => void (state.topic = 'x'.repeat(10_001)), 'topic'],
  ];

  it.each(cases)('rolls back %s with a SessionValidationError naming the field', async (_, change, field) => {
    const session = new Session('checked', { secretKey: KEY, topic: 'before' });
    const error = await session.atomicUpdate(change).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionValidationError);
    expect((error as SessionValidationError).message).toContain(field);
    expect(session.version).toBe(0);
    const state = await session.exportState();
    expect(state.topic).toBe('before');
    expect(state.threads).toEqual({});
    expect(state.analyses).toEqual([]);
    // What it holds still restores.
    await expect(Session.restoreFromState(state, { secretKey: KEY })).resolves.toBeInstanceOf(Session);
  });
});

describe('nested operations inside atomicUpdate (integrity 6, liveness 9)', () => {
  it('a synchronous nested call fails fast instead of reporting a success that is then rolled back', async () => {
    const session = new Session('nested', { secretKey: KEY });
    let nested: Promise<void> | undefined;
    const outer = session.atomicUpdate(() => {
      nested = session.recordAnalysis('inside', { a: 'x' });
      throw new Error('the update fails after the nested call');
    });
    await expect(outer).rejects.toThrow(/the update fails/);
    await expect(nested).rejects.toBeInstanceOf(SessionReentrancyError);
    expect(session.analysisCount).toBe(0);
  });

  it('an async update that awaits and then calls its own session gets SessionReentrancyError, not a deadlock', async () => {
    const session = new Session('async-nested', { secretKey: KEY });
    const result = await session
      .atomicUpdate(async (state) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const error = await session.getSessionInfo().catch((e: unknown) => e);
        state.topic = 'finished';
        return error;
      })
      .catch((e: unknown) => e);
    expect(result).toBeInstanceOf(SessionReentrancyError);
    expect(session.topic).toBe('finished');
    expect(session.version).toBe(1);
  });

  it('other callers still queue behind an update (only calls from inside it are refused)', async () => {
    const session = new Session('queue', { secretKey: KEY });
    let release = () => {};
    const update = session.atomicUpdate(async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    const outside = session.recordAnalysis('outside', { a: 'x' });
    release();
    await update;
    await expect(outside).resolves.toBeUndefined();
    expect(session.version).toBe(2);
  });
});

describe('bounded waits on user callbacks (liveness 8)', () => {
  it('a cleanup callback that never settles cannot keep removeSession from returning', async () => {
    const manager = newManager({ timeouts: { cleanupMs: 50 } });
    const session = await manager.createSession('stuck');
    session.addCleanupCallback(() => new Promise(() => {}));
    const ran: string[] = [];
    session.addCleanupCallback(() => ran.push('next'));
    await expect(manager.removeSession('stuck')).resolves.toBe(true);
    expect(ran).toEqual(['next']);
    expect(await manager.getSession('stuck')).toBeNull();
  });

  it('shutdown reports the stuck callback as a SessionTimeoutError', async () => {
    const manager = newManager({ timeouts: { cleanupMs: 50 } });
    (await manager.createSession('stuck')).addCleanupCallback(() => new Promise(() => {}));
    const error = await manager.shutdown().catch((e: unknown) => e);
    expect((error as { errors: unknown[] }).errors[0]).toBeInstanceOf(SessionTimeoutError);
  });

  it('an update function that never settles is rolled back with SessionTimeoutError, and the session goes on', async () => {
    const session = new Session('hung', { secretKey: KEY, timeouts: { updateMs: 50 } });
    let late: (() => void) | undefined;
    const error = await session
      .atomicUpdate(async (state) => {
        state.topic = 'half-done';
        await new Promise<void>((resolve) => {
          late = resolve;
        });
        state.topic = 'too late';
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionTimeoutError);
    expect(session.topic).toBeNull();
    late?.();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(session.topic).toBeNull(); // the abandoned function wrote to a detached copy
    await session.recordAnalysis('after', { a: 'x' });
    expect(session.version).toBe(1);
  });
});

describe('size limits (unclear behaviour 10)', () => {
  it('refuses a 10 MB topic or system prompt on restore, create and update alike', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const state = await exported();
    await expect(Session.restoreFromState({ ...state, topic: big }, { secretKey: KEY })).rejects.toThrow(/maxTopicLength/);
    const thread = state.threads.technical as NonNullable<SessionStateJSON['threads'][string]>;
    await expect(Session.restoreFromState({ ...state, threads: { technical: { ...thread, system_prompt: big } } }, { secretKey: KEY })).rejects.toThrow(
      /maxPromptLength/,
    );
    await expect(newManager().createSession('big', { topic: big })).rejects.toThrow(/maxTopicLength/);
    const session = new Session('small', { secretKey: KEY });
    await expect(session.recordAnalysis(big, {})).rejects.toThrow(/maxPromptLength/);
    await expect(session.recordAnalysis('p', { a: big })).rejects.toThrow(/maxResponseLength/);
  });

  it('limits are options: smaller ones are enforced, and a bad one is refused', async () => {
    const session = new Session('tight', { secretKey: KEY, limits: { maxAnalyses: 2, maxStateSize: 1_000 } });
    await session.recordAnalysis('1', { a: 'x' });
    await session.recordAnalysis('2', { a: 'x' });
    await expect(session.recordAnalysis('3', { a: 'x' })).rejects.toThrow(/maxAnalyses/);
    const roomy = new Session('roomy', { secretKey: KEY, limits: { maxStateSize: 1_000 } });
    await expect(roomy.recordAnalysis('p', { a: 'y'.repeat(2_000) })).rejects.toThrow(/maxStateSize/);
    expect(() => new Session('bad', { secretKey: KEY, limits: { maxThreads: -1 } })).toThrow(/limits\.maxThreads/);
    expect(() => new Session('bad', { secretKey: KEY, limits: { maxThreadz: 1 } as never })).toThrow(/maxThreadz/);
  });
});

describe('maxStateSize counts the text a session holds, not the text it ever held', () => {
  const thread = (name: string) => new Thread({ id: `t_${name}`, name, systemPrompt: 'p'.repeat(100), modelBackend: 'bedrock' });

  it('a thread added and removed, over and over, gives its text back', async () => {
    const session = new Session('churn', { secretKey: KEY, limits: { maxStateSize: 1_000 } });
    // 500 rounds of a ~100-character thread: 50,000 characters written, never more than ~100 held.
    for (let i = 0; i < 500; i++) {
      expect(await session.addThread(thread('scratch'))).toBe(true);
      const held = await session.getThread('scratch');
      held?.addMessage('user', 'm'.repeat(50));
      expect(await session.removeThread('scratch')).toBe(true);
    }
    // Still room for what the limit allows, and still a refusal past it.
    await session.recordAnalysis('p', { a: 'y'.repeat(900) });
    await expect(session.recordAnalysis('p', { a: 'y'.repeat(200) })).rejects.toThrow(/maxStateSize/);
  });

  it('a compatibility layer removing through withLiveState frees the text too', async () => {
    const session = new Session('interop', { secretKey: KEY, limits: { maxStateSize: 1_000 } });
    for (let i = 0; i < 100; i++) {
      await session.addThread(thread('t'));
      await session.recordAnalysis('p', { a: 'y'.repeat(100) });
      withLiveState(session, (state) => {
        state.threads.delete('t');
        state.analyses = [];
      });
    }
    await session.recordAnalysis('p', { a: 'y'.repeat(990) });
  });

  it('atomicUpdate that replaces the topic, clears analyses or drops threads frees their text', async () => {
    const session = new Session('updates', { secretKey: KEY, limits: { maxStateSize: 1_000 } });
    for (let i = 0; i < 50; i++) {
      await session.atomicUpdate((state) => {
        state.topic = `${i}`.padEnd(400, '.');
      });
      await session.recordAnalysis('p', { a: 'y'.repeat(300) });
      await session.atomicUpdate((state) => {
        state.analyses.length = 0;
      });
      await session.addThread(thread('t'));
      await session.atomicUpdate((state) => {
        state.threads.delete('t');
      });
    }
    expect((await session.getSessionInfo()).topic).toMatch(/^49\./);
    // 400 held by the topic: 600 left, and not one more.
    await session.recordAnalysis('p', { a: 'y'.repeat(597) });
    await expect(session.recordAnalysis('p', { a: 'y' })).rejects.toThrow(/maxStateSize/);
  });
});

describe('options that were silently ignored (unclear behaviour 11)', () => {
  it('refuses unknown restore options such as topic', async () => {
    const state = await exported();
    await expect(Session.restoreFromState(state, { secretKey: KEY, topic: 'ignored?' } as never)).rejects.toThrow(/topic/);
  });

  it('refuses a __proto__ key in the perspectives option instead of dropping it', () => {
    const perspectives = JSON.parse('{"__proto__": "a prompt", "legal": "You are a lawyer."}') as Record<string, string>;
    expect(() => newManager({ perspectives })).toThrow(/__proto__/);
  });
});

describe('a broken clock (unclear behaviour 12)', () => {
  it('surfaces as a SessionError everywhere, never a raw RangeError', async () => {
    const clock = {
      now: (): number => {
        throw new RangeError('clock is broken');
      },
    };
    const manager = newManager({ clock });
    for (const attempt of [() => manager.createSession('c'), () => manager.getStats(), () => manager.cleanupExpiredSessions()]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SessionError);
      expect((error as Error).message).toMatch(/clock/);
    }
    expect(() => new Session('s', { secretKey: KEY, clock })).toThrow(SessionError);
  });
});
