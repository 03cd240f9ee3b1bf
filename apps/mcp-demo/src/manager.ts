/**
 * Builds the session pool the server keeps its sessions in. This is the one
 * place that decides where sessions live, so plugging in a shared store later
 * changes this file only.
 */
import { type Clock, type Logger, SimpleSessionManager } from '@sessionkit/core';
import { ConfigError, type DemoConfig, loadConfig } from './config.js';
import { TEMPLATE_PERSPECTIVE_PROMPTS } from './templates.js';

export interface ManagerDependencies {
  clock?: Clock | undefined;
  logger?: Logger | undefined;
}

/**
 * An in-memory `SimpleSessionManager` configured from `config` (by default,
 * read from the environment: see config.ts).
 *
 * `REDIS_URL` is reserved for `@sessionkit/store-redis`, which is not wired in
 * yet: rather than quietly keeping sessions in one process when the operator
 * asked for a shared store, the server refuses to start.
 */
export function createManager(config: DemoConfig = loadConfig(process.env), dependencies: ManagerDependencies = {}): SimpleSessionManager {
  if (config.redisUrl !== null) {
    throw new ConfigError(
      'REDIS_URL is set, but this demo does not support @sessionkit/store-redis yet; unset REDIS_URL to keep sessions in memory',
    );
  }
  return new SimpleSessionManager({
    sessionTtlHours: config.ttlHours,
    maxSessions: config.maxSessions,
    ...(config.secretKeys === null ? {} : { secretKeys: config.secretKeys }),
    perspectives: TEMPLATE_PERSPECTIVE_PROMPTS,
    clock: dependencies.clock,
    logger: dependencies.logger,
  });
}
