/** Who the caller is: the default resolver, a custom one, and identities the layer refuses to use. */
import { generateSessionId, SimpleSessionManager } from '@sessionkit/core';
import { afterAll, describe, expect, test } from 'vitest';
import { createSessionLayer, defaultPrincipal, isHandle, McpToolError } from '../dist/index.js';

const manager = new SimpleSessionManager({ secretKeys: ['identity-test-key'] });

afterAll(async () => {
  await manager.shutdown();
});

describe('defaultPrincipal', () => {
  test.each([
    [{ clientId: 'app', extra: { sub: 'alice' } }, 'sub:alice'],
    [{ clientId: 'app' }, 'client:app'],
    [{ clientId: 'app', extra: { sub: '' } }, 'client:app'],
    [{ clientId: 'app', extra: { sub: 42 } }, 'client:app'],
    [{ clientId: '' }, null],
    [{}, null],
  ])('%j -> %j', (auth, expected) => {
    expect(defaultPrincipal(auth)).toBe(expected);
  });
});

describe('SessionLayer.identify', () => {
  test('a custom resolver decides the principal', () => {
    const layer = createSessionLayer({ manager, unauthenticated: 'reject', principal: (auth) => (auth.scopes?.includes('admin') ? 'tenant:admins' : null) });
    expect(layer.identify({ clientId: 'x', scopes: ['admin'] })).toEqual({ id: 'tenant:admins', authenticated: true });
    expect(() => layer.identify({ clientId: 'x', scopes: [] })).toThrow(/needs an authenticated caller/);
  });

  test.each([
    ['a control character', 'sub:alice\nadmin'],
    ['an over-long identity', `sub:${'a'.repeat(600)}`],
  ])('refuses an identity with %s, without echoing it', (_what, id) => {
    const layer = createSessionLayer({ manager, unauthenticated: 'bearer', principal: () => id });
    let caught: unknown;
    try {
      layer.identify({ clientId: 'x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(McpToolError);
    expect((caught as McpToolError).code).toBe('SESSION_FORBIDDEN');
    expect((caught as McpToolError).message).not.toContain('admin');
  });

  test('handles are opaque: the same principal gets unrelated handles, and a handle says nothing of its principal', async () => {
    const layer = createSessionLayer({ manager, unauthenticated: 'bearer' });
    const alice = layer.identify({ clientId: 'x', extra: { sub: 'alice' } });
    const one = await layer.create(alice, 'test');
    const two = await layer.create(alice, 'test');
    expect(isHandle(one.handle)).toBe(true);
    expect(one.handle).not.toBe(two.handle);
    expect(one.handle).not.toContain('alice');
    expect(isHandle(generateSessionId())).toBe(true);
    expect(isHandle('user')).toBe(false);
  });
});
