/**
 * The Redis floors: what the store's operations cost at the least, on the
 * same connection the store uses. A raw round trip (`GET` of a stored state,
 * `EVALSHA` of a script that does nothing), the same pipelined, and minimal
 * scripts that do a store operation's Redis work and nothing else: create if
 * absent (write the ~1 KB state, set its expiry) and compare-and-set (read
 * `rev`, write the state and the next `rev`, publish an invalidation to a
 * channel someone listens on).
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

const NOOP = 'return 1';

/** KEYS: session. ARGV: state, expiresAtMs. 1 when created, 0 when it existed. */
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'rev', 1)
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1
`;

/** KEYS: session. ARGV: expectedRev, state, channel, message. {1, rev} when written, {0, rev, state} on a conflict. */
const CAS = `
local current = tonumber(redis.call('HGET', KEYS[1], 'rev')) or 0
if current ~= tonumber(ARGV[1]) then return {0, current, redis.call('HGET', KEYS[1], 'state') or ''} end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'rev', current + 1)
redis.call('PUBLISH', ARGV[3], ARGV[4])
return {1, current + 1}
`;

/** Where a floor keeps a session's state: a hash of its own, under the workload's prefix. */
export function floorKey(keyPrefix: string, sessionId: string): string {
  return `${keyPrefix}floor:{${sessionId}}`;
}

const sha1 = (source: string): string => createHash('sha1').update(source).digest('hex');

export type CasReply = { ok: true; rev: number } | { ok: false; rev: number; state: string };

export class RedisFloor {
  readonly #client: Redis;
  readonly #subscriber: Redis;
  readonly channel: string;
  readonly #shas = { noop: sha1(NOOP), create: sha1(CREATE), cas: sha1(CAS) };

  private constructor(client: Redis, subscriber: Redis, channel: string) {
    this.#client = client;
    this.#subscriber = subscriber;
    this.channel = channel;
  }

  /** Loads the scripts and subscribes a second connection to the floor's channel (as the store has one on its own). */
  static async open(client: Redis, keyPrefix: string): Promise<RedisFloor> {
    await Promise.all([NOOP, CREATE, CAS].map((source) => client.script('LOAD', source)));
    const subscriber = client.duplicate({ lazyConnect: true });
    subscriber.on('error', () => undefined);
    await subscriber.connect();
    subscriber.on('message', () => undefined); // received and dropped: the least a listener does
    const channel = `${keyPrefix}floor-invalidations`;
    await subscriber.subscribe(channel);
    return new RedisFloor(client, subscriber, channel);
  }

  /** One raw round trip. */
  get(key: string): Promise<string | null> {
    return this.#client.get(key);
  }

  set(key: string, value: string): Promise<unknown> {
    return this.#client.set(key, value);
  }

  /** One `EVALSHA` of a script that does nothing. */
  noop(): Promise<unknown> {
    return this.#client.evalsha(this.#shas.noop, 0);
  }

  /** `n` round trips' worth of commands in one pipeline. */
  async pipelined(n: number, command: 'get' | 'noop', key: string): Promise<void> {
    const pipeline = this.#client.pipeline();
    for (let i = 0; i < n; i++) {
      if (command === 'get') pipeline.get(key);
      else pipeline.evalsha(this.#shas.noop, 0);
    }
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error !== null);
    if (failed) throw failed[0];
  }

  /** Create if absent: one script, the state written and its expiry set. */
  async create(key: string, state: string, expiresAtMs: number): Promise<boolean> {
    return (await this.#client.evalsha(this.#shas.create, 1, key, state, Math.floor(expiresAtMs))) === 1;
  }

  /** Compare-and-set of the state, publishing `message` when written. */
  async cas(key: string, expectedRev: number, state: string, message: string): Promise<CasReply> {
    const reply = (await this.#client.evalsha(this.#shas.cas, 1, key, expectedRev, state, this.channel, message)) as [number, number, string?];
    return reply[0] === 1 ? { ok: true, rev: reply[1] } : { ok: false, rev: reply[1], state: reply[2] ?? '' };
  }

  async close(): Promise<void> {
    await this.#subscriber.quit().catch(() => undefined);
  }
}
