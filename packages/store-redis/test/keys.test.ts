import { describe, expect, it } from 'vitest';
import { sessionKey } from '../src/index.js';

describe('sessionKey', () => {
  it('hash-tags the session id so all of its keys share a cluster slot', () => {
    expect(sessionKey('sk:', 'abc')).toBe('sk:{abc}');
    expect(sessionKey('app:sk:', 'a.b-c')).toBe('app:sk:{a.b-c}');
  });
});
