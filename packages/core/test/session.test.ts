import { describe, expect, it } from 'vitest';
import { Session, SessionConcurrencyError, SessionError, SessionSecurityError, SessionValidationError, Thread } from '../src/index.js';
import { gate, manualClock, recordingLogger } from './helpers.js';

const SECRET = 'test-secret-key-for-sessions-0001';
const newSession = (id = 'session-1', extra: Partial<ConstructorParameters<typeof Session>[1] & object> = {}) =>
  new Session(id, { secretKey: SECRET, topic: 'topic', logger: recordingLogger(), ...extra });
const thread = (name: string) => new Thread({ id: `t_${name}`, name, systemPrompt: `You are ${name}.`, modelBackend: 'bedrock' });

describe('Session construction', () => {
  it.each(['', 'has space', 'ünïcode', 'x'.repeat(257), 'semi;colon'])('rejects the id %j', (id) => {
    expect(() => new Session(id, { secretKey: SECRET })).toThrow(SessionValidationError);
  });

  it('accepts ids of [A-Za-z0-9_.:-] up to 256 chars', () => {
    expect(new Session('a.b:c-d_E9', { secretKey: SECRET }).sessionId).toBe('a.b:c-d_E9');
    expect(new Session('x'.repeat(256), { secretKey: SECRET }).sessionId).toHaveLength(256);
  });

  it('rejects bad options naming the field', () => {
    expect(() => new Session('s', { secretKey: '' })).toThrow(/secretKey/);
    expect(() => new Session('s', { clock: {} as never })).toThrow(/clock/);
    expect(() => new Session('s', { createClientBinding: 'yes' as never })).toThrow(/createClientBinding/);
  });

  it('creates an hmac-sha256 binding by default, none when asked', async () => {
    const exported = await newSession().exportState();
    expect(exported.client_binding?.signature_scheme).toBe('hmac-sha256');
    expect(exported.client_binding?.binding_signature).toMatch(/^[0-9a-f]{64}$/);
    expect(exported.client_binding?.session_entropy).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await newSession('s2', { createClientBinding: false }).exportState()).client_binding).toBeNull();
  });
});

describe('versioning', () => {
  it('bumps by exactly one per successful mutation and never on reads', async () => {
    const session = newSession();
    expect(session.version).toBe(0);
    expect(await session.addThread(thread('technical'))).toBe(true);
    expect(session.version).toBe(1);
    expect(await session.addThread(thread('technical'))).toBe(false); // duplicate: nothing changed
    expect(session.version).toBe(1);

    await session.getThread('technical');
    await session.getAllThreads();
    await session.getLastAnalysis();
    await session.getSessionInfo();
    await session.getVersionInfo();
    await session.validateVersion(1);
    await session.exportState();
    await session.validateSecurity('tool');
    await session.clearSecurityFlags();
    expect(session.version).toBe(1);

    await session.recordAnalysis('p', { technical: 'answer' });
    expect(session.version).toBe(2);
    expect(await session.removeThread('technical')).toBe(true);
    expect(await session.removeThread('technical')).toBe(false);
    expect(session.version).toBe(3);
    await session.atomicUpdate(() => undefined);
    expect(session.version).toBe(4);
    expect(await session.validateVersion(4)).toBe(true);
    expect(await session.validateVersion(3)).toBe(false);
  });

  it('atomicUpdate with a stale expected version throws before fn runs', async () => {
    const session = newSession();
    await session.addThread(thread('a'));
    let ran = false;
    const error = await session
      .atomicUpdate(() => {
        ran = true;
      }, 0)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionConcurrencyError);
    expect(error).toMatchObject({ expected: 0, actual: 1, code: 'SESSION_CONFLICT' });
    expect(ran).toBe(false);
    expect(session.version).toBe(1);
    // Recorded, but a conflict never makes a session suspicious.
    const info = await session.getSessionInfo();
    expect(info.metrics.error_count).toBe(1);
    expect(info.recent_security_events.at(-1)).toMatchObject({ type: 'operation_error_atomic_update' });
    expect(info.client_binding?.security_flags_count).toBe(0);
  });

  it('atomicUpdate returns what fn returns, sync or async, with the live state', async () => {
    const session = newSession();
    expect(await session.atomicUpdate((state) => state.sessionId)).toBe('session-1');
    expect(
      await session.atomicUpdate(async (state) => {
        await Promise.resolve();
        state.topic = 'changed';
        return 42;
      }, 1),
    ).toBe(42);
    expect(session.topic).toBe('changed');
    expect(session.version).toBe(2);
  });
});

describe('atomicUpdate failures', () => {
  it.each([
    [
      'throws',
      (fail: Error) => () => {
        throw fail;
      },
    ],
    [
      'rejects',
      (fail: Error) => async () => {
        await Promise.resolve();
        throw fail;
      },
    ],
  ])(
    'when fn %s: state and version unchanged, error wrapped with its cause',
    async (_label, makeFn) => {
      const session = newSession();
      await session.addThread(thread('keep'));
      await session.recordAnalysis('first', { keep: 'ok' });
      const before = await session.exportState();
      const fail = new TypeError('update exploded');
      const mutateThenFail = makeFn(fail);

      const error = await session
        .atomicUpdate(async (state) => {
          state.topic = 'half-written';
          state.version = 99;
          state.threads.delete('keep');
          state.threads.set('ghost', thread('ghost'));
          state.analyses.push(state.analyses[0]!);
          state.metrics.accessCount += 1000;
          state.clientBinding!.securityFlags.push('bogus');
          await Promise.resolve();
          return mutateThenFail();
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SessionError);
      expect((error as SessionError).cause).toBe(fail);
      expect((error as SessionError).message).toContain('update exploded');

      const after = await session.exportState();
      expect(after.version).toBe(before.version);
      expect({ ...after, security_events: [], metrics: {} }).toEqual({ ...before, security_events: [], metrics: {} });
      expect(after.metrics.access_count).toBe(before.metrics.access_count);
      expect(after.metrics.error_count).toBe(before.metrics.error_count + 1);
    },
    10_000,
  );

  it('rolls the binding and metrics back in place, so references to them stay valid', async () => {
    const session = newSession();
    let binding: unknown;
    let metrics: unknown;
    await session
      .atomicUpdate((state) => {
        binding = state.clientBinding;
        metrics = state.metrics;
        state.clientBinding!.validationFailures = 9;
        throw new Error('undo');
      })
      .catch(() => undefined);
    await session.atomicUpdate((state) => {
      expect(state.clientBinding).toBe(binding);
      expect(state.metrics).toBe(metrics);
      expect(state.clientBinding!.validationFailures).toBe(0);
    });
  });

  it('passes SessionErrors through unchanged', async () => {
    const session = newSession();
    const own = new SessionSecurityError('nope');
    await expect(
      session.atomicUpdate(() => {
        throw own;
      }),
    ).rejects.toBe(own);
  });

  it('rejects a non-function with SessionValidationError', async () => {
    await expect(newSession().atomicUpdate(42 as never)).rejects.toBeInstanceOf(SessionValidationError);
    await expect(newSession().atomicUpdate(() => 1, -1)).rejects.toBeInstanceOf(SessionValidationError);
  });
});

describe('mutual exclusion on one session', () => {
  it('queues every operation behind a pending atomicUpdate, in order', async () => {
    const session = newSession();
    const hold = gate();
    const order: string[] = [];
    const slow = session.atomicUpdate(async () => {
      order.push('slow:start');
      await hold.promise;
      order.push('slow:end');
    });
    const add = session.addThread(thread('queued')).then(() => order.push('add'));
    const read = session.getThread('queued').then((t) => order.push(`get:${t?.name ?? 'none'}`));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['slow:start']);
    expect(session.isLocked).toBe(true);
    hold.open();
    await Promise.all([slow, add, read]);
    expect(order).toEqual(['slow:start', 'slow:end', 'add', 'get:queued']);
    expect(session.isLocked).toBe(false);
  });

  it('exportState waits for a pending update and sees its result', async () => {
    const session = newSession();
    const hold = gate();
    const update = session.atomicUpdate(async (state) => {
      await hold.promise;
      state.topic = 'after';
    });
    const exported = session.exportState();
    hold.open();
    await update;
    expect((await exported).topic).toBe('after');
  });
});

describe('analyses', () => {
  it('counts active and abstained responses and keeps metrics', async () => {
    const session = newSession();
    await session.recordAnalysis('p1', { a: 'x', b: '[NO_RESPONSE]' }, 2);
    await session.recordAnalysis('p2', { a: 'y' }, 4);
    const last = await session.getLastAnalysis();
    expect(last).toMatchObject({ prompt: 'p2', activeCount: 1, abstainedCount: 0 });
    const info = await session.getSessionInfo();
    expect(info.analysis_count).toBe(2);
    expect(info.metrics).toMatchObject({ analysis_count: 2, total_response_time: 6, avg_response_time: 3 });
  });

  it('copies responses so later edits by the caller do not leak in', async () => {
    const session = newSession();
    const responses = { a: 'x' };
    await session.recordAnalysis('p', responses);
    responses.a = 'changed';
    expect((await session.getLastAnalysis())?.responses).toEqual({ a: 'x' });
  });

  it.each([
    ['prompt', () => newSession().recordAnalysis(5 as never, {})],
    ['responses', () => newSession().recordAnalysis('p', { a: 5 } as never)],
    ['responses', () => newSession().recordAnalysis('p', null as never)],
    ['response time', () => newSession().recordAnalysis('p', {}, Number.POSITIVE_INFINITY)],
    ['response time', () => newSession().recordAnalysis('p', {}, -1)],
  ])('rejects a bad %s', async (field, call) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionValidationError);
    expect((error as Error).message.toLowerCase()).toContain(field);
  });
});

describe('validateSecurity', () => {
  it('records tool usage (first 10) and last validation time, without touching the version', async () => {
    const clock = manualClock();
    const session = newSession('s', { clock });
    for (let i = 0; i < 12; i++) {
      clock.advance(1000);
      await session.validateSecurity(`tool_${i}`);
    }
    const binding = (await session.exportState()).client_binding;
    expect(binding?.tool_usage_sequence).toEqual(Array.from({ length: 10 }, (_, i) => `tool_${i}`));
    expect(binding?.last_validated).toBe(new Date(clock.now()).toISOString());
    expect(session.version).toBe(0);
  });

  it('counts failures, flags a suspicious session, and refuses it until clearSecurityFlags()', async () => {
    const session = newSession();
    // Tamper with the signature.
    await session.atomicUpdate((state) => {
      state.clientBinding!.bindingSignature = 'f'.repeat(64);
    });
    for (let i = 1; i <= 3; i++) await expect(session.validateSecurity('t')).rejects.toThrow('Client binding validation failed');
    await expect(session.validateSecurity('t')).rejects.toThrow('flagged as suspicious');
    let info = await session.getSessionInfo();
    expect(info.client_binding).toMatchObject({ validation_failures: 4, is_suspicious: true });

    // Even a restored good signature is refused while flagged, and no failure is counted for it.
    await session.atomicUpdate((state) => {
      const binding = state.clientBinding!;
      binding.bindingSignature = 'e'.repeat(64);
    });
    await expect(session.validateSecurity()).rejects.toThrow(/suspicious.*clearSecurityFlags/);
    info = await session.getSessionInfo();
    expect(info.client_binding?.validation_failures).toBe(4);

    await session.clearSecurityFlags();
    info = await session.getSessionInfo();
    expect(info.client_binding).toMatchObject({ validation_failures: 0, security_flags_count: 0, is_suspicious: false });
    expect(info.recent_security_events.at(-1)?.type).toBe('security_flags_cleared');
  });

  it('treats a malformed signature as a failed validation, never another exception', async () => {
    for (const signature of ['', 'zz', 'g'.repeat(64), 'a'.repeat(63), 'A'.repeat(200)]) {
      const session = newSession();
      await session.atomicUpdate((state) => {
        state.clientBinding!.bindingSignature = signature;
      });
      await expect(session.validateSecurity()).rejects.toBeInstanceOf(SessionSecurityError);
    }
  });

  it('passes for a session without a binding', async () => {
    await expect(newSession('s', { createClientBinding: false }).validateSecurity('x')).resolves.toBe(true);
  });
});

describe('failure recording', () => {
  it('records an error metric and an operation_error_<name> event, flagging only security operations', async () => {
    const session = newSession();
    await expect(session.getThread(7 as never)).rejects.toBeInstanceOf(SessionValidationError);
    const info = await session.getSessionInfo();
    expect(info.metrics.error_count).toBe(1);
    expect(info.recent_security_events[0]).toMatchObject({
      type: 'operation_error_get_thread',
      details: { operation: 'get_thread', error: expect.stringContaining('thread name') },
    });
    expect(info.client_binding?.security_flags_count).toBe(0);
  });

  it('keeps the newest 100 events while counting them all', async () => {
    const session = newSession();
    for (let i = 0; i < 130; i++) await session.getThread('' as never).catch(() => undefined);
    const exported = await session.exportState();
    expect(exported.security_events).toHaveLength(100);
    expect(exported.metrics.security_event_count).toBe(130);
  });

  it('a logger that throws never breaks an operation', async () => {
    const throwing = {
      debug: () => {
        throw new Error('log down');
      },
      info: () => {
        throw new Error('log down');
      },
      warn: () => {
        throw new Error('log down');
      },
      error: () => {
        throw new Error('log down');
      },
    };
    const session = new Session('s', { secretKey: SECRET, logger: throwing });
    await expect(session.getThread(1 as never)).rejects.toBeInstanceOf(SessionValidationError);
    session.addCleanupCallback(() => {
      throw new Error('cb');
    });
    expect((await session.cleanup()).errors).toHaveLength(1);
  });

  it('a clock returning garbage fails the operation with a SessionError', async () => {
    let broken = false;
    const session = new Session('s', { secretKey: SECRET, clock: { now: () => (broken ? Number.NaN : 0) } });
    broken = true;
    await expect(session.getThread('x')).rejects.toBeInstanceOf(SessionError);
  });
});

describe('cleanup', () => {
  it('runs every callback even when some throw or reject, and reports each error', async () => {
    const logger = recordingLogger();
    const session = new Session('s', { secretKey: SECRET, logger });
    const ran: number[] = [];
    session.addCleanupCallback(() => ran.push(1));
    session.addCleanupCallback(() => {
      throw new Error('sync failure');
    });
    session.addCleanupCallback(async () => {
      ran.push(3);
      throw new Error('async failure');
    });
    session.addCleanupCallback(async () => {
      ran.push(4);
    });
    await session.addThread(thread('a'));
    await session.recordAnalysis('p', {});

    const { errors } = await session.cleanup();
    expect(ran).toEqual([1, 3, 4]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync failure', 'async failure']);
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(2);
    expect(session.threadCount).toBe(0);
    expect(session.analysisCount).toBe(0);
  });

  it('is idempotent: a second call waits for the first and reports no errors', async () => {
    const session = newSession();
    const hold = gate();
    let calls = 0;
    session.addCleanupCallback(async () => {
      calls++;
      await hold.promise;
      throw new Error('once');
    });
    const first = session.cleanup();
    const second = session.cleanup();
    hold.open();
    expect((await first).errors).toHaveLength(1);
    expect(await second).toEqual({ errors: [] });
    expect(await session.cleanup()).toEqual({ errors: [] });
    expect(calls).toBe(1);
  });

  it('keeps the newest 50 security events', async () => {
    const session = newSession();
    for (let i = 0; i < 80; i++) await session.getThread('' as never).catch(() => undefined);
    await session.cleanup();
    const events = (await session.exportState()).security_events;
    expect(events).toHaveLength(50);
  });

  it('rejects a non-function callback', () => {
    expect(() => newSession().addCleanupCallback('nope' as never)).toThrow(SessionValidationError);
  });
});

describe('export and restore', () => {
  it('round-trips a live session, keeping version and metrics', async () => {
    const session = newSession();
    await session.addThread(thread('technical'));
    await session.recordAnalysis('p', { technical: 'a' }, 1.25);
    await session.validateSecurity('tool');
    const exported = await session.exportState();
    const restored = await Session.restoreFromState(exported, { secretKey: SECRET });
    expect(await restored.exportState()).toEqual(exported);
    expect(restored.version).toBe(2);
    await expect(restored.validateSecurity()).resolves.toBe(true);
  });

  it('exportState records nothing and returns a copy', async () => {
    const session = newSession();
    const first = await session.exportState();
    first.topic = 'mutated';
    first.client_binding!.security_flags.push('x');
    const second = await session.exportState();
    expect(second.topic).toBe('topic');
    expect(second.client_binding?.security_flags).toEqual([]);
    expect(second.metrics.access_count).toBe(0);
  });

  it('rejects malformed state with SessionValidationError', async () => {
    await expect(Session.restoreFromState('nope')).rejects.toBeInstanceOf(SessionValidationError);
    await expect(Session.restoreFromState({ session_id: 's' })).rejects.toThrow(/created_at/);
  });
});

describe('isExpired', () => {
  it('measures age from creation with the injected clock', () => {
    const clock = manualClock();
    const session = newSession('s', { clock });
    clock.advance(3_600_000);
    expect(session.isExpired(1)).toBe(false);
    clock.advance(1);
    expect(session.isExpired(1)).toBe(true);
    expect(() => session.isExpired(-1)).toThrow(SessionValidationError);
  });
});
