import { describe, expect, it } from 'vitest';
import { ServedSessions } from '../src/served-sessions.js';

describe('ServedSessions', () => {
  it('drains every live id once, forgetting them', () => {
    let now = 1_000;
    const served = new ServedSessions(() => now);
    served.add('live', 5_000);
    served.add('forever', -1); // PEXPIRETIME -1: no expiry
    served.add('expired', 900);
    served.add('removed', 5_000);
    served.delete('removed');
    expect(served.drain().sort()).toEqual(['forever', 'live']);
    expect(served.drain()).toEqual([]);
    now = 6_000;
    served.add('live', 5_000);
    expect(served.drain()).toEqual([]);
  });

  it('drops expired ids as it grows, so its size follows the live sessions', () => {
    let now = 0;
    const served = new ServedSessions(() => now);
    for (let i = 0; i < 5_000; i++) {
      now = i;
      served.add(`s${i}`, i + 100); // each lives 100 ms
    }
    expect(served.size).toBeLessThan(1_200);
  });
});
