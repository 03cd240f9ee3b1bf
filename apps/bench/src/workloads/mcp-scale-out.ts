/**
 * The demo behind HAProxy on Redis with 1 replica (core) and 3 replicas
 * (core+redis): requests per second and per-call latency under the same load.
 */
import { defineScenarioWorkload } from './define.js';
import { driverRedis, McpDriver } from './mcp-driver.js';
import type { WorkloadContext } from './types.js';

const CLIENTS = 16;
const sampleMs = (ctx: WorkloadContext): number => (ctx.quick ? 400 : 2_000);

function replicas(count: number) {
  return async (redis: WorkloadContext['redis'], ctx: WorkloadContext) => {
    if (redis === null) throw new Error('no Redis was given to this workload');
    const driver = await McpDriver.start({ type: 'cluster', replicas: count, clients: CLIENTS, redis: driverRedis(redis) });
    return { sample: () => driver.sample(sampleMs(ctx)), teardown: () => driver.close() };
  };
}

export const mcpScaleOutWorkload = defineScenarioWorkload({
  id: 'mcp-scale-out',
  title: `The MCP demo behind HAProxy on Redis, ${CLIENTS} clients: 1 replica (core) vs 3 replicas (core+redis)`,
  unit: 'ns/op',
  compareBy: 'throughput',
  notes: [
    `Sides of this row are deployments, not stores: core = 1 replica, core+redis = 3 replicas, both apps/mcp-demo (SDK v2, @sessionkit/mcp) on one Redis behind Debian's HAProxy in round-robin (src/cluster/haproxy.cfg.template).`,
    `${CLIENTS} SDK v2 clients (2026-07-28, bearer tokens) each run analyze_from_perspectives on a session of their own back to back for a fixed time per sample (sessions started fresh, untimed, every sample); p50/p99 are per-call latencies, ops/s the total. The scale-out ratio is 1 ÷ (core+redis/core).`,
    'Everything (replicas, HAProxy, Redis, the clients) shares this machine: with fewer cores than processes the ratio measures the machine as much as the design.',
  ],
  budgetMs: { quick: 1_600, full: 12_000 },
  plan: (ctx) => ({ warmupSamples: 1, minRounds: ctx.quick ? 2 : 3 }),
  core: (_core, ctx) => replicas(1)(ctx.redis, ctx),
  'core+redis': (system, ctx) => replicas(3)(system.redis, ctx),
});
