import { createHmac, pbkdf2Sync } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HmacSha256 } from '../src/hmac.js';
import { KeyRing } from '../src/keyring.js';
import { Session, SessionSecurityError, SimpleSessionManager } from '../src/index.js';
import { readVector, recordingLogger, VECTOR_SECRET } from './helpers.js';

describe('HmacSha256', () => {
  it('equals createHmac for any key and message', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.string({ maxLength: 300 }), (key, message) => {
        const expected = createHmac('sha256', key).update(message).digest('hex');
        expect(new HmacSha256(Buffer.from(key)).hex(message)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('KeyRing', () => {
  const saved = process.env.SESSIONKIT_SECRET_KEYS;
  beforeEach(() => {
    delete process.env.SESSIONKIT_SECRET_KEYS;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SESSIONKIT_SECRET_KEYS;
    else process.env.SESSIONKIT_SECRET_KEYS = saved;
  });

  it('tells the current key from a previous one', () => {
    const ring = KeyRing.resolve({ secretKeys: ['new-key', 'old-key'] }, recordingLogger());
    const oldRing = KeyRing.resolve({ secretKey: 'old-key' }, recordingLogger());
    expect(ring.verifyHmac('m', ring.sign('m'))).toBe('current');
    expect(ring.verifyHmac('m', oldRing.sign('m'))).toBe('previous');
    expect(ring.verifyHmac('m', KeyRing.resolve({ secretKey: 'other' }, recordingLogger()).sign('m'))).toBeNull();
  });

  it('verifies the old PBKDF2 scheme asynchronously, current key first', async () => {
    const ring = KeyRing.resolve({ secretKeys: ['k2', 'k1'] }, recordingLogger());
    const old = pbkdf2Sync('entropy:ts', 'k1', 1000, 32, 'sha256').toString('hex');
    const pending = ring.verifyLegacyPbkdf2('entropy:ts', old, 1000);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toBe('previous');
    expect(await ring.verifyLegacyPbkdf2('entropy:ts', old.replace(/^./, old[0] === 'a' ? 'b' : 'a'), 1000)).toBeNull();
    expect(await ring.verifyLegacyPbkdf2('entropy:ts', 'not-hex', 1000)).toBeNull();
  });

  it('reads SESSIONKIT_SECRET_KEYS (comma-separated, current first)', () => {
    process.env.SESSIONKIT_SECRET_KEYS = ' env-current , env-previous ,';
    const ring = KeyRing.resolve({}, recordingLogger());
    expect(ring.size).toBe(2);
    const previous = KeyRing.resolve({ secretKey: 'env-previous' }, recordingLogger());
    expect(ring.verifyHmac('m', previous.sign('m'))).toBe('previous');
  });

  it('falls back to one random per-process key, warning once', async () => {
    vi.resetModules();
    const { KeyRing: FreshKeyRing } = await import('../src/keyring.js');
    const logger = recordingLogger();
    const first = FreshKeyRing.resolve({}, logger);
    const second = FreshKeyRing.resolve({}, logger);
    expect(second.verifyHmac('m', first.sign('m'))).toBe('current');
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
    expect(logger.lines[0]?.message).toMatch(/random per-process key/);
  });

  it('never shows its keys when serialized or inspected', async () => {
    const ring = KeyRing.resolve({ secretKey: 'super-secret-value' }, recordingLogger());
    const { inspect } = await import('node:util');
    expect(JSON.stringify({ ring })).not.toContain('super-secret-value');
    expect(inspect(ring, { showHidden: true, depth: 5 })).not.toContain('super-secret-value');
    expect(String(Object.keys(ring))).not.toContain('super-secret-value');
  });
});

describe('key rotation end to end', () => {
  it('a binding signed by a previous key validates and is re-signed with the current one', async () => {
    const before = new SimpleSessionManager({ secretKey: 'key-2025' });
    const session = await before.createSession('rotating');
    const exported = await session.exportState();

    // Deploy with a new current key, keeping the old one as previous.
    const after = await Session.restoreFromState(exported, { secretKeys: ['key-2026', 'key-2025'] });
    await expect(after.validateSecurity('tool')).resolves.toBe(true);
    const upgraded = await after.exportState();
    expect(upgraded.client_binding?.binding_signature).not.toBe(exported.client_binding?.binding_signature);
    expect(upgraded.security_events.at(-1)).toMatchObject({ type: 'binding_upgraded', details: { reason: 'key_rotation' } });
    expect(upgraded.version).toBe(exported.version);

    // Once the old key is retired, the re-signed binding still validates...
    const retired = await Session.restoreFromState(upgraded, { secretKey: 'key-2026' });
    await expect(retired.validateSecurity()).resolves.toBe(true);
    // ...but one that was never re-signed does not.
    const stale = await Session.restoreFromState(exported, { secretKey: 'key-2026' });
    await expect(stale.validateSecurity()).rejects.toBeInstanceOf(SessionSecurityError);
  });
});

describe('the secret never leaks', () => {
  it('appears in no export, error message, event or log line', async () => {
    const secret = 'this-secret-must-not-leak-0123456789';
    const logger = recordingLogger();
    const manager = new SimpleSessionManager({ secretKeys: [secret, `${secret}-old`], logger });
    const session = await manager.createSession('leak-check', { initialPerspectives: ['technical'] });
    await session.validateSecurity('tool');
    await session.atomicUpdate((state) => {
      state.clientBinding!.bindingSignature = '0'.repeat(64);
    });
    const errors: unknown[] = [];
    for (let i = 0; i < 5; i++) await session.validateSecurity('tool').catch((e: unknown) => errors.push(e));
    await session
      .atomicUpdate(() => {
        throw new Error('boom');
      })
      .catch((e: unknown) => errors.push(e));
    const vector = await Session.restoreFromState(readVector('state-with-binding'), { secretKeys: [VECTOR_SECRET], logger });
    await vector.validateSecurity();
    await manager.shutdown();

    const haystack = JSON.stringify([
      await session.exportState(),
      await vector.exportState(),
      await session.getSessionInfo(),
      errors.map((e) => [String(e), (e as Error).stack, JSON.stringify(e)]),
      logger.lines.map((line) => [line.message, JSON.stringify(line.context ?? {})]),
    ]);
    expect(errors).toHaveLength(6);
    expect(haystack).not.toContain(secret);
    expect(haystack).not.toContain(VECTOR_SECRET);
  });
});
