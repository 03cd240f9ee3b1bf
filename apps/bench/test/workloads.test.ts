/**
 * Every workload's three sides run against the real @sessionkit/legacy and
 * @sessionkit/core (built dist), with the smallest budget: this checks the
 * wiring, not the speed. Each side verifies its own operations (a failed
 * validation, a missed lookup, a version conflict or a wrong sweep count
 * throws), so "every side has stats" means every side did what it claims.
 * The 100k-session workloads (get-hit, sweep) and the child-process ones
 * are left to `pnpm bench --quick` and test/children.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Progress } from '../src/progress.js';
import { SIDE_NAMES } from '../src/results.js';
import { loadSystems, type Systems } from '../src/systems.js';
import { WORKLOADS } from '../src/workloads/index.js';

const CHEAP = ['create', 'create-eq', 'validate', 'validate-eq', 'thread-ops', 'analysis', 'atomic', 'concurrent', 'contention', 'floor'];

let systems: Systems;
beforeAll(async () => {
  systems = await loadSystems();
});

describe('workload wiring against the real packages', () => {
  it('loads both systems with every export the bench uses', () => {
    expect(systems.legacy).toMatchObject({ ok: true });
    expect(systems.core).toMatchObject({ ok: true });
  });

  it('lists the workloads of BENCH.md, in its order', () => {
    expect(WORKLOADS.map((workload) => workload.id)).toEqual([
      'create',
      'create-eq',
      'validate',
      'validate-eq',
      'thread-ops',
      'analysis',
      'atomic',
      'get-hit',
      'concurrent',
      'contention',
      'sweep',
      'memory',
      'cold-import',
      'floor',
    ]);
  });

  for (const id of CHEAP) {
    it(`${id}: every side runs and is measured`, async () => {
      const workload = WORKLOADS.find((candidate) => candidate.id === id);
      if (!workload) throw new Error(`no workload ${id}`);
      const progress = new Progress({ write: () => true }, 1).workload(1, id, 0);
      const sides = await workload.run({ quick: true, systems, budgetMs: 0, progress });
      const expected = id === 'floor' ? ['floor'] : [...SIDE_NAMES];
      expect(Object.keys(sides).sort()).toEqual([...expected].sort());
      for (const side of expected) {
        const result = sides[side as keyof typeof sides];
        expect(result?.error, `${id} (${side})`).toBeUndefined();
        expect(result?.stats?.samples).toBeGreaterThan(0);
      }
    });
  }

  it('restores legacy pbkdf2Iterations after the crypto-equalised workloads', () => {
    if (!systems.legacy.ok) throw new Error(systems.legacy.reason);
    expect(systems.legacy.module.getConfig().pbkdf2Iterations).toBe(600_000);
  });
});
