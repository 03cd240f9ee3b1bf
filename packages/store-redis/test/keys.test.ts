import { describe, expect, it } from 'vitest';
import { defaultChannel } from '../src/keys.js';
import { indexKeys, sessionKey } from '../src/index.js';

/** The part of a key Redis Cluster hashes: the first non-empty {…}, else the whole key. */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open === -1 || close <= open + 1 ? key : key.slice(open + 1, close);
}

describe('key names', () => {
  it('hash-tags a session by its id, so each session is one cluster slot of its own', () => {
    expect(sessionKey('sk:', 'abc')).toBe('sk:{abc}');
    expect(hashTag(sessionKey('app:sk:', 'a.b-c'))).toBe('a.b-c');
    expect(hashTag(sessionKey('sk:', 'one'))).not.toBe(hashTag(sessionKey('sk:', 'two')));
  });

  it('puts the three index keys under one tag, so every index script is single-slot', () => {
    const keys = indexKeys('sk:');
    expect(new Set([keys.created, keys.expires, keys.reserved].map(hashTag))).toEqual(new Set(['index']));
  });

  it('never lets an index key collide with a session key, whatever the id', () => {
    // Session keys end with the closing brace; index keys continue after it.
    for (const key of Object.values(indexKeys('sk:'))) expect(key.endsWith('}')).toBe(false);
    expect(sessionKey('sk:', 'index')).toBe('sk:{index}');
  });

  it('derives the invalidation channel from the prefix', () => {
    expect(defaultChannel('tenant-a:')).toBe('tenant-a:invalidations');
  });
});
