/**
 * Ids of the sessions this store has handed out (created, loaded, saved), with
 * their expiry. Pub/sub delivers at most once: invalidations published while
 * the subscriber was disconnected are lost. After a reconnect the store
 * reports every id served so far as changed, so each cached copy is reloaded
 * before it is used again; that reload adds it back here.
 */
export class ServedSessions {
  readonly #expiries = new Map<string, number>();
  /** Expired entries are dropped when the map doubles past this, so upkeep stays O(1) amortized. */
  #pruneAt = 1024;

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.#expiries.size;
  }

  /** `expireTimeMs` as PEXPIRETIME reports it: -1 means no expiry. */
  add(sessionId: string, expireTimeMs: number): void {
    this.#expiries.set(sessionId, expireTimeMs < 0 ? Number.POSITIVE_INFINITY : expireTimeMs);
    if (this.#expiries.size >= this.#pruneAt) {
      this.#prune();
      this.#pruneAt = Math.max(1024, this.#expiries.size * 2);
    }
  }

  delete(sessionId: string): void {
    this.#expiries.delete(sessionId);
  }

  /** Every live id served so far; forgets them all (a reload re-adds each). */
  drain(): string[] {
    this.#prune();
    const ids = [...this.#expiries.keys()];
    this.#expiries.clear();
    return ids;
  }

  #prune(): void {
    const now = this.now();
    for (const [id, expiresAtMs] of this.#expiries) if (expiresAtMs <= now) this.#expiries.delete(id);
  }
}
