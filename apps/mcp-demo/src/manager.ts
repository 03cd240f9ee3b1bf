/**
 * Builds the session pool the server keeps its sessions in: the one place
 * that decides where sessions live. In memory by default; with `REDIS_URL`,
 * in Redis through `@sessionkit/store-redis`, so several server processes
 * (replicas behind a load balancer, or stdio servers of several clients)
 * serve the same sessions.
 */
import { type Clock, type Logger, SimpleSessionManager } from '@sessionkit/core';
import { RedisSessionStore } from '@sessionkit/store-redis';
import { type DemoConfig, loadConfig } from './config.js';
import { TEMPLATE_PERSPECTIVE_PROMPTS } from './templates.js';

export interface ManagerDependencies {
  clock?: Clock | undefined;
  logger?: Logger | undefined;
}

export interface SessionPool {
  readonly manager: SimpleSessionManager;
  /** Where the sessions live, for the start-up log line. */
  readonly where: string;
  /** Shuts the manager down (local copies only, with a store) and closes the store's connections. */
  close(): Promise<void>;
}

/** The pool configured from `config` (by default read from the environment: see config.ts). */
export function createSessionPool(config: DemoConfig = loadConfig(process.env), dependencies: ManagerDependencies = {}): SessionPool {
  const store =
    config.redisUrl === null
      ? undefined
      : new RedisSessionStore({
          url: config.redisUrl,
          logger: dependencies.logger,
          ...(config.redisKeyPrefix === null ? {} : { keyPrefix: config.redisKeyPrefix }),
        });
  const manager = new SimpleSessionManager({
    sessionTtlHours: config.ttlHours,
    maxSessions: config.maxSessions,
    ...(config.secretKeys === null ? {} : { secretKeys: config.secretKeys }),
    perspectives: TEMPLATE_PERSPECTIVE_PROMPTS,
    clock: dependencies.clock,
    logger: dependencies.logger,
    store,
  });
  return {
    manager,
    where: store === undefined ? 'in memory' : `in Redis (${redact(config.redisUrl ?? '')})`,
    async close() {
      try {
        await manager.shutdown();
      } finally {
        await store?.close();
      }
    },
  };
}

/** A Redis URL without its password, for logs. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis';
  }
}
