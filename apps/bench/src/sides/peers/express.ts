/**
 * The second peer: express-session's `MemoryStore`, used through the Store
 * API the way express-session itself does per request: `get` the session,
 * change it, `set` it back (last write wins). Each session carries the
 * `Cookie` express-session gives it (`maxAge` = the TTL, its expiry checked
 * on every read); its "sweep" is `all()`, the only call that drops expired
 * sessions it does not happen to read.
 */
import type { MemoryStore, SessionData } from 'express-session';
import { HOUR_MS } from '../../fixtures.js';
import type { PeerModules } from '../../systems.js';
import { verifyBinding } from '../binding.js';
import { newPeerSession, sessionCookie, type PeerSession } from './record.js';

/** A stored session: the peer's data plus the cookie express-session adds. */
export type ExpressSession = PeerSession & Pick<SessionData, 'cookie'>;

export class ExpressPeer {
  readonly #store: MemoryStore;
  readonly #peers: PeerModules;
  readonly #ttlMs: number;

  constructor(peers: PeerModules, ttlMs: number = HOUR_MS) {
    this.#store = new peers.expressSession.MemoryStore();
    this.#peers = peers;
    this.#ttlMs = ttlMs;
  }

  /** Sessions held, expired ones included until something reads them. */
  get size(): number {
    return Object.keys((this.#store as unknown as { sessions: object }).sessions).length;
  }

  /** A new session with a signed binding and a cookie; `expired` backdates the cookie (for the sweep). */
  create(id: string, createdAt: number = Date.now(), expired = false): Promise<ExpressSession> {
    const cookie = sessionCookie(this.#peers, this.#ttlMs);
    if (expired) cookie.expires = new Date(Date.now() - 1);
    const session: ExpressSession = { ...newPeerSession(id, createdAt), cookie };
    return this.set(id, session).then(() => session);
  }

  get(id: string): Promise<ExpressSession | undefined> {
    return new Promise((resolve, reject) => {
      this.#store.get(id, (error, session) => (error ? reject(error) : resolve((session ?? undefined) as ExpressSession | undefined)));
    });
  }

  set(id: string, session: ExpressSession): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#store.set(id, session, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** get, change, set: what a request handler does (nothing stops two of them interleaving). */
  async update(id: string, change: (session: ExpressSession) => void): Promise<void> {
    const session = await this.get(id);
    if (session === undefined) throw new Error(`express-session peer: no session ${id}`);
    change(session);
    await this.set(id, session);
  }

  /** Checks the binding and counts the access. */
  validate(id: string): Promise<void> {
    return this.update(id, (session) => {
      if (!verifyBinding(id, session.binding)) throw new Error(`express-session peer: binding of ${id} does not verify`);
      session.accessCount++;
    });
  }

  /** `all()` reads every session and drops the expired ones; returns how many went. */
  sweep(): Promise<number> {
    const before = this.size;
    return new Promise((resolve, reject) => {
      this.#store.all((error) => (error ? reject(error) : resolve(before - this.size)));
    });
  }
}
