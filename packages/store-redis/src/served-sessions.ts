/** What the store last read or wrote of one session. */
interface Served {
  /** Epoch ms (PEXPIRETIME). */
  expiresAtMs: number;
  revision: number;
  /** The hash at that revision, as SAVE checks it: "stateBytes:created:threads:analyses:expireTimeMs". */
  fingerprint: string;
}

/** What the store saw of a session hash at one revision. */
export interface SeenHash {
  /** PEXPIRETIME: epoch ms, -1 for none. */
  expireTimeMs: number;
  stateBytes: number;
  /** Epoch ms, as stored (digits). */
  created: string | number;
  threads: number;
  analyses: number;
}

/**
 * The sessions this store has handed out (created, loaded, saved): their
 * expiry, and the revision and fingerprint of the hash it last saw.
 *
 * Pub/sub delivers at most once: invalidations published while the
 * subscriber was disconnected are lost. After a reconnect the store reports
 * every id served so far as changed, so each cached copy is reloaded before
 * it is used again; that reload adds it back here.
 *
 * The fingerprint lets a save notice a hash changed behind the store's back
 * under an unchanged revision (see SAVE in scripts.ts).
 */
export class ServedSessions {
  readonly #served = new Map<string, Served>();
  /** Expired entries are dropped when the map doubles past this, so upkeep stays O(1) amortized. */
  #pruneAt = 1024;

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.#served.size;
  }

  /** Remembers what the store read or wrote of `sessionId` at `revision`. */
  add(sessionId: string, revision: number, seen: SeenHash): void {
    const { expireTimeMs } = seen;
    const expiresAtMs = expireTimeMs < 0 ? Number.POSITIVE_INFINITY : expireTimeMs;
    const fingerprint = `${seen.stateBytes}:${seen.created}:${seen.threads}:${seen.analyses}:${expireTimeMs}`;
    const entry = this.#served.get(sessionId);
    if (entry !== undefined) {
      entry.expiresAtMs = expiresAtMs;
      entry.revision = revision;
      entry.fingerprint = fingerprint;
      return;
    }
    this.#served.set(sessionId, { expiresAtMs, revision, fingerprint });
    if (this.#served.size >= this.#pruneAt) {
      this.#prune();
      this.#pruneAt = Math.max(1024, this.#served.size * 2);
    }
  }

  /** The fingerprint of the hash at `revision`, as last seen here, or '' when this store has not seen that revision. */
  fingerprint(sessionId: string, revision: number): string {
    const entry = this.#served.get(sessionId);
    return entry !== undefined && entry.revision === revision ? entry.fingerprint : '';
  }

  delete(sessionId: string): void {
    this.#served.delete(sessionId);
  }

  /** Every live id served so far; forgets them all (a reload re-adds each). */
  drain(): string[] {
    this.#prune();
    const ids = [...this.#served.keys()];
    this.#served.clear();
    return ids;
  }

  #prune(): void {
    const now = this.now();
    for (const [id, entry] of this.#served) if (entry.expiresAtMs <= now) this.#served.delete(id);
  }
}
