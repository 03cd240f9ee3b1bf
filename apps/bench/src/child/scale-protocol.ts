/** What the scale child (scale.ts) and the `scale` workload agree on. */

/** Expired sessions per sweep, whatever the pool's size: a flat sweep costs the same at every size. */
export const SWEEP_EXPIRED = 100;

/** The small pool every size is compared with, in the same process. */
export const REFERENCE_SESSIONS = 1_000;

/** Lookups per timed batch. */
export const LOOKUP_BATCH = 2_000;

/** What the child prints. */
export interface ScaleReport {
  side: string;
  sessions: number;
  /** Time to build the pool (not a figure of the curves; shown beside them). */
  buildMs: number;
  bytesPerSession: number;
  /** ns per lookup, one value per batch. */
  lookupNs: number[];
  /** ms per sweep, one value per sweep. */
  sweepMs: number[];
  /** Median lookup here over median lookup in the REFERENCE_SESSIONS pool, batches alternating (1 at that size). */
  lookupGrowth: number;
  /** The same for sweeps. */
  sweepGrowth: number;
}
