/** Which Redis tests can run here (decided once, in global-setup.ts). */
import { describe, inject } from 'vitest';

export const redisServerOnPath = inject('redisServerOnPath');
/** The workloads find a Redis themselves: REDIS_URL, else a private redis-server. */
export const canFindRedis = redisServerOnPath || inject('redisUrl') !== null;

/** A describe whose tests start their own redis-server. */
export function describeWithRedisServer(name: string, body: () => void): void {
  if (redisServerOnPath) describe(name, body);
  else describe.skip(`${name} (skipped: no redis-server on PATH, see the loud line above)`, body);
}

/** A describe whose tests run the store-redis workloads on whatever Redis the bench finds. */
export function describeWithRedis(name: string, body: () => void): void {
  if (canFindRedis) describe(name, body);
  else describe.skip(`${name} (skipped: no REDIS_URL and no redis-server on PATH, see the loud line above)`, body);
}
