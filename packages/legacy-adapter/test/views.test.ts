/**
 * What the bridge promises beyond the old contract: the old objects for one
 * session are views of ONE core session (nothing to drift), the version
 * follows core's rules, old critical sections are one atomicUpdate, and a
 * failing old call leaves the state as it was.
 */
import { type Session, SessionValidationError, Thread as CoreThread } from '@sessionkit/core';
import { readLiveState, withLiveState } from '@sessionkit/core/interop';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConcurrencyError,
  ContextSwitcherSession,
  SecurityError,
  SessionData,
  SessionError,
  SessionManager,
  SessionSecurity,
  createSessionConcurrency,
  getSessionLockManager,
  registerSessionData,
  toCoreSession,
} from '../src/index.js';
import { gate, newId, settle, thread, useFakeDate } from './support/fixtures.js';

beforeEach(useFakeDate);
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** The legacy application's create sequence, as written against the old modules. */
async function oldCreateSequence(manager: SessionManager, topic = 'Migrate?') {
  const sessionId = newId('app');
  const record = new ContextSwitcherSession(sessionId, new Date(), { topic });
  const security = new SessionSecurity(sessionId);
  record.clientBinding = security.createClientBinding('app-secret');
  expect(await manager.addSession(record)).toBe(true);
  const data = new SessionData(sessionId, record.createdAt, topic);
  for (const name of ['technical', 'risk']) data.addThread(thread(name, sessionId));
  registerSessionData(data);
  return { sessionId, record, security, data, concurrency: createSessionConcurrency(sessionId) };
}

describe('one core session behind every old object of a session', () => {
  it('the record, its data, security and concurrency objects all show the session in the core pool', async () => {
    const manager = new SessionManager({ maxSessions: 5 });
    const { sessionId, record, security, data, concurrency } = await oldCreateSequence(manager);
    const core = await manager.pool.requireSession(sessionId);

    expect(toCoreSession(record)).toBe(core);
    expect(toCoreSession(data)).toBe(core);
    const state = await core.exportState();
    expect(Object.keys(state.threads)).toEqual(['technical', 'risk']);
    expect(state.client_binding?.binding_signature).toBe(security.clientBinding?.bindingSignature);
    expect(Object.keys(record.threads)).toEqual(['technical', 'risk']);
    expect(record.clientBinding).toBe(security.clientBinding);
    expect([record.version, concurrency.version, data.toDict().threads['risk']?.name]).toEqual([core.version, core.version, 'risk']);
    expect((await manager.pool.getStats()).total_threads).toBe(2);
  });

  it('what core code changes, the old objects show, and the other way round', async () => {
    const manager = new SessionManager({ maxSessions: 5 });
    const { sessionId, record, data, security } = await oldCreateSequence(manager);
    const core = await manager.pool.requireSession(sessionId);

    await core.addThread(new CoreThread({ id: 'x_user', name: 'user', systemPrompt: 'p', modelBackend: 'ollama' }));
    await core.atomicUpdate((state) => {
      state.topic = 'Changed by core';
    });
    expect(data.getThreadNames()).toEqual(['technical', 'risk', 'user']);
    expect(record.topic).toBe('Changed by core');

    data.removeThread('technical');
    security.recordSecurityEvent('rate_limit_warning', { requests: 100 });
    expect([...(await core.getAllThreads()).keys()]).toEqual(['risk', 'user']);
    const info = await core.getSessionInfo();
    expect(info.recent_security_events.map((event) => event.type)).toEqual(['rate_limit_warning']);
    expect(info.client_binding?.security_flags_count).toBe(1);
    expect((await manager.pool.getStats()).total_threads).toBe(2);
  });

  it('records the events of a throwaway SessionSecurity on the session (the old object kept its own list and lost them)', async () => {
    const manager = new SessionManager();
    const { sessionId, record } = await oldCreateSequence(manager);
    const throwaway = new SessionSecurity(sessionId, record.clientBinding);
    expect(throwaway.validateBinding('wrong-secret')).toBe(false);
    expect(record.securityEvents.map((event) => [event.type, event.details])).toEqual([['binding_validation_failed', { validation_failures: 1 }]]);
    expect(record.clientBinding?.validationFailures).toBe(1);
  });

  it('new bindings use core’s HMAC-SHA256 scheme: core’s validateSecurity accepts them with the key in its key ring', async () => {
    vi.stubEnv('SESSIONKIT_SECRET_KEYS', 'app-secret');
    const manager = new SessionManager();
    const { sessionId, record } = await oldCreateSequence(manager);
    expect(record.clientBinding?.signatureScheme).toBe('hmac-sha256');
    const core = await manager.pool.requireSession(sessionId);
    await expect(core.validateSecurity('core_tool')).resolves.toBe(true);
    expect(record.clientBinding?.toolUsageSequence).toEqual(['core_tool']);
  });
});

describe('versions follow core: one bump per mutation, one per critical section', () => {
  it('counts each old mutation once, and nothing for reads or security bookkeeping', async () => {
    const data = new SessionData(newId('version'), new Date());
    const security = new SessionSecurity(data.sessionId);
    const before = data.toDict() && toCoreSession(data)?.version;
    data.addThread(thread('technical'));
    data.recordAnalysis('p', { technical: 'r' }, 1, 0);
    data.removeThread('missing'); // removed nothing: no change
    data.getThreadNames();
    data.getAnalysesSummary();
    security.createClientBinding('k');
    security.validateBinding('k');
    security.recordSecurityEvent('audit', null);
    expect(toCoreSession(data)?.version).toBe((before ?? 0) + 2);
  });

  it('a synchronizedUpdate is one change, whatever it does through the old objects', async () => {
    const sessionId = newId('section');
    const data = new SessionData(sessionId, new Date());
    const concurrency = createSessionConcurrency(sessionId);
    await concurrency.synchronizedUpdate(() => {
      data.addThread(thread('technical'));
      data.addThread(thread('risk'));
      data.recordAnalysis('p', {}, 0, 0);
    });
    expect(concurrency.version).toBe(1);
    expect(concurrency.accessCount).toBe(0);
    expect(data.getThreadCount()).toBe(2);
  });

  it('a lock-manager block is one change, counted at release', async () => {
    const sessionId = newId('block');
    const data = new SessionData(sessionId, new Date());
    const release = await getSessionLockManager().acquireLock(sessionId);
    data.addThread(thread('technical'));
    await settle();
    data.recordAnalysis('p', { technical: 'yes' }, 1, 0);
    expect(data.getThreadCount()).toBe(1);
    expect(toCoreSession(data)?.version).toBe(0);
    release();
    release(); // a second call does nothing
    await settle();
    expect(toCoreSession(data)?.version).toBe(1);
  });
});

describe('a failing old call leaves the session as it was', () => {
  it('a throwing synchronizedUpdate rolls back what it changed and rejects with its own error', async () => {
    const sessionId = newId('rollback');
    const data = new SessionData(sessionId, new Date());
    data.addThread(thread('technical'));
    const failure = new TypeError('half-way');
    await expect(
      createSessionConcurrency(sessionId).synchronizedUpdate(async () => {
        data.removeThread('technical');
        data.addThread(thread('risk'));
        await Promise.resolve();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(data.getThreadNames()).toEqual(['technical']);
    expect(toCoreSession(data)?.version).toBe(1);
  });

  it('bad input throws the old typed errors with a clear message and changes nothing', () => {
    const data = new SessionData(newId('bad'), new Date());
    const security = new SessionSecurity(data.sessionId);
    const binding = security.createClientBinding('k');
    const core = toCoreSession(data) as Session;
    const snapshot = () => JSON.stringify(withLiveState(core, (state) => state.toJSON()));
    const before = snapshot();

    expect(() => data.recordAnalysis('p', { technical: 42 } as never, 1, 0)).toThrow(/responses\.technical must be a string/);
    expect(() => data.recordAnalysis('p', {}, -1, 0)).toThrow(SessionError);
    expect(() => data.addThread({ name: 'x' } as never)).toThrow(SessionValidationError);
    expect(() => (data.threads['risk'] = thread('technical'))).toThrow(/must hold the thread named 'risk'/);
    expect(() => security.recordSecurityEvent('', null)).toThrow(SecurityError);
    expect(() => security.recordSecurityEvent('cyclic', { self: globalThis } as never)).toThrow(SecurityError);
    expect(() => security.validateBinding('')).toThrow(SecurityError);
    expect(() => binding.validateBinding(undefined as never)).toThrow(/non-empty string/);
    expect(() => security.cleanupOldEvents(Number.NaN)).toThrow(SessionError);
    expect(snapshot()).toBe(before);

    expect(() => new ContextSwitcherSession('', new Date())).toThrow(/non-empty string/);
    expect(() => new ContextSwitcherSession('has spaces', new Date())).toThrow(SessionValidationError);
    expect(() => new ContextSwitcherSession('ok', new Date('nope'))).toThrow(/valid Date/);
    expect(() => new SessionManager({ maxSessions: 0 })).toThrow(/maxSessions must be a positive integer/);
    expect(() => new SessionManager({ cleanupIntervalMinutes: 60 * 24 * 365 })).toThrow(/cleanupIntervalMinutes must be at most 35791/);
    expect(() => registerSessionData({ sessionId: 's' } as never)).toThrow(/SessionData instance/);
  });

  it('refuses an old mutation while a core operation holds the session, changing nothing; reads still answer', async () => {
    const data = new SessionData(newId('busy'), new Date());
    data.addThread(thread('technical'));
    const core = toCoreSession(data) as Session;
    const hold = gate();
    const update = core.atomicUpdate(() => hold.promise);

    expect(() => data.addThread(thread('risk'))).toThrow(ConcurrencyError);
    expect(() => data.addThread(thread('risk'))).toThrow(/nothing was changed/);
    expect(data.getThreadNames()).toEqual(['technical']);
    expect(data.toDict().threads['technical']?.name).toBe('technical');

    hold.open();
    await update;
    data.addThread(thread('risk'));
    expect(data.getThreadNames()).toEqual(['technical', 'risk']);
  });
});

describe('reads never wait and never fail', () => {
  it('answers every old read while a core operation holds a session the old API never touched before', async () => {
    const manager = new SessionManager();
    const sessionId = newId('first-read-busy');
    const core = await manager.pool.createSession(sessionId, { initialPerspectives: ['technical'] });
    await core.recordAnalysis('What breaks?', { technical: 'The lock.' });
    const accesses = readLiveState(core, (state) => state.metrics.accessCount);
    const hold = gate();
    const update = core.atomicUpdate(() => hold.promise);

    // Every view is made, and read for the first time, while core holds the session's lock.
    const record = await manager.getSession(sessionId);
    if (record === null) throw new Error('the manager hands out its sessions');
    const data = new SessionData(sessionId, record.createdAt);
    const security = new SessionSecurity(sessionId);
    const concurrency = createSessionConcurrency(sessionId);
    expect(core.isLocked).toBe(true);
    expect(record.analyses.map((analysis) => analysis.prompt)).toEqual(['What breaks?']);
    expect(record.accessCount).toBe(accesses);
    expect(record.getThread('technical')?.name).toBe('technical');
    expect(Object.keys(record.threads)).toEqual(['technical']);
    expect(record.clientBinding?.signatureScheme).toBe('hmac-sha256');
    expect(data.getLastAnalysis()?.prompt).toBe('What breaks?');
    expect(data.toDict().threads['technical']?.name).toBe('technical');
    expect(security.getSecuritySummary().client_binding?.validation_failures).toBe(0);
    expect(concurrency.getAccessStats()).toMatchObject({ access_count: accesses, version: core.version });
    expect(() => record.addThread(thread('risk'))).toThrow(ConcurrencyError); // mutations still refuse

    hold.open();
    await update;
  });
});

describe('old behaviours the bridge keeps', () => {
  it('addThread replaces a thread of the same name (core’s addThread refuses)', () => {
    const record = new ContextSwitcherSession(newId('dup'), new Date());
    record.addThread(new CoreThread({ id: 'first', name: 'technical', systemPrompt: 'a', modelBackend: 'bedrock' }));
    record.addThread(new CoreThread({ id: 'second', name: 'technical', systemPrompt: 'b', modelBackend: 'bedrock' }));
    expect(record.getThread('technical')?.id).toBe('second');
  });

  it('addSession replaces a live session with the same id, and returns false at capacity', async () => {
    const manager = new SessionManager({ maxSessions: 1 });
    const id = newId('replace');
    const first = new ContextSwitcherSession(id, new Date());
    const second = new ContextSwitcherSession(id, new Date());
    expect(await manager.addSession(first)).toBe(true);
    expect(await manager.addSession(first)).toBe(true);
    expect(await manager.addSession(second)).toBe(true);
    expect(await manager.getSession(id)).toBe(second);
    expect(await manager.addSession(new ContextSwitcherSession(newId('full'), new Date()))).toBe(false);
    expect((await manager.getStats()).active_sessions).toBe(1);
  });

  it('getSession and removeSession take the ids core takes: an impossible id is simply not found', async () => {
    const manager = new SessionManager({ maxSessions: 5 });
    /** The record for this id, or null when core refuses the id. */
    const recordFor = (sessionId: string): ContextSwitcherSession | null => {
      try {
        return new ContextSwitcherSession(sessionId, new Date());
      } catch (error) {
        if (error instanceof SessionValidationError) return null;
        throw error;
      }
    };
    const ids = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aZ9_.:-{} /é'), minLength: 1, maxLength: 12 }),
      fc.string({ unit: fc.constantFrom('a', '-'), minLength: 250, maxLength: 260 }),
    );
    await fc.assert(
      fc.asyncProperty(ids, async (sessionId) => {
        const record = recordFor(sessionId);
        if (record === null) {
          await expect(manager.getSession(sessionId)).resolves.toBeNull();
          await expect(manager.removeSession(sessionId)).resolves.toBe(false);
          return;
        }
        expect(await manager.addSession(record)).toBe(true);
        expect(await manager.getSession(sessionId)).toBe(record);
        expect(await manager.removeSession(sessionId)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a session lives in one manager at a time', async () => {
    const record = new ContextSwitcherSession(newId('two-managers'), new Date());
    await new SessionManager().addSession(record);
    await expect(new SessionManager().addSession(record)).rejects.toThrow(/already stored in another SessionManager/);
  });

  it('threads is a live record: keys, values, assignment and delete go to the session', () => {
    const data = new SessionData(newId('record'), new Date());
    data.threads['technical'] = thread('technical');
    expect(Object.values(data.threads).map((t) => t.name)).toEqual(['technical']);
    expect('technical' in data.threads).toBe(true);
    delete data.threads['technical'];
    expect(data.getThreadCount()).toBe(0);
  });
});

describe('sessions core code created, met through the old API', () => {
  it('joins later old objects with their id to the session a manager handed out', async () => {
    const manager = new SessionManager();
    const sessionId = newId('core-made');
    const core = await manager.pool.createSession(sessionId, { initialPerspectives: ['technical'] });
    const record = await manager.getSession(sessionId);
    expect(toCoreSession(record)).toBe(core);
    const security = new SessionSecurity(sessionId);
    const concurrency = createSessionConcurrency(sessionId);
    expect(toCoreSession(security)).toBe(core);
    expect(toCoreSession(concurrency)).toBe(core);
    await concurrency.synchronizedUpdate(() => {
      record?.addThread(thread('risk', sessionId));
    });
    expect(core.version).toBe(1);
    expect(security.clientBinding?.signatureScheme).toBe('hmac-sha256'); // core's own binding, seen by the old API
  });
});
