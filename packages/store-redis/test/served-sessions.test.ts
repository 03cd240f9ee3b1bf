import { describe, expect, it } from 'vitest';
import { ServedSessions } from '../src/served-sessions.js';

const seen = (expireTimeMs: number, stateBytes = 10, analyses = 0) => ({ expireTimeMs, stateBytes, created: 1000, threads: 0, analyses });

describe('ServedSessions', () => {
  it('drains every live id once, forgetting them', () => {
    let now = 1_000;
    const served = new ServedSessions(() => now);
    served.add('live', 1, seen(5_000));
    served.add('forever', 1, seen(-1)); // PEXPIRETIME -1: no expiry
    served.add('expired', 1, seen(900));
    served.add('removed', 1, seen(5_000));
    served.delete('removed');
    expect(served.drain().sort()).toEqual(['forever', 'live']);
    expect(served.drain()).toEqual([]);
    now = 6_000;
    served.add('live', 1, seen(5_000));
    expect(served.drain()).toEqual([]);
  });

  it('drops expired ids as it grows, so its size follows the live sessions', () => {
    let now = 0;
    const served = new ServedSessions(() => now);
    for (let i = 0; i < 5_000; i++) {
      now = i;
      served.add(`s${i}`, 1, seen(i + 100)); // each lives 100 ms
    }
    expect(served.size).toBeLessThan(1_200);
  });

  it('knows the fingerprint of the revision it saw last, and of no other', () => {
    const served = new ServedSessions(() => 0);
    expect(served.fingerprint('s', 1)).toBe('');
    served.add('s', 1, seen(5_000, 120));
    expect(served.fingerprint('s', 1)).toBe('120:1000:0:0:5000');
    served.add('s', 2, seen(5_000, 180, 1));
    expect([served.fingerprint('s', 1), served.fingerprint('s', 2)]).toEqual(['', '180:1000:0:1:5000']);
    served.drain();
    expect(served.fingerprint('s', 2)).toBe('');
  });
});
