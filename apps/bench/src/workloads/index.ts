/**
 * Every workload, in report order: core in memory (against legacy, the
 * peers and the fair floors), the scaling curves, then core on Redis.
 */
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
import { perspectivesWorkload } from './perspectives.js';
import { redisCreateWorkload } from './redis-create.js';
import { redisGetWorkload } from './redis-get.js';
import { redisMutationWorkload } from './redis-mutation.js';
import { redisRttWorkload } from './redis-rtt.js';
import { redisThroughputWorkload } from './redis-throughput.js';
import { redisWritersWorkload } from './redis-writers.js';
import { scaleWorkload } from './scale.js';
import { sessionIdWorkload } from './session-id.js';
import { sweepWorkload } from './sweep.js';
import { threadOpsWorkload } from './thread-ops.js';
import type { Workload } from './types.js';
import { validateEqWorkload } from './validate-eq.js';
import { validateWorkload } from './validate.js';
import { writersWorkload } from './writers.js';

/** Core in memory: one row each in the summary table. */
const IN_MEMORY: readonly Workload[] = [
  sessionIdWorkload,
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
  writersWorkload,
  sweepWorkload,
  memoryWorkload,
  coldImportWorkload,
  floorWorkload,
];

/** Workloads measured as curves over a parameter. */
const CURVES: readonly Workload[] = [perspectivesWorkload, scaleWorkload];

/** Core on Redis (skipped, and said so, without a Redis). */
const STORE_REDIS: readonly Workload[] = [
  redisRttWorkload,
  redisCreateWorkload,
  redisGetWorkload,
  redisMutationWorkload,
  redisThroughputWorkload,
  redisWritersWorkload,
];

/** The MCP demo deployed: the session layer's cost per tool call, and 1 vs 3 replicas behind HAProxy (forks the demo's bench driver). */
const INTEGRATIONS: readonly Workload[] = [mcpOverheadWorkload, mcpScaleOutWorkload];

export const WORKLOADS: readonly Workload[] = [...IN_MEMORY, ...CURVES, ...STORE_REDIS, ...INTEGRATIONS];

export type { Workload, WorkloadContext } from './types.js';
