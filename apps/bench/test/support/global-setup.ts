/**
 * Once per test run: is there a Redis for the store-redis tests? `REDIS_URL`
 * when set, and `redis-server` on PATH for the tests that start their own
 * (and for the workloads when REDIS_URL is unset). Without redis-server they
 * are skipped with one loud line, except under CI, which never skips them.
 */
import type { TestProject } from 'vitest/node';
import { redisServerRuns } from '../../src/redis/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Whether `redis-server` runs here. */
    redisServerOnPath: boolean;
    /** REDIS_URL, when set. */
    redisUrl: string | null;
  }
}

export default function setup(project: TestProject): void {
  const onPath = redisServerRuns();
  const url = process.env.REDIS_URL?.trim() || null;
  if (!onPath) {
    const how = 'install redis-server (apt-get install redis-server)';
    if (process.env.CI) throw new Error(`@sessionkit/bench: no redis-server on PATH under CI: ${how}`);
    process.stderr.write(
      `\n!!! @sessionkit/bench: Redis tests SKIPPED: no redis-server on PATH${url ? ' (the workload tests still use REDIS_URL)' : ''}; ${how} !!!\n\n`,
    );
  }
  project.provide('redisServerOnPath', onPath);
  project.provide('redisUrl', url);
}
