/**
 * Redis key names. A session lives in one hash, `<prefix>{<id>}`: the `{id}`
 * hash tag pins it to one Redis Cluster slot, so the per-session scripts
 * (create, load, compare-and-set save, delete) are single-slot and run on a
 * Cluster unchanged. The global index is three sorted sets sharing the
 * `{index}` tag, so the index scripts are single-slot too (one slot, one
 * shard: the index is the part that does not spread out, see the README).
 */

export interface IndexKeys {
  /** Session id -> creation time (epoch ms): capacity, stats, sweeps oldest first. */
  readonly created: string;
  /** Session id -> expiry time (epoch ms, the key's PXAT): entries Redis already expired are dropped by this. */
  readonly expires: string;
  /** Session id -> server time of its last reservation: a grace period before an orphan entry is repaired. */
  readonly reserved: string;
}

/** The key of one session's hash: `<prefix>{<sessionId>}` (the braces are its Cluster hash tag). */
export function sessionKey(prefix: string, sessionId: string): string {
  return `${prefix}{${sessionId}}`;
}

/** The keys of the index (three sorted sets sharing the `{index}` hash tag) under `prefix`. */
export function indexKeys(prefix: string): IndexKeys {
  return {
    created: `${prefix}{index}:created`,
    expires: `${prefix}{index}:expires`,
    reserved: `${prefix}{index}:reserved`,
  };
}

/** The pub/sub channel of invalidations, unless the options name one. */
export function defaultChannel(prefix: string): string {
  return `${prefix}invalidations`;
}
