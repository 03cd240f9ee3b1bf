import { describe, expect, it } from 'vitest';
import { measureBatches, measureScenarios, roundOrder, type BatchPlan, type BatchSide, type ScenarioPlan } from '../src/harness.js';
import type { SideName } from '../src/results.js';

/** Tiny budgets: these tests are about order, bookkeeping and isolation, not about speed. */
const batchPlan: BatchPlan = { budgetMs: 0, minRounds: 4, maxRounds: 4, warmupMs: 1, targetBatchMs: 0.05, sliceMs: 1 };
const scenarioPlan: ScenarioPlan = { budgetMs: 0, minRounds: 3, maxRounds: 3, warmupSamples: 1, reportsThroughput: true };

/** Spins (no sleeping) for about `ns` nanoseconds. */
function spin(ns: number): void {
  const end = process.hrtime.bigint() + BigInt(Math.round(ns));
  while (process.hrtime.bigint() < end);
}

describe('roundOrder', () => {
  it('alternates direction so no side always goes first', () => {
    expect(roundOrder(['legacy', 'core', 'floor'], 0)).toEqual(['legacy', 'core', 'floor']);
    expect(roundOrder(['legacy', 'core', 'floor'], 1)).toEqual(['floor', 'core', 'legacy']);
    expect(roundOrder(['legacy', 'core', 'floor'], 2)).toEqual(['legacy', 'core', 'floor']);
  });
});

describe('measureBatches', () => {
  it('interleaves the sides round by round after every side has warmed up', async () => {
    const log: string[] = [];
    let measuring = false;
    const recording = (name: SideName): BatchSide => ({
      batch: () => {
        if (measuring) log.push(name);
      },
      afterBatch: () => undefined,
    });
    const sides = { legacy: recording('legacy'), core: recording('core'), floor: recording('floor') };
    await measureBatches(sides, batchPlan, {
      phase: (phase) => {
        if (phase === 'measure') measuring = true;
      },
      round: () => void log.push('end of round'),
    });
    // A side runs several batches per turn: collapse them, round by round.
    const rounds = log
      .join(',')
      .split(',end of round')
      .filter((round) => round !== '')
      .map((round) => round.split(',').filter((name, i, names) => name !== '' && name !== names[i - 1]));
    expect(rounds).toEqual([
      ['legacy', 'core', 'floor'],
      ['floor', 'core', 'legacy'],
      ['legacy', 'core', 'floor'],
      ['floor', 'core', 'legacy'],
    ]);
  });

  it('reports time per operation: batch time divided by batch size and opsPerCall', async () => {
    const perOpNs = 20_000;
    const results = await measureBatches(
      {
        core: { batch: (n) => spin(n * perOpNs) },
        floor: { opsPerCall: 4, batch: (n) => spin(n * perOpNs) },
      },
      { ...batchPlan, targetBatchMs: 0.2 },
    );
    const core = results.core && 'stats' in results.core ? results.core.stats : undefined;
    const floor = results.floor && 'stats' in results.floor ? results.floor.stats : undefined;
    // Generous bounds: the point is the division, not the machine's timer.
    expect(core?.p50).toBeGreaterThanOrEqual(perOpNs * 0.9);
    expect(core?.p50).toBeLessThan(perOpNs * 3);
    expect(floor?.p50).toBeGreaterThanOrEqual((perOpNs / 4) * 0.9);
    expect(floor?.p50).toBeLessThan((perOpNs / 4) * 3);
  });

  it('sizes batches of fast operations larger than batches of slow ones', async () => {
    const results = await measureBatches(
      { legacy: { batch: (n) => spin(n * 50_000) }, core: { batch: (n) => spin(n * 500) } },
      { ...batchPlan, targetBatchMs: 0.5, warmupMs: 5 },
    );
    const legacy = results.legacy && 'stats' in results.legacy ? results.legacy.stats.opsPerSample : 0;
    const core = results.core && 'stats' in results.core ? results.core.stats.opsPerSample : 0;
    expect(legacy).toBeGreaterThanOrEqual(1);
    expect(core).toBeGreaterThan(legacy * 10);
  });

  it('drops a side that throws mid-run, keeps its error, measures the others and still tears every side down', async () => {
    let measuring = false;
    let measuredCalls = 0;
    const tornDown: string[] = [];
    const results = await measureBatches(
      {
        legacy: {
          batch: () => {
            if (measuring && ++measuredCalls > 1) throw new Error('broke mid-run');
          },
          teardown: () => void tornDown.push('legacy'),
        },
        core: { batch: () => undefined, teardown: () => void tornDown.push('core') },
      },
      batchPlan,
      {
        phase: (phase) => {
          if (phase === 'measure') measuring = true;
        },
        round: () => undefined,
      },
    );
    expect(results.legacy).toEqual({ error: expect.stringContaining('broke mid-run') });
    expect(results.core && 'stats' in results.core).toBe(true);
    expect(tornDown).toEqual(['legacy', 'core']);
  });

  it("turns a side's failing teardown (a post-run check) into that side's error", async () => {
    const results = await measureBatches(
      {
        legacy: {
          batch: () => undefined,
          teardown: () => {
            throw new Error('update function never ran');
          },
        },
        core: { batch: () => undefined },
      },
      batchPlan,
    );
    expect(results.legacy).toEqual({ error: 'teardown failed: Error: update function never ran' });
    expect(results.core && 'stats' in results.core).toBe(true);
  });

  it('runs beforeBatch and afterBatch around every timed batch', async () => {
    const events: string[] = [];
    await measureBatches(
      {
        core: {
          maxBatchSize: 1,
          beforeBatch: () => void events.push('before'),
          batch: () => void events.push('batch'),
          afterBatch: () => void events.push('after'),
        },
      },
      batchPlan,
    );
    expect(events.length).toBeGreaterThan(0);
    expect(events.join(' ')).toMatch(/^(before batch after ?)+$/);
  });
});

describe('measureScenarios', () => {
  it('discards warm-up samples, then pools every value per side', async () => {
    let sample = 0;
    const results = await measureScenarios(
      {
        core: {
          sample: async () => {
            sample++;
            return { values: [sample * 10, sample * 10 + 1], ops: 2, elapsedNs: 1_000 };
          },
        },
      },
      scenarioPlan,
    );
    const stats = results.core && 'stats' in results.core ? results.core.stats : undefined;
    // Sample 1 was warm-up; samples 2..4 give 20,21,30,31,40,41.
    expect(stats).toMatchObject({ samples: 6, min: 20, max: 41, p50: 30.5, opsPerSec: 6 / 3e-6 });
  });

  it('runs the sides of a round concurrently only when parallelSides is set', async () => {
    const overlapping = async (parallelSides: boolean): Promise<boolean> => {
      let running = 0;
      let overlapped = false;
      const slow = {
        sample: async () => {
          running++;
          if (running > 1) overlapped = true;
          await new Promise<void>((resolve) => setImmediate(resolve));
          running--;
          return { values: [1], ops: 1, elapsedNs: 1 };
        },
      };
      await measureScenarios({ legacy: slow, core: slow }, { ...scenarioPlan, warmupSamples: 0, parallelSides });
      return overlapped;
    };
    expect(await overlapping(false)).toBe(false);
    expect(await overlapping(true)).toBe(true);
  });

  it('reports a side whose warm-up throws without measuring it', async () => {
    const results = await measureScenarios(
      {
        legacy: { sample: () => Promise.reject(new Error('no pool')) },
        floor: { sample: async () => ({ values: [5], ops: 1, elapsedNs: 5 }) },
      },
      scenarioPlan,
    );
    expect(results.legacy).toEqual({ error: 'Error: no pool' });
    expect(results.floor && 'stats' in results.floor ? results.floor.stats.samples : 0).toBe(3);
  });
});
