/**
 * Once per test run: finds the Redis to test against (REDIS_URL, else a
 * private redis-server, else none: the Redis suites skip with one loud line,
 * except under CI, which never skips), and makes sure the built package is
 * current, since the multi-process tests run workers on `dist/`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { isRedisServerAvailable, type RedisServer, startRedisServer } from '@sessionkit/core/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis every suite shares (each test uses its own key prefix), or null when there is none. */
    redisUrl: string | null;
    /** Whether `redis-server` is on PATH, for the suites that run their own (stop/restart, pause, cluster). */
    redisServerOnPath: boolean;
  }
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureFreshBuild();
  const onPath = isRedisServerAvailable();
  let server: RedisServer | undefined;
  let url = process.env.REDIS_URL ?? null;
  if (url === null && onPath) {
    server = await startRedisServer();
    url = server.url;
  }
  if (url === null) {
    const how = 'install redis-server (apt-get install redis-server) or export REDIS_URL=redis://127.0.0.1:6379';
    if (process.env.CI) throw new Error(`@sessionkit/store-redis: no REDIS_URL and no redis-server on PATH under CI: ${how}`);
    process.stderr.write(`\n!!! @sessionkit/store-redis: Redis tests SKIPPED: no REDIS_URL and no redis-server on PATH; ${how} !!!\n\n`);
  }
  project.provide('redisUrl', url);
  project.provide('redisServerOnPath', onPath);
  return async () => {
    await server?.dispose();
  };
}

/** Rebuilds `dist/` when a source file is newer than it (the workers import the build, not the sources). */
function ensureFreshBuild(): void {
  const built = join(packageDir, 'dist', 'index.js');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const sources = readdirSync(join(packageDir, 'src')).map((file) => statSync(join(packageDir, 'src', file)).mtimeMs);
  if (sources.every((mtime) => mtime <= builtAt)) return;
  execFileSync('pnpm', ['exec', 'tsup', '--silent'], { cwd: packageDir, stdio: 'inherit' });
}
