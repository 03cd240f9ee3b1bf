/**
 * Messages between apps/bench's MCP workloads and this driver process
 * (`dist/bench-driver.js`, forked with an IPC channel). The bench keeps its
 * own copy of these shapes: it does not depend on this package.
 */

export interface RedisTarget {
  url: string;
  keyPrefix: string;
}

export type ToDriver =
  /** Set up a tool call measured in process: the same tool bare (no session layer) or through @sessionkit/mcp. */
  | { type: 'overhead'; variant: 'bare' | 'session'; redis: RedisTarget | null }
  /** Start `replicas` replicas on Redis behind HAProxy, and `clients` clients. */
  | { type: 'cluster'; replicas: number; clients: number; redis: RedisTarget }
  /** Measure for `durationMs`. */
  | { type: 'sample'; durationMs: number }
  | { type: 'exit' };

export interface DriverSample {
  type: 'sample';
  /** Per-call latency, ns (at most `maxLatencies`, evenly spread). */
  latenciesNs: number[];
  ops: number;
  elapsedNs: number;
  errors: number;
  firstError?: string;
  info: Record<string, string>;
}

export type FromDriver = { type: 'ready'; info: Record<string, string> } | DriverSample | { type: 'error'; message: string };
