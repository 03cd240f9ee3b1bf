/** The workloads of BENCH.md's table, in its order, then DISTRIBUTED.md's store-redis workloads. */
import { analysisWorkload } from './analysis.js';
import { atomicWorkload } from './atomic.js';
import { coldImportWorkload } from './cold-import.js';
import { concurrentWorkload } from './concurrent.js';
import { contentionWorkload } from './contention.js';
import { createEqWorkload } from './create-eq.js';
import { createWorkload } from './create.js';
import { floorWorkload } from './floor.js';
import { getHitWorkload } from './get-hit.js';
import { mcpOverheadWorkload } from './mcp-overhead.js';
import { mcpScaleOutWorkload } from './mcp-scale-out.js';
import { memoryWorkload } from './memory.js';
import { redisCreateWorkload } from './redis-create.js';
import { redisGetWorkload } from './redis-get.js';
import { redisMutationWorkload } from './redis-mutation.js';
import { redisThroughputWorkload } from './redis-throughput.js';
import { sweepWorkload } from './sweep.js';
import { threadOpsWorkload } from './thread-ops.js';
import type { Workload } from './types.js';
import { validateEqWorkload } from './validate-eq.js';
import { validateWorkload } from './validate.js';

export const WORKLOADS: readonly Workload[] = [
  createWorkload,
  createEqWorkload,
  validateWorkload,
  validateEqWorkload,
  threadOpsWorkload,
  analysisWorkload,
  atomicWorkload,
  getHitWorkload,
  concurrentWorkload,
  contentionWorkload,
  sweepWorkload,
  memoryWorkload,
  coldImportWorkload,
  floorWorkload,
  redisCreateWorkload,
  redisGetWorkload,
  redisMutationWorkload,
  redisThroughputWorkload,
  mcpOverheadWorkload, mcpScaleOutWorkload, // apps/mcp-demo's numbers (needs the demo built: it forks its bench driver)
];

export type { Workload, WorkloadContext } from './types.js';
