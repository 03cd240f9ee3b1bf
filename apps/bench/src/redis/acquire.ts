/**
 * Finds the Redis the store-redis workloads run against: `REDIS_URL` when it
 * is set (this run's keys under a prefix of their own, deleted afterwards),
 * else a private `redis-server` started for the run and stopped at its end.
 * When neither works the answer says why, and those workloads are skipped:
 * a missing Redis never fails the whole bench.
 */
import { randomBytes } from 'node:crypto';
import { deleteKeys, MIN_REDIS_MAJOR, redisAddress, redisVersion, supportsStore } from './client.js';
import { PrivateRedisServer, REDIS_SERVER, redisServerRuns } from './server.js';

export interface RedisTarget {
  /** What the stores connect to; may carry REDIS_URL's credentials, so it is never printed (see `address`). */
  url: string;
  /** Unique to this run; each workload adds its own id under it. */
  keyPrefix: string;
  version: string;
  source: 'REDIS_URL' | 'private redis-server';
  /** `host:port`, for reports. */
  address: string;
}

export type RedisAvailability = { ok: true; target: RedisTarget } | { ok: false; reason: string };

/** An acquired Redis must be released: the private server stopped, or the run's keys deleted from REDIS_URL. */
export type AcquiredRedis = { ok: true; target: RedisTarget; release(): Promise<ReleaseReport> } | { ok: false; reason: string };

export interface ReleaseReport {
  /** Keys deleted from REDIS_URL (0 for a private server, which is simply stopped). */
  keysDeleted: number;
}

export interface AcquireOptions {
  env?: NodeJS.ProcessEnv;
  /** The server binary to start when REDIS_URL is unset (tests point it at one that does not exist). */
  redisServer?: string;
}

export function runKeyPrefix(): string {
  return `skbench:${process.pid}-${randomBytes(4).toString('hex')}:`;
}

const HOW_TO = 'install redis-server (apt-get install redis-server) or export REDIS_URL=redis://host:port';

export async function acquireRedis(options: AcquireOptions = {}): Promise<AcquiredRedis> {
  const env = options.env ?? process.env;
  const keyPrefix = runKeyPrefix();
  const fromEnv = env.REDIS_URL?.trim();
  if (fromEnv) {
    const address = redisAddress(fromEnv);
    let version: string;
    try {
      version = await redisVersion(fromEnv);
    } catch (error) {
      return { ok: false, reason: `REDIS_URL (${address}) did not answer: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (!supportsStore(version)) {
      return { ok: false, reason: `REDIS_URL (${address}) is Redis ${version}; @sessionkit/store-redis needs ${MIN_REDIS_MAJOR}.0 or later` };
    }
    const target: RedisTarget = { url: fromEnv, keyPrefix, version, source: 'REDIS_URL', address };
    return { ok: true, target, release: async () => ({ keysDeleted: await deleteKeys(fromEnv, keyPrefix) }) };
  }

  const binary = options.redisServer ?? REDIS_SERVER;
  if (!redisServerRuns(binary)) return { ok: false, reason: `no REDIS_URL and no ${binary} on PATH; ${HOW_TO}` };
  let server: PrivateRedisServer;
  try {
    server = await PrivateRedisServer.start({ binary });
  } catch (error) {
    return { ok: false, reason: `could not start a private ${binary}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!supportsStore(server.version)) {
    await server.stop();
    return { ok: false, reason: `${binary} is Redis ${server.version}; @sessionkit/store-redis needs ${MIN_REDIS_MAJOR}.0 or later` };
  }
  const target: RedisTarget = { url: server.url, keyPrefix, version: server.version, source: 'private redis-server', address: redisAddress(server.url) };
  return {
    ok: true,
    target,
    release: async () => {
      await server.stop();
      return { keysDeleted: 0 };
    },
  };
}
