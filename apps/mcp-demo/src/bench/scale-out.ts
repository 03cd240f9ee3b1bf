/**
 * Requests per second of the demo behind HAProxy, on Redis, with N replicas:
 * `clients` SDK v2 clients (2026-07-28), each analysing its own session back
 * to back for the sample's duration. Sessions are started fresh (untimed)
 * for every sample, so every sample writes sessions of the same size.
 */
import { performance } from 'node:perf_hooks';
import { modernCaller } from '../cluster/callers.js';
import { type Cluster, startCluster } from '../cluster/cluster.js';
import type { ToolCaller } from '../cluster/load.js';
import type { DriverSample, RedisTarget } from './protocol.js';

const MAX_LATENCIES = 20_000;

export interface ScaleOutBench {
  info: Record<string, string>;
  sample(durationMs: number): Promise<DriverSample>;
  close(): Promise<void>;
}

export async function startScaleOut(replicas: number, clients: number, redis: RedisTarget): Promise<ScaleOutBench> {
  const principals = Array.from({ length: clients }, (_, i) => `bench-${i}`);
  const cluster: Cluster = await startCluster({
    replicas,
    redisUrl: redis.url,
    redisKeyPrefix: `${redis.keyPrefix}scale-out-${replicas}:`,
    tokens: principals.map((principal) => `${principal}-token=${principal}`).join(','),
  });
  const callers: ToolCaller[] = [];
  try {
    for (const principal of principals) callers.push(await modernCaller(cluster.url, `${principal}-token`));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  let sample = 0;
  return {
    info: { replicas: String(replicas), clients: `${clients} (SDK v2, 2026-07-28)` },
    async sample(durationMs) {
      sample++;
      const handles = await Promise.all(
        callers.map(async (caller, i) => {
          const started = await caller.call('start_context_analysis', { topic: `bench ${sample} client ${i}`, perspectives: ['technical', 'risk'] });
          const handle = started.result?.structuredContent?.session_id;
          if (typeof handle !== 'string') throw new Error(`could not start a session: ${JSON.stringify(started.result?.content ?? started.transportError)}`);
          return handle;
        }),
      );
      const latencies: number[] = [];
      const perReplica: Record<string, number> = {};
      let ops = 0;
      let errors = 0;
      let firstError: string | undefined;
      const started = performance.now();
      const deadline = started + durationMs;
      await Promise.all(
        callers.map(async (caller, i) => {
          for (let k = 0; performance.now() < deadline; k++) {
            const t0 = performance.now();
            const answer = await caller.call('analyze_from_perspectives', { session_id: handles[i], prompt: `sample ${sample} call ${k}` });
            const t1 = performance.now();
            ops++;
            if (answer.result === null || answer.result.isError === true) {
              errors++;
              firstError ??= (answer.transportError ?? JSON.stringify(answer.result?.content)).slice(0, 200);
            }
            if (answer.replica !== null) perReplica[answer.replica] = (perReplica[answer.replica] ?? 0) + 1;
            if (latencies.length < MAX_LATENCIES) latencies.push((t1 - t0) * 1e6);
          }
        }),
      );
      const elapsedNs = (performance.now() - started) * 1e6;
      return {
        type: 'sample',
        latenciesNs: latencies,
        ops,
        elapsedNs,
        errors,
        ...(firstError === undefined ? {} : { firstError }),
        info: {
          'calls per replica': Object.entries(perReplica)
            .sort()
            .map(([id, n]) => `${id} ${n}`)
            .join(', '),
        },
      };
    },
    async close() {
      await Promise.all(callers.map((caller) => caller.close().catch(() => undefined)));
      await cluster.stop();
    },
  };
}
