/** Hand-built results for the report and gate tests: figures chosen so every expected number can be worked out by hand. */
import type { Curve, RunMeta, SideResult, WorkloadResult } from '../src/results.js';
import { summarize } from '../src/stats.js';

/** A side whose every sample is `value` (so p50 = p99 = value), with `ops` operations per `elapsedNs`. */
export function side(value: number, throughput: { ops: number; elapsedNs: number } | null = { ops: 1, elapsedNs: value }): SideResult {
  return { stats: summarize([value, value, value], 1, throughput) };
}

export function workload(id: string, sides: WorkloadResult['sides'], overrides: Partial<Omit<WorkloadResult, 'id' | 'sides'>> = {}): WorkloadResult {
  return { id, title: `${id} title`, suite: 'legacy-vs-core', unit: 'ns/op', compareBy: 'p50', notes: [], sides, durationMs: 10, ...overrides };
}

export const meta: RunMeta = {
  node: 'v20.20.2',
  v8: '11.3',
  platform: 'linux',
  arch: 'x64',
  cpu: { model: 'Test CPU', cores: 2, speedMHz: 2000 },
  totalMemoryBytes: 8e9,
  commit: '0123456789abcdef0123456789abcdef01234567',
  dirty: false,
  mode: 'quick',
  filter: null,
  date: '2026-11-27T10:00:00.000Z',
  durationMs: 42_000,
  redis: null,
  loadPerCore: 0.5,
  peers: { 'lru-cache': '11.5.4', 'async-mutex': '0.5.0', 'express-session': '1.19.0', 'connect-redis': '9.0.0', redis: '6.4.0' },
};

export const redisMeta: RunMeta = {
  ...meta,
  redis: { ok: true, version: '7.0.15', source: 'private redis-server', address: '127.0.0.1:6399' },
};

/** The store-redis suite: Redis 50× slower than memory on create, beside connect-redis and its floor; a throughput row with its conflicts and lost updates; one skipped workload. */
export function redisRun(): WorkloadResult[] {
  const suite = { suite: 'store-redis' } as const;
  return [
    workload('redis-create', { core: side(10_000), 'core+redis': side(500_000), 'connect-redis': side(250_000), floor: side(100_000) }, suite),
    workload(
      'redis-throughput',
      {
        core: side(1_000, { ops: 1_000, elapsedNs: 1e6 }),
        'core+redis': {
          ...side(400_000, { ops: 4, elapsedNs: 1e6 }),
          info: { 'conflicts retried': '12 in 2,000 analyses (0.6%)' },
          lostUpdates: { lost: 0, of: 2_000 },
        },
        'connect-redis': { ...side(100_000, { ops: 10, elapsedNs: 1e6 }), lostUpdates: { lost: 300, of: 5_000 } },
      },
      { ...suite, compareBy: 'throughput' },
    ),
    workload('redis-get', {}, { ...suite, skipped: 'no REDIS_URL and no redis-server on PATH' }),
  ];
}

/**
 * A run with a KDF-dominated workload that beats its peers, a row where core
 * is slower than legacy, a memory row, an errored side, concurrent writers
 * with a peer that loses updates, and a floor-only row.
 */
export function sampleRun(): WorkloadResult[] {
  return [
    workload(
      'create',
      { legacy: side(200e6), core: side(10_000), 'lru-cache': side(12_000), 'express-session': side(25_000), floor: side(8_000) },
      { claim: { text: '15 ms → 8 ms', legacy: 15e6, core: 8e6 } },
    ),
    workload('analysis', { legacy: side(150), core: side(300), floor: side(100) }),
    workload('memory', { legacy: side(1_500, null), core: side(800, null), floor: side(600, null) }, { unit: 'bytes' }),
    workload('get-hit', { legacy: { error: 'cannot import @sessionkit/legacy' }, core: side(2_000), 'lru-cache': side(250), floor: side(100) }),
    workload('writers', {
      core: { ...side(400), lostUpdates: { lost: 0, of: 128 } },
      'express-session': { ...side(900), lostUpdates: { lost: 120, of: 128 } },
      floor: { ...side(300), lostUpdates: { lost: 0, of: 128 } },
    }),
    workload('floor', { floor: side(80) }),
  ];
}

/** A scaling workload: lookup flat (measured 4× in one process), memory flat, a peer whose lookup grows. */
export function curveRun(): WorkloadResult[] {
  const point = (x: number, core: number, peer: number, floor: number) => ({ x, sides: { core: side(core), 'lru-cache': side(peer), floor: side(floor) } });
  const lookup: Curve = {
    id: 'lookup',
    title: 'pool lookup',
    param: 'sessions',
    unit: 'ns/op',
    compareBy: 'p50',
    points: [point(1_000, 300, 200, 100), point(10_000, 600, 2_000, 200), point(100_000, 1_200, 20_000, 300)],
    flatWithin: 10,
    growth: { core: 4, 'lru-cache': 100, floor: 3 },
  };
  const memory: Curve = {
    id: 'memory',
    title: 'memory per session',
    param: 'sessions',
    unit: 'bytes',
    compareBy: 'p50',
    points: [point(1_000, 900, 800, 500), point(10_000, 850, 790, 510), point(100_000, 840, 780, 520)].map((entry) => ({
      ...entry,
      sides: Object.fromEntries(Object.entries(entry.sides).map(([name, result]) => [name, { stats: { ...result.stats, opsPerSec: null } }])),
    })) as Curve['points'],
    flatWithin: 1.5,
  };
  return [workload('scale', lookup.points.at(-1)?.sides ?? {}, { curves: [lookup, memory] })];
}
