import { describe, expect, it } from 'vitest';
import { dashboardEntries } from '../src/report/json.js';
import { expectDashboardShape } from './dashboard-shape.js';
import { curveRun, redisRun, sampleRun, side, workload } from './fixtures.js';

describe('dashboardEntries', () => {
  it('emits one entry per measured side, named "<workload> (<side>)", peers and floors included, in the customSmallerIsBetter shape', () => {
    const entries = dashboardEntries(sampleRun());
    expectDashboardShape(entries);
    expect(entries.map((entry) => entry.name)).toEqual([
      'create (legacy)',
      'create (core)',
      'create (lru-cache)',
      'create (express-session)',
      'create (floor)',
      'analysis (legacy)',
      'analysis (core)',
      'analysis (floor)',
      'memory (legacy)',
      'memory (core)',
      'memory (floor)',
      // get-hit's legacy side errored: no number, no entry
      'get-hit (core)',
      'get-hit (lru-cache)',
      'get-hit (floor)',
      'writers (core)',
      'writers (express-session)',
      'writers (floor)',
      'floor (floor)',
    ]);
  });

  it('uses the headline figure as value, in the workload unit', () => {
    const byName = new Map(dashboardEntries(sampleRun()).map((entry) => [entry.name, entry]));
    expect(byName.get('create (legacy)')).toMatchObject({ unit: 'ns/op', value: 200e6 });
    expect(byName.get('memory (core)')).toMatchObject({ unit: 'bytes', value: 800 });
  });

  it('puts percentiles, ratios, lost updates and the claim in extra, and the spread in range', () => {
    const [legacy] = dashboardEntries([
      workload(
        'create',
        { legacy: side(200e6), core: side(10_000), 'lru-cache': side(20_000), floor: side(5_000) },
        { claim: { text: '15 ms → 8 ms', legacy: 15e6, core: 8e6 } },
      ),
    ]);
    expect(legacy?.extra).toContain('p50 200 ms');
    expect(legacy?.extra).toContain('legacy/core 20,000× · core/floor 2× · best peer/core 2×');
    expect(legacy?.extra).toContain('claimed earlier 15 ms → 8 ms');
    expect(legacy?.range).toBe('± 0.0%');
    const writers = dashboardEntries(sampleRun()).find((entry) => entry.name === 'writers (express-session)');
    expect(writers?.extra).toContain('lost updates 120 of 128');
  });

  it('names the store-redis sides "<workload> (<side>)", with their ratios; a skipped workload has no entry', () => {
    const entries = dashboardEntries(redisRun());
    expectDashboardShape(entries);
    expect(entries.map((entry) => [entry.name, entry.value])).toEqual([
      ['redis-create (core)', 10_000],
      ['redis-create (core+redis)', 500_000],
      ['redis-create (connect-redis)', 250_000],
      ['redis-create (floor)', 100_000],
      // throughput rows: 1e9 / ops/s, so smaller is still better
      ['redis-throughput (core)', 1_000],
      ['redis-throughput (core+redis)', 250_000],
      ['redis-throughput (connect-redis)', 100_000],
    ]);
    expect(entries[0]?.extra).toContain('core+redis/floor 5× · best peer/core+redis 0.5× · core+redis/core 50× · core in memory, beside core+redis');
    expect(entries[5]?.extra).toContain('4,000 ops/s');
    expect(entries[5]?.extra).toContain('conflicts retried: 12 in 2,000 analyses (0.6%)');
    expect(entries[1]?.extra).not.toContain('core in memory');
  });

  it('adds every point of every curve as "<workload>:<curve>@<x> (<side>)"', () => {
    const names = dashboardEntries(curveRun()).map((entry) => entry.name);
    expect(names).toContain('scale (core)');
    expect(names).toContain('scale:lookup@1000 (core)');
    expect(names).toContain('scale:lookup@100000 (lru-cache)');
    expect(names).toContain('scale:memory@10000 (floor)');
    expect(dashboardEntries(curveRun()).find((entry) => entry.name === 'scale:memory@10000 (core)')).toMatchObject({ unit: 'bytes', value: 850 });
  });

  it('round-trips through JSON unchanged', () => {
    const entries = dashboardEntries(sampleRun());
    expect(JSON.parse(JSON.stringify(entries))).toEqual(entries);
  });
});
