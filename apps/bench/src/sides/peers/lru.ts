/**
 * The first peer: what an MCP server would build without sessionkit, as the
 * packages' own docs recommend. An `lru-cache` with `ttl` and `max` holds the
 * sessions (expired ones are never returned; `purgeStale()` drops them), and an
 * `async-mutex` `Mutex` per session serialises its writes (`runExclusive`).
 * The binding is an HMAC like the floor's.
 */
import type { Mutex } from 'async-mutex';
import type { LRUCache } from 'lru-cache';
import { HOUR_MS } from '../../fixtures.js';
import type { PeerModules } from '../../systems.js';
import { verifyBinding } from '../binding.js';
import { newPeerSession, type PeerSession } from './record.js';

/** One cached session and its mutex: what a handler gets back from the cache. */
export class LruSession {
  readonly data: PeerSession;
  readonly #mutex: Mutex;

  constructor(data: PeerSession, mutex: Mutex) {
    this.data = data;
    this.#mutex = mutex;
  }

  /** Runs `change` under the session's mutex. */
  update<T>(change: (session: PeerSession) => T | Promise<T>): Promise<T> {
    return this.#mutex.runExclusive(() => change(this.data));
  }

  /** Checks the binding and counts the access, under the mutex. */
  validate(): Promise<void> {
    return this.update((session) => {
      if (!verifyBinding(session.id, session.binding)) throw new Error(`lru-cache peer: binding of ${session.id} does not verify`);
      session.accessCount++;
    });
  }
}

export interface LruPeerOptions {
  /** `max`: the pool's capacity, as the docs ask for with `ttl`. */
  max: number;
  ttlMs?: number;
  /**
   * A clock to expire by (lru-cache's `perf` option). With one, `ttlResolution`
   * is 0: lru-cache otherwise caches "now" for 1 ms of real time, which a
   * clock moved by hand would outrun.
   */
  clock?: { now(): number };
}

export class LruPeer {
  readonly #cache: LRUCache<string, LruSession>;
  readonly #Mutex: PeerModules['Mutex'];
  readonly #now: () => number;

  constructor(peers: PeerModules, options: LruPeerOptions) {
    const { clock } = options;
    this.#cache = new peers.LRUCache<string, LruSession>({
      max: options.max,
      ttl: options.ttlMs ?? HOUR_MS,
      ...(clock ? { perf: clock, ttlResolution: 0 } : {}),
    });
    this.#Mutex = peers.Mutex;
    this.#now = clock ? () => clock.now() : Date.now;
  }

  get size(): number {
    return this.#cache.size;
  }

  /** A new session with a signed binding; refuses a live id, as core does. */
  create(id: string, createdAt: number = this.#now()): LruSession {
    if (this.#cache.has(id)) throw new Error(`lru-cache peer: session ${id} exists`);
    const session = new LruSession(newPeerSession(id, createdAt), new this.#Mutex());
    this.#cache.set(id, session);
    return session;
  }

  /** The live session, or undefined (lru-cache never returns an expired entry). */
  get(id: string): LruSession | undefined {
    return this.#cache.get(id);
  }

  /** Drops every expired session (`purgeStale()`); returns how many went. */
  sweep(): number {
    const before = this.#cache.size;
    this.#cache.purgeStale();
    return before - this.#cache.size;
  }
}
