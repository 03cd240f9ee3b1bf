/**
 * Messages between the bench and its two `redis-throughput` worker processes.
 * Lockstep: the parent sends one message to both workers and waits for both
 * answers before the next, so the two start recording at the same moment.
 */

export interface WorkerConfig {
  /**
   * What records: core (in memory, or with a store when `redis` is set), the
   * connect-redis peer, or the compare-and-set floor (both on `redis`).
   */
  side: 'core' | 'connect-redis' | 'cas-floor';
  /** The run's Redis (a store per worker), or null: a worker with an in-memory pool of its own. */
  redis: { url: string; keyPrefix: string } | null;
  /** Operations each worker keeps in flight. */
  inFlight: number;
  /** At most this many per-operation latencies are sent back per sample (evenly spread over the run). */
  maxLatencies: number;
}

export type ToWorker =
  /** The first message: the configuration (over IPC, not argv, where a REDIS_URL password would show in `ps`). */
  | { type: 'configure'; config: WorkerConfig }
  /** Start a fresh manager with these sessions: load them (Redis) or create them (in memory). */
  | { type: 'prepare'; sessionIds: string[] }
  /** Record analyses on random sessions for `durationMs` (or until `maxOps` were started), `inFlight` (default: the configured number) at a time. */
  | { type: 'go'; durationMs: number; seed: number; maxOps?: number; inFlight?: number }
  | { type: 'exit' };

export interface WorkerRun {
  /** Analyses recorded (successful operations). */
  ops: number;
  /** Operations that failed after core's retries, and the first failure's message. */
  failures: number;
  firstFailure?: string;
  /** Compare-and-set refusals counted (each one retried); 0 in memory and for last-write-wins stores. */
  conflicts: number;
  /** From the first operation's start to the last one's end. */
  elapsedNs: number;
  /** Per-operation latencies (ns), including the wait for the session lock; at most `maxLatencies`. */
  latenciesNs: number[];
}

export type FromWorker = { type: 'ready' } | { type: 'prepared' } | ({ type: 'result' } & WorkerRun) | { type: 'error'; message: string };
