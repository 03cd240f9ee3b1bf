/**
 * The third peer: express-session's `connect-redis` store on the run's Redis,
 * over the `redis` client its docs recommend (`createClient` + `connect()`,
 * then `new RedisStore({ client, prefix })`). Per request it does what
 * express-session does: `get` the session, change it, `set` it back, two
 * round trips and last write wins, so two processes writing one session
 * lose updates.
 */
import type { RedisStore } from 'connect-redis';
import type { SessionData } from 'express-session';
import { HOUR_MS } from '../../fixtures.js';
import type { PeerModules } from '../../systems.js';
import { newPeerSession, sessionCookie, type PeerSession } from './record.js';

export type StoredPeerSession = PeerSession & Pick<SessionData, 'cookie'>;

export class ConnectRedisPeer {
  readonly #store: RedisStore;
  readonly #close: () => Promise<void>;
  readonly #peers: PeerModules;

  private constructor(peers: PeerModules, client: { close(): Promise<void> }, prefix: string) {
    this.#close = () => client.close();
    this.#store = new peers.RedisStore({ client, prefix });
    this.#peers = peers;
  }

  /** Connects a client of its own (as the docs do) and builds the store on it. */
  static async open(peers: PeerModules, url: string, prefix: string): Promise<ConnectRedisPeer> {
    const client = peers.createRedisClient({ url });
    // node-redis emits 'error' on connection trouble; unhandled, it would crash the run.
    client.on('error', () => undefined);
    await client.connect();
    return new ConnectRedisPeer(peers, client, prefix);
  }

  /** A new session with a signed binding and an express-session cookie (its TTL becomes the key's expiry). */
  async create(id: string, createdAt: number = Date.now()): Promise<StoredPeerSession> {
    const session: StoredPeerSession = { ...newPeerSession(id, createdAt), cookie: sessionCookie(this.#peers, HOUR_MS) };
    await this.set(id, session);
    return session;
  }

  async get(id: string): Promise<StoredPeerSession | undefined> {
    return ((await this.#store.get(id)) ?? undefined) as StoredPeerSession | undefined;
  }

  async set(id: string, session: StoredPeerSession): Promise<void> {
    await this.#store.set(id, session);
  }

  /** get, change, set. */
  async update(id: string, change: (session: StoredPeerSession) => void): Promise<void> {
    const session = await this.get(id);
    if (session === undefined) throw new Error(`connect-redis peer: no session ${id}`);
    change(session);
    await this.set(id, session);
  }

  async destroy(id: string): Promise<void> {
    await this.#store.destroy(id);
  }

  async close(): Promise<void> {
    await this.#close().catch(() => undefined);
  }
}
