import { SessionStoreUnavailableError } from '../errors.js';
import type { SessionStore, StoreCreateResult, StoredSession, StoreInvalidation, StoreSaveResult, StoreStats } from '../session-store.js';
import type { SessionStateJSON } from '../types/session-state.js';

interface Entry {
  json: string;
  revision: number;
  createdAtMs: number;
  expiresAtMs: number;
}

/**
 * The `SessionStore` seam in memory, as a second process would see it
 * through a real store: states are kept as JSON text, every write is
 * compare-and-set on the revision, and invalidations arrive asynchronously.
 * For tests of code that runs on a store; share one instance between two
 * managers to play two processes. `down` makes every call fail like an
 * unreachable backend; `corrupt()` stores garbage.
 */
export class MemorySessionStore implements SessionStore {
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<(event: StoreInvalidation) => void>();
  readonly #now: () => number;
  /** While true, every call fails with SessionStoreUnavailableError. */
  down = false;
  /** Successful saves, loads, and compare-and-set conflicts so far. */
  saves = 0;
  loads = 0;
  conflicts = 0;

  /** @param now the store's clock, for expiry (default: the real time). */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async create(state: SessionStateJSON, options: { expiresAtMs: number; maxSessions: number }): Promise<StoreCreateResult> {
    this.#check();
    this.#expire();
    if (this.#entries.has(state.session_id)) return { status: 'exists' };
    if (this.#entries.size >= options.maxSessions) return { status: 'full' };
    this.#entries.set(state.session_id, {
      json: JSON.stringify(state),
      revision: 1,
      createdAtMs: Date.parse(state.created_at),
      expiresAtMs: options.expiresAtMs,
    });
    return { status: 'created', revision: 1 };
  }

  async load(sessionId: string): Promise<StoredSession | null> {
    this.#check();
    this.loads++;
    this.#expire();
    const entry = this.#entries.get(sessionId);
    return entry === undefined ? null : { state: parseOrRaw(entry.json), revision: entry.revision };
  }

  async save(state: SessionStateJSON, expectedRevision: number): Promise<StoreSaveResult> {
    this.#check();
    this.#expire();
    const entry = this.#entries.get(state.session_id);
    if (entry === undefined || entry.revision !== expectedRevision) {
      this.conflicts++;
      return { ok: false, current: entry === undefined ? null : { state: parseOrRaw(entry.json), revision: entry.revision } };
    }
    entry.json = JSON.stringify(state);
    entry.revision++;
    this.saves++;
    this.#publish({ sessionId: state.session_id, kind: 'changed', revision: entry.revision });
    return { ok: true, revision: entry.revision };
  }

  async delete(sessionId: string): Promise<boolean> {
    this.#check();
    const existed = this.#entries.delete(sessionId);
    if (existed) this.#publish({ sessionId, kind: 'removed' });
    return existed;
  }

  async listCreatedBefore(cutoffMs: number, limit: number): Promise<string[]> {
    this.#check();
    return [...this.#entries.entries()]
      .filter(([, entry]) => entry.createdAtMs < cutoffMs)
      .sort(([, a], [, b]) => a.createdAtMs - b.createdAtMs)
      .slice(0, limit)
      .map(([id]) => id);
  }

  async stats(): Promise<StoreStats> {
    this.#check();
    this.#expire();
    const entries = [...this.#entries.values()];
    const states = entries.map((entry) => parseOrRaw(entry.json) as Partial<SessionStateJSON>);
    const created = entries.map((entry) => entry.createdAtMs);
    return {
      count: entries.length,
      oldestCreatedAtMs: created.length === 0 ? null : Math.min(...created),
      newestCreatedAtMs: created.length === 0 ? null : Math.max(...created),
      totalThreads: states.reduce((sum, state) => sum + Object.keys(state.threads ?? {}).length, 0),
      totalAnalyses: states.reduce((sum, state) => sum + (state.analyses?.length ?? 0), 0),
    };
  }

  async subscribe(listener: (event: StoreInvalidation) => void): Promise<() => Promise<void>> {
    this.#check();
    this.#listeners.add(listener);
    return async () => {
      this.#listeners.delete(listener);
    };
  }

  /** Replaces a stored value with `raw` text (which need not be a session state, or JSON). */
  corrupt(sessionId: string, raw: string): void {
    const entry = this.#entries.get(sessionId);
    if (entry !== undefined) entry.json = raw;
  }

  #publish(event: StoreInvalidation): void {
    for (const listener of this.#listeners) {
      queueMicrotask(() => {
        try {
          listener(event);
        } catch {
          // One listener's failure must not keep the event from the others.
        }
      });
    }
  }

  #check(): void {
    if (this.down) throw new SessionStoreUnavailableError('memory store is down (its `down` switch is on)');
  }

  /** Like a real store's key expiry. */
  #expire(): void {
    const now = this.#now();
    for (const [id, entry] of this.#entries) if (entry.expiresAtMs <= now) this.#entries.delete(id);
  }
}

function parseOrRaw(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
