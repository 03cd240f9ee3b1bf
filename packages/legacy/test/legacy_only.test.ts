/**
 * What only the port has (exact costs, quirks, and its own bad-input errors):
 * things the adapter over core deliberately does differently, so they are
 * not part of the shared contract.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ClientBinding,
  ContextSwitcherSession,
  SecurityError,
  SessionCleanupError,
  SessionData,
  SessionError,
  SessionManager,
  SessionSecurity,
  Thread,
  createSessionConcurrency,
  getConfig,
  getSessionData,
  getSessionLockManager,
  registerSessionData,
  setConfig,
} from '../src/index.js';
import type { LegacyLogger } from '../src/index.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const HOUR_MS = 3_600_000;

let sequence = 0;
const newId = (label: string) => `legacy-${label}-${++sequence}`;

/** Resolves on the next macrotask: lets queued lock hand-overs run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function withIterations(iterations: number): () => void {
  const previous = getConfig().pbkdf2Iterations;
  setConfig({ pbkdf2Iterations: iterations });
  return () => setConfig({ pbkdf2Iterations: previous });
}

function recordingLogger(): LegacyLogger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

describe('configuration', () => {
  it('defaults to the old system settings, including 600,000 PBKDF2 rounds', () => {
    expect(getConfig()).toMatchObject({
      maxActiveSessions: 50,
      defaultTtlHours: 1,
      cleanupIntervalSeconds: 300,
      pbkdf2Iterations: 600_000,
    });
  });

  it('rejects bad settings with SessionError and keeps the previous configuration', () => {
    const before = getConfig();
    expect(() => setConfig({ pbkdf2Iterations: 0 })).toThrow(SessionError);
    expect(() => setConfig({ pbkdf2Iterations: 1.5 })).toThrow(/positive integer/);
    expect(() => setConfig({ defaultTtlHours: -1 })).toThrow(SessionError);
    expect(() => setConfig({ unknown: 1 } as never)).toThrow(/Unknown legacy setting 'unknown'/);
    expect(() => setConfig({ logger: {} as never })).toThrow(/logger must have/);
    expect(getConfig()).toBe(before);
  });
});

describe('binding signatures (full 600,000 rounds)', () => {
  // Expected values are Python's: hashlib.pbkdf2_hmac('sha256',
  // f"{entropy}:{ts.isoformat()}".encode(), secret.encode(), 600000).hex()
  // for the aware UTC datetime `ts`, entropy and secret of the old service's export
  // kept in packages/core/test/fixtures/reference-python/state-with-binding.json.
  const entropy = '_ZjcccfsNT31Ls3rNLzQvTUGEhWdcZXA2gvFaNBXBaI';
  const secret = 'sessionkit-vector-secret-key-0001';
  const signed = (creationTimestamp: Date) => new ClientBinding({ sessionEntropy: entropy, creationTimestamp, bindingSignature: '', accessPatternHash: 'h' });

  it('equals the Python signature for a timestamp with a fraction (…05.896000+00:00)', () => {
    expect(signed(new Date('2026-11-27T07:55:05.896Z')).generateBindingSignature(secret)).toBe(
      '5050e826f19bbb9828eb8c7a1408143c2d6a24a0c59b53be8681b65840d33f23',
    );
  });

  it('equals the Python signature for a whole-second timestamp, which isoformat prints without a fraction', () => {
    const binding = signed(new Date('2023-06-15T10:00:00.000Z'));
    binding.bindingSignature = '15437acbf63f255b52cd78e80521060c9ca19f8795257f238fc439156a898b08';
    expect(binding.validateBinding(secret)).toBe(true);
  });
});

describe('binding costs and quirks', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = withIterations(1000);
  });
  afterEach(() => restore());

  it('recomputes the signature on every validation, with the rounds configured at that moment', () => {
    const security = new SessionSecurity(newId('cost'));
    const binding = security.createClientBinding('key');
    expect(binding.validateBinding('key')).toBe(true);
    setConfig({ pbkdf2Iterations: 1001 });
    expect(binding.validateBinding('key')).toBe(false);
    setConfig({ pbkdf2Iterations: 1000 });
    expect(security.validateBinding('key')).toBe(true);
  });

  it('rejects a missing or empty secret key with SecurityError', () => {
    const security = new SessionSecurity(newId('key'));
    expect(() => security.createClientBinding('')).toThrow(SecurityError);
    const binding = security.createClientBinding('key');
    expect(() => binding.validateBinding(undefined as never)).toThrow(/non-empty string/);
    expect(() => security.recordSecurityEvent('', null)).toThrow(SecurityError);
  });
});

describe('timestamps are written as Python isoformat()', () => {
  it('as the reference system wrote them', () => {
    expect(new SessionData('s', new Date('2023-06-15T10:00:00.000Z')).toDict().created_at).toBe('2023-06-15T10:00:00+00:00');
    expect(new SessionData('s', new Date('2023-06-15T10:00:00.123Z')).toDict().created_at).toBe('2023-06-15T10:00:00.123000+00:00');
  });
});

describe('the global lock manager', () => {
  it('keeps a lock for every session id it has seen until removeLock', async () => {
    const lockManager = getSessionLockManager();
    const manager = new SessionManager({ maxSessions: 10 });
    const before = lockManager.lockCount;
    const sessions = [newId('lock'), newId('lock'), newId('lock')].map((id) => new ContextSwitcherSession(id, new Date()));
    for (const session of sessions) {
      await manager.addSession(session);
      await session.recordAccess('tool');
    }
    expect(lockManager.lockCount).toBe(before + 3);

    // Removing sessions from the manager leaves their locks behind.
    for (const session of sessions) await manager.removeSession(session.sessionId);
    expect(lockManager.lockCount).toBe(before + 3);

    createSessionConcurrency(sessions[0]?.sessionId ?? '').cleanup();
    lockManager.removeLock(sessions[1]?.sessionId ?? '');
    expect(lockManager.lockCount).toBe(before + 1);
    lockManager.removeLock(sessions[2]?.sessionId ?? '');
    expect(lockManager.lockCount).toBe(before);
  });
});

describe('SessionManager quirks', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('counts a session as live at exactly its TTL and expired one millisecond later', () => {
    const manager = new SessionManager({ sessionTtlHours: 1 });
    const session = new ContextSwitcherSession(newId('ttl'), new Date());
    vi.setSystemTime(T0.getTime() + HOUR_MS);
    expect(manager._isExpired(session)).toBe(false);
    vi.setSystemTime(T0.getTime() + HOUR_MS + 1);
    expect(manager._isExpired(session)).toBe(true);
  });

  it('replaces a session added twice under one id, silently', async () => {
    const manager = new SessionManager();
    const id = newId('dup');
    const first = new ContextSwitcherSession(id, new Date());
    const second = new ContextSwitcherSession(id, new Date());
    expect(await manager.addSession(first)).toBe(true);
    expect(await manager.addSession(second)).toBe(true);
    expect(await manager.getSession(id)).toBe(second);
    expect((await manager.getStats()).active_sessions).toBe(1);
  });

  it('only recordAccess bumps the session version', async () => {
    const manager = new SessionManager();
    const session = new ContextSwitcherSession(newId('version'), new Date());
    await manager.addSession(session);
    session.addThread(new Thread({ id: 't', name: 'technical', systemPrompt: 'p', modelBackend: 'bedrock' }));
    session.recordAnalysis('p', { technical: 'r' }, 1, 0);
    await manager.getSession(session.sessionId);
    expect(session.version).toBe(0);
    await session.recordAccess('tool');
    expect(session.version).toBe(1);
  });

  it('overwrites a thread added twice under one name', () => {
    const thread = (id: string) => new Thread({ id, name: 'technical', systemPrompt: id, modelBackend: 'bedrock' });
    const session = new ContextSwitcherSession(newId('thread'), new Date());
    const data = new SessionData(session.sessionId, new Date());
    for (const target of [session, data]) {
      target.addThread(thread('first'));
      target.addThread(thread('second'));
      expect(target.getThread('technical')?.id).toBe('second');
    }
  });

  it('writes stats timestamps in isoformat and capacity as a percentage string', async () => {
    const manager = new SessionManager({ maxSessions: 3 });
    await manager.addSession(new ContextSwitcherSession(newId('stats'), new Date()));
    expect(await manager.getStats()).toMatchObject({
      oldest_session: '2030-01-01T00:00:00+00:00',
      newest_session: '2030-01-01T00:00:00+00:00',
      capacity_used: '33.3%',
    });
  });

  it('serializes every manager call behind one global lock, across sessions', async () => {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    class SlowCleanup extends SessionManager {
      protected override async _cleanupSessionResources(): Promise<void> {
        await gate;
      }
    }
    const manager = new SlowCleanup();
    const [a, b] = [newId('global'), newId('global')].map((id) => new ContextSwitcherSession(id, new Date())) as [
      ContextSwitcherSession,
      ContextSwitcherSession,
    ];
    await manager.addSession(a);
    await manager.addSession(b);

    const removingA = manager.removeSession(a.sessionId);
    let gotB = false;
    const gettingB = manager.getSession(b.sessionId).then(() => {
      gotB = true;
    });
    await settle();
    expect(gotB).toBe(false); // B waits for A's cleanup: the cost the new design removes
    openGate();
    await Promise.all([removingA, gettingB]);
    expect(gotB).toBe(true);
  });

  it('logs failed resource cleanup and still removes the session', async () => {
    const logger = recordingLogger();
    const previous = getConfig();
    setConfig({ logger });
    try {
      class FailingCleanup extends SessionManager {
        protected override async _cleanupSessionResources(sessionId: string): Promise<void> {
          throw new SessionCleanupError(`rate limiter for ${sessionId} unavailable`);
        }
      }
      const manager = new FailingCleanup();
      const session = new ContextSwitcherSession(newId('cleanup'), new Date());
      await manager.addSession(session);
      expect(await manager.removeSession(session.sessionId)).toBe(true);
      expect(await manager.getSession(session.sessionId)).toBeNull();
      expect(logger.lines).toContain(
        `warn: Session ${session.sessionId} cleanup (remove) completed with errors: rate limiter for ${session.sessionId} unavailable`,
      );
    } finally {
      setConfig(previous);
    }
  });

  it('keeps session data registered after the manager drops the session', async () => {
    const manager = new SessionManager();
    const session = new ContextSwitcherSession(newId('registry'), new Date());
    const data = new SessionData(session.sessionId, session.createdAt);
    registerSessionData(data);
    await manager.addSession(session);
    await manager.removeSession(session.sessionId);
    expect(getSessionData(session.sessionId)).toBe(data);
  });

  it('rejects bad input with SessionError', async () => {
    expect(() => new SessionManager({ maxSessions: 0 })).toThrow(/maxSessions must be a positive integer/);
    expect(() => new SessionManager({ sessionTtlHours: -1 })).toThrow(SessionError);
    expect(() => new SessionManager({ cleanupIntervalMinutes: Number.NaN })).toThrow(SessionError);
    expect(() => new ContextSwitcherSession('', new Date())).toThrow(/non-empty string/);
    expect(() => new ContextSwitcherSession('s', new Date('not a date'))).toThrow(/valid Date/);
    expect(() => new SessionData('s', 'yesterday' as never)).toThrow(SessionError);
    expect(() => registerSessionData({ sessionId: 's' } as never)).toThrow(/SessionData instance/);
    await expect(new SessionManager().addSession({ sessionId: 's' } as never)).rejects.toThrow(SessionError);
    expect(() => SessionData.fromDict({ session_id: 's', created_at: '2030-01-01T00:00:00Z', threads: [] })).toThrow(/threads must be an object/);
  });
});

describe('background cleanup', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sweeps on the cleanupIntervalMinutes period and stops when told to', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(T0);
    const swept: string[] = [];
    class Recording extends SessionManager {
      protected override async _cleanupSessionResources(sessionId: string): Promise<void> {
        swept.push(sessionId);
      }
    }
    const manager = new Recording({ sessionTtlHours: 1, cleanupIntervalMinutes: 10 });
    const session = new ContextSwitcherSession(newId('periodic'), new Date());
    await manager.addSession(session);
    await manager.startCleanupTask();

    await vi.advanceTimersByTimeAsync(69 * 60_000); // sweeps at 10…60 min: not yet expired
    expect(swept).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000); // the 70-minute sweep
    expect(swept).toEqual([session.sessionId]);

    await manager.stopCleanupTask();
    await manager.addSession(new ContextSwitcherSession(newId('periodic'), new Date()));
    await vi.advanceTimersByTimeAsync(5 * HOUR_MS);
    expect(swept).toHaveLength(1);
  });
});
