/** The child scripts (`memory`, `cold-import`, the throughput workers) run in fresh `node` processes (built dist). */
import { describe, expect, it } from 'vitest';
import { childScript, runChild } from '../src/child/spawn.js';
import type { ScaleReport } from '../src/child/scale-protocol.js';
import { WorkerPair } from '../src/child/throughput-pair.js';

describe('memory child', () => {
  it('reports a positive retained size per session for each side', async () => {
    const script = childScript('memory');
    for (const side of ['legacy', 'core', 'lru-cache', 'express-session', 'floor']) {
      const report = await runChild<{ side: string; count: number; bytesPerSession: number }>(script, [side, '2000'], ['--expose-gc']);
      expect(report).toMatchObject({ side, count: 2000 });
      // Any session with an id, a topic and a binding holds well over 100 bytes and under 100 KB.
      expect(report.bytesPerSession).toBeGreaterThan(100);
      expect(report.bytesPerSession).toBeLessThan(100_000);
    }
  });

  it('refuses to run without --expose-gc', async () => {
    await expect(runChild(childScript('memory'), ['floor', '10'])).rejects.toThrow(/--expose-gc/);
  });
});

describe('scale child', () => {
  it('builds a pool, measures its memory, lookups and sweeps, and how they grew against a 1,000-session pool in the same process', async () => {
    const script = childScript('scale');
    for (const side of ['core', 'lru-cache', 'express-session', 'floor']) {
      const report = await runChild<ScaleReport>(script, [side, '3000', 'quick'], ['--expose-gc']);
      expect(report).toMatchObject({ side, sessions: 3000 });
      expect(report.bytesPerSession).toBeGreaterThan(100);
      expect(report.lookupNs.length).toBe(15);
      expect(report.lookupNs.every((ns) => ns > 0)).toBe(true);
      expect(report.sweepMs.length).toBeGreaterThanOrEqual(3);
      expect(report.lookupGrowth).toBeGreaterThan(0);
      expect(report.sweepGrowth).toBeGreaterThan(0);
    }
  });

  it('compares the reference size with nothing (growth 1) and refuses sizes it cannot sweep in whole generations', async () => {
    const script = childScript('scale');
    const report = await runChild<ScaleReport>(script, ['floor', '1000', 'quick'], ['--expose-gc']);
    expect(report).toMatchObject({ lookupGrowth: 1, sweepGrowth: 1 });
    await expect(runChild(script, ['core', '1050', 'quick'], ['--expose-gc'])).rejects.toThrow(/bad session count: 1050/);
    await expect(runChild(script, ['nope', '1000', 'quick'], ['--expose-gc'])).rejects.toThrow(/unknown side: nope/);
  });
});

describe('cold-import child', () => {
  it('times a first import', async () => {
    const report = await runChild<{ importMs: number }>(childScript('cold-import'), ['core']);
    expect(report.importMs).toBeGreaterThan(0);
  });

  it('counts the modules a package loads: one for the empty floor module, more for a real package', async () => {
    const script = childScript('cold-import');
    const floor = await runChild<{ modules: number; esm: number; cjs: number }>(script, ['floor', '--count-modules']);
    expect(floor).toMatchObject({ modules: 1, esm: 1, cjs: 0 });
    const legacy = await runChild<{ modules: number }>(script, ['legacy', '--count-modules']);
    // the package entry plus at least its own modules and async-mutex
    expect(legacy.modules).toBeGreaterThan(2);
  });

  it('fails clearly for an unknown side', async () => {
    await expect(runChild(childScript('cold-import'), ['nope'])).rejects.toThrow(/unknown side: nope/);
  });
});

describe('throughput workers (in memory)', () => {
  it('record analyses in two processes at once, report operations, latencies and no conflicts, and exit when closed', async () => {
    const pair = await WorkerPair.start({ side: 'core', redis: null, inFlight: 4, maxLatencies: 500 });
    try {
      await pair.prepare(['a', 'b', 'c']);
      const runs = await pair.record(50, 1);
      expect(runs).toHaveLength(2);
      for (const run of runs) {
        expect(run.ops).toBeGreaterThan(0);
        expect(run.failures).toBe(0);
        expect(run.conflicts).toBe(0);
        expect(run.elapsedNs).toBeGreaterThanOrEqual(50e6);
        // thinned to at most maxLatencies, evenly spread
        expect(run.latenciesNs.length).toBe(Math.min(run.ops, 500));
        expect(run.latenciesNs.every((ns) => ns > 0)).toBe(true);
      }
      // a second sample starts from a fresh manager: the same ids can be created again
      await pair.prepare(['a', 'b', 'c']);
      expect((await pair.record(10, 2)).every((run) => run.ops > 0)).toBe(true);
    } finally {
      await pair.close();
    }
  });

  it('pass a failure in a worker back to the bench as an error', async () => {
    const pair = await WorkerPair.start({ side: 'core', redis: null, inFlight: 1, maxLatencies: 10 });
    try {
      // the same id twice: the second createSession is refused
      await expect(pair.prepare(['same', 'same'])).rejects.toThrow(/throughput worker failed: .*same/);
    } finally {
      await pair.close();
    }
  });
});
