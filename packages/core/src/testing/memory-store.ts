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
 *
 * @example
 * ```ts
 * const store = new MemorySessionStore();
 * const a = new SimpleSessionManager({ store, secretKey: 'test' });
 * const b = new SimpleSessionManager({ store, secretKey: 'test' }); // a second "process"
 * const session = await a.createSession('s1');
 * expect((await b.requireSession('s1')).sessionId).toBe(session.sessionId);
 * store.down = true; // from now on every call rejects with SessionStoreUnavailableError
 * ```
 */
export class MemorySessionStore implements SessionStore {
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<(event: StoreInvalidation) => void>();
  readonly #now: () => number;
  /** While true, every call fails with SessionStoreUnavailableError. */
  down = false;
  /** Successful saves so far. */
  saves = 0;
  /** Loads so far (found or not). */
  loads = 0;
  /** Saves refused so far because the revision was not the expected one (or the session was gone). */
  conflicts = 0;

  /**
   * @param now - The store's clock, for expiry, in epoch ms (default: the
   * real time; pass `() => clock.now()` to share a {@link ManualClock}).
   */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** `SessionStore.create`, after dropping expired entries. */
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

  /** `SessionStore.load`: a stored value that is not JSON comes back as its raw text. */
  async load(sessionId: string): Promise<StoredSession | null> {
    this.#check();
    this.loads++;
    this.#expire();
    const entry = this.#entries.get(sessionId);
    return entry === undefined ? null : { state: parseOrRaw(entry.json), revision: entry.revision };
  }

  /** `SessionStore.save`; a successful save announces `changed` to every subscriber. */
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

  /** `SessionStore.delete`; announces `removed` when the session was stored. */
  async delete(sessionId: string): Promise<boolean> {
    this.#check();
    const existed = this.#entries.delete(sessionId);
    if (existed) this.#publish({ sessionId, kind: 'removed' });
    return existed;
  }

  /** `SessionStore.listCreatedBefore`: ids created before `cutoffMs`, oldest first, at most `limit`. */
  async listCreatedBefore(cutoffMs: number, limit: number): Promise<string[]> {
    this.#check();
    return [...this.#entries.entries()]
      .filter(([, entry]) => entry.createdAtMs < cutoffMs)
      .sort(([, a], [, b]) => a.createdAtMs - b.createdAtMs)
      .slice(0, limit)
      .map(([id]) => id);
  }

  /** `SessionStore.stats`, after dropping expired entries. */
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

  /** `SessionStore.subscribe`: events arrive asynchronously (a microtask later); a throwing listener is ignored. */
  async subscribe(listener: (event: StoreInvalidation) => void): Promise<() => Promise<void>> {
    this.#check();
    this.#listeners.add(listener);
    return async () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Replaces a stored value with `raw` text (which need not be a session
   * state, or JSON); does nothing for an id that is not stored. Works while `down`.
   * @param sessionId - The stored session.
   * @param raw - The text to store instead.
   */
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
