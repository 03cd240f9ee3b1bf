/**
 * What @sessionkit/mcp adds to one tool call: the same tool through SDK v2's
 * `createMcpHandler`, called by the v2 client pinned to 2026-07-28, bare
 * (floor) and as a session tool (core: in memory; core+redis: on Redis).
 */
import { defineScenarioWorkload } from './define.js';
import { driverRedis, McpDriver } from './mcp-driver.js';
import type { WorkloadContext } from './types.js';

const sampleMs = (ctx: WorkloadContext): number => (ctx.quick ? 250 : 1_000);

function side(variant: 'bare' | 'session', redis: WorkloadContext['redis'] | 'none') {
  return async (ctx: WorkloadContext) => {
    const driver = await McpDriver.start({ type: 'overhead', variant, redis: redis === 'none' || redis === null ? null : driverRedis(redis) });
    return { sample: () => driver.sample(sampleMs(ctx)), teardown: () => driver.close() };
  };
}

export const mcpOverheadWorkload = defineScenarioWorkload({
  id: 'mcp-overhead',
  title: 'One MCP tool call (SDK v2, 2026-07-28): bare, and through @sessionkit/mcp in memory and on Redis',
  unit: 'ns/op',
  notes: [
    'floor: an `echo` tool registered bare on an SDK v2 McpServer, served by createMcpHandler and called back to back by the v2 client pinned to 2026-07-28 through the handler’s fetch (in process, no socket). core: the same tool as a `session: "required"` tool of @sessionkit/mcp on an in-memory manager (handle resolved for the caller, binding validated, then the tool). core+redis: the same on a RedisSessionStore.',
    'core/floor is the session layer’s cost per tool call; each side runs in a driver process of its own (apps/mcp-demo/dist/bench-driver.js).',
  ],
  budgetMs: { quick: 1_200, full: 6_000 },
  // A call takes a fraction of a millisecond once the JIT has settled, several before: warm up longer than one sample.
  plan: (ctx) => ({ warmupSamples: ctx.quick ? 3 : 4, minRounds: ctx.quick ? 2 : 3 }),
  floor: side('bare', 'none'),
  core: (_core, ctx) => side('session', 'none')(ctx),
  'core+redis': (system, ctx) => side('session', system.redis)(ctx),
});
