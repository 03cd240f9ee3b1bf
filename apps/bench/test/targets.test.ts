import { describe, expect, it } from 'vitest';
import { evaluateTargets, FLOOR_TARGET_ROWS, TARGETS } from '../src/targets.js';
import { side, workload } from './fixtures.js';

const outcomesOf = (target: string, results: Parameters<typeof evaluateTargets>[0]) => evaluateTargets(results).filter((outcome) => outcome.target === target);

describe('targets', () => {
  it('has one id per target, each with a sentence saying what it asks', () => {
    expect(new Set(TARGETS.map((target) => target.id)).size).toBe(TARGETS.length);
    for (const target of TARGETS) expect(target.title.length).toBeGreaterThan(20);
  });

  it('in-memory-floor: core within 1.5× of the floor on the listed in-memory rows only', () => {
    expect(FLOOR_TARGET_ROWS).toContain('get-hit');
    const outcomes = outcomesOf('in-memory-floor', [
      workload('get-hit', { core: side(150), floor: side(100) }),
      workload('analysis', { core: side(151), floor: side(100) }),
      workload('create-eq', { core: side(1_000), floor: side(100) }), // repeats create: not judged twice
      workload('atomic', { core: side(100), floor: { error: 'boom' } }),
    ]);
    expect(outcomes.map((outcome) => [outcome.workload, outcome.value, outcome.met])).toEqual([
      ['get-hit', 1.5, true],
      ['analysis', 1.51, false],
      ['atomic', null, null],
    ]);
    expect(outcomes[2]?.detail).toBe('atomic: core/floor not measured (core: not measured; floor: boom)');
  });

  it('store-mutation-cas and store-mutation-vs-connect-redis judge core+redis on redis-mutation', () => {
    const run = [
      workload(
        'redis-mutation',
        { core: side(200), 'core+redis': side(130_000), 'connect-redis': side(120_000), floor: side(100_000) },
        { suite: 'store-redis' },
      ),
    ];
    expect(outcomesOf('store-mutation-cas', run)).toMatchObject([{ measure: 'core+redis/floor', value: 1.3, limit: '≤ 1.3×', met: true }]);
    expect(outcomesOf('store-mutation-vs-connect-redis', run)).toMatchObject([{ measure: 'connect-redis/core+redis', met: false }]);
    expect(outcomesOf('store-mutation-cas', [workload('redis-mutation', {}, { suite: 'store-redis', skipped: 'no Redis' })])).toEqual([]);
  });

  it('ahead-of-peers: one outcome per peer that does the same work; a peer that lost updates is left out', () => {
    const outcomes = outcomesOf('ahead-of-peers', [
      workload('create', { core: side(100), 'lru-cache': side(90), 'express-session': side(300), floor: side(50) }),
      workload('writers', {
        core: { ...side(100), lostUpdates: { lost: 0, of: 64 } },
        'lru-cache': { ...side(400), lostUpdates: { lost: 0, of: 64 } },
        'express-session': { ...side(50), lostUpdates: { lost: 60, of: 64 } },
      }),
    ]);
    expect(outcomes.map((outcome) => [outcome.workload, outcome.measure, outcome.met])).toEqual([
      ['create', 'lru-cache/core', false],
      ['create', 'express-session/core', true],
      ['writers', 'lru-cache/core', true],
    ]);
  });

  it('memory-600 and memory-1024 read core on the memory row', () => {
    const run = [workload('memory', { core: side(800, null), floor: side(500, null) }, { unit: 'bytes' })];
    expect(outcomesOf('memory-600', run)).toMatchObject([{ value: 800, met: false, detail: 'memory: core retains 800 B per session, over the 600 B target' }]);
    expect(outcomesOf('memory-1024', run)).toMatchObject([{ value: 800, met: true }]);
  });

  it('core-vs-legacy: a timed row passes within the parity band, fails below it; a memory row has no band', () => {
    const outcomes = outcomesOf('core-vs-legacy', [
      workload('analysis', { legacy: side(95), core: side(100) }),
      workload('thread-ops', { legacy: side(85), core: side(100) }),
      workload('create', { legacy: side(300), core: side(100) }),
      workload('memory', { legacy: side(950, null), core: side(1_000, null) }, { unit: 'bytes' }),
    ]);
    expect(outcomes.map((outcome) => [outcome.workload, outcome.value, outcome.met])).toEqual([
      ['analysis', 0.95, true],
      ['thread-ops', 0.85, false],
      ['create', 3, true],
      ['memory', 0.95, false],
    ]);
    expect(outcomes[0]?.detail).toBe('analysis: legacy/core 0.95×, at parity (within the 0.9× noise band)');
    expect(outcomes[1]?.detail).toBe('thread-ops: core is slower than legacy (legacy/core 0.85×)');
  });
});
