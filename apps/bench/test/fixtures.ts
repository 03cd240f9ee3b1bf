/** Hand-built results for the report and gate tests: figures chosen so every expected number can be worked out by hand. */
import type { RunMeta, SideResult, WorkloadResult } from '../src/results.js';
import { summarize } from '../src/stats.js';

/** A side whose every sample is `value` (so p50 = p99 = value), with `ops` operations per `elapsedNs`. */
export function side(value: number, throughput: { ops: number; elapsedNs: number } | null = { ops: 1, elapsedNs: value }): SideResult {
  return { stats: summarize([value, value, value], 1, throughput) };
}

export function workload(
  id: string,
  sides: WorkloadResult['sides'],
  overrides: Partial<Omit<WorkloadResult, 'id' | 'sides'>> = {},
): WorkloadResult {
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
};

export const redisMeta: RunMeta = {
  ...meta,
  redis: { ok: true, version: '7.0.15', source: 'private redis-server', address: '127.0.0.1:6399' },
};

/** The store-redis suite: Redis 50× slower than memory on create, a throughput row with its conflicts, one skipped workload. */
export function redisRun(): WorkloadResult[] {
  const suite = { suite: 'store-redis' } as const;
  return [
    workload('redis-create', { core: side(10_000), 'core+redis': side(500_000) }, suite),
    workload(
      'redis-throughput',
      {
        core: side(1_000, { ops: 1_000, elapsedNs: 1e6 }),
        'core+redis': { ...side(400_000, { ops: 4, elapsedNs: 1e6 }), info: { 'conflicts retried': '12 in 2,000 analyses (0.6%)' } },
      },
      { ...suite, compareBy: 'throughput' },
    ),
    workload('redis-get', {}, { ...suite, skipped: 'no REDIS_URL and no redis-server on PATH' }),
  ];
}

/** A run with a KDF-dominated workload, a near-tie, a memory row, an errored side and a floor-only row. */
export function sampleRun(): WorkloadResult[] {
  return [
    workload('create', { legacy: side(200e6), core: side(10_000), floor: side(2_000) }, { claim: { text: '15 ms → 8 ms', legacy: 15e6, core: 8e6 } }),
    workload('analysis', { legacy: side(150), core: side(300), floor: side(100) }),
    workload('memory', { legacy: side(1_500, null), core: side(800, null), floor: side(600, null) }, { unit: 'bytes' }),
    workload('get-hit', { legacy: { error: 'cannot import @sessionkit/legacy' }, core: side(2_000), floor: side(100) }),
    workload('floor', { floor: side(80) }),
  ];
}
