import { floorState } from '../sides/floor-state.js';
import { floorKey, RedisFloor } from '../sides/redis-floor.js';
import type { BatchSide } from '../harness.js';
import { defineBatchWorkload } from './define.js';
import type { WorkloadContext } from './types.js';

/** Commands per pipelined batch: as many as the store keeps in flight in `redis-throughput`. */
const PIPELINE = 16;

async function rawSide(ctx: WorkloadContext, run: (floor: RedisFloor, key: string) => Promise<unknown>, perCall = 1): Promise<BatchSide> {
  if (!ctx.rig) throw new Error('no Redis connection');
  const prefix = ctx.redis?.keyPrefix ?? '';
  const floor = await RedisFloor.open(ctx.rig.client, prefix);
  const key = floorKey(prefix, 'rtt');
  await floor.set(key, JSON.stringify(floorState('rtt')));
  return {
    maxBatchSize: 1,
    opsPerCall: perCall,
    async batch(n) {
      for (let i = 0; i < n; i++) await run(floor, key);
    },
    teardown: () => floor.close(),
  };
}

/**
 * What Redis itself costs here, on one connection opened like the store's:
 * one round trip (a GET of a ~1 KB state, an EVALSHA of a script that does
 * nothing) and the same 16 at a time in one pipeline (time per command). The
 * floor of every store row, shown on its own.
 */
export const redisRttWorkload = defineBatchWorkload({
  id: 'redis-rtt',
  suite: 'store-redis',
  title: `raw Redis round trips on one connection: GET, EVALSHA of a no-op script, and ${PIPELINE} of each pipelined`,
  notes: [
    `floor: one GET of a ~1 KB value, one per sample (a round-trip latency). floor:EVALSHA: a script that returns 1. floor:GET ×${PIPELINE} and floor:EVALSHA ×${PIPELINE}: ${PIPELINE} of them in one pipeline, time per command (what many requests in flight can reach).`,
  ],
  budgetMs: { quick: 800, full: 2_500 },
  floor: (ctx) => rawSide(ctx, (floor, key) => floor.get(key)),
  floors: {
    'floor:EVALSHA': (ctx) => rawSide(ctx, (floor) => floor.noop()),
    [`floor:GET ×${PIPELINE}`]: (ctx: WorkloadContext) => rawSide(ctx, (floor, key) => floor.pipelined(PIPELINE, 'get', key), PIPELINE),
    [`floor:EVALSHA ×${PIPELINE}`]: (ctx: WorkloadContext) => rawSide(ctx, (floor, key) => floor.pipelined(PIPELINE, 'noop', key), PIPELINE),
  },
});
