import { randomBytes } from 'node:crypto';
import { defineBatchWorkload } from './define.js';

/**
 * A new session id. Core's generateSessionId cuts 256-bit tokens from a
 * pooled randomFillSync; the floor is what anyone would write: randomBytes(32)
 * as base64url, the same 43 characters.
 */
export const sessionIdWorkload = defineBatchWorkload({
  id: 'session-id',
  title: 'generate a session id (256 random bits, base64url)',
  notes: ["core: generateSessionId(). Floor: randomBytes(32).toString('base64url')."],
  budgetMs: { quick: 500, full: 2_000 },
  core(core) {
    let last = '';
    return {
      batch(n) {
        for (let i = 0; i < n; i++) last = core.generateSessionId();
      },
      facts() {
        if (last.length !== 43) throw new Error(`core's session id has ${last.length} characters, expected 43`);
        return {};
      },
    };
  },
  floor() {
    let last = '';
    return {
      batch(n) {
        for (let i = 0; i < n; i++) last = randomBytes(32).toString('base64url');
      },
      facts() {
        if (last.length !== 43) throw new Error(`the floor's session id has ${last.length} characters`);
        return {};
      },
    };
  },
});
