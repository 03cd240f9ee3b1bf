import { type Logger, SessionValidationError, silentLogger } from '@sessionkit/core';
import { z } from 'zod';
import { defaultChannel } from './keys.js';
import type { RedisClient } from './script-runner.js';

/** Options of `new RedisSessionStore(options)`, validated (a bad one is a SessionValidationError naming it). */
export interface RedisSessionStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). Default `redis://127.0.0.1:6379`. */
  url?: string | undefined;
  /** Redis Cluster: the startup nodes it discovers the cluster from, as URLs. Instead of `url`. */
  cluster?: { nodes: readonly string[] } | undefined;
  /**
   * A connection you built yourself (an ioredis `Redis` or `Cluster`). The
   * store does not close it, and cannot apply its own connection settings to
   * it: see the README for the ones it relies on. Instead of `url`/`cluster`.
   */
  client?: RedisClient | undefined;
  /** Prefix of every key, so several applications can share one Redis (default `sk:`). */
  keyPrefix?: string | undefined;
  /** No operation waits longer than this for Redis; then it fails with SESSION_STORE_UNAVAILABLE (default 2000). */
  commandTimeoutMs?: number | undefined;
  /** Pub/sub channel for invalidations (default `<keyPrefix>invalidations`). */
  channel?: string | undefined;
  /** Where connection trouble is logged (once per outage, not per retry); silent by default. */
  logger?: Logger | undefined;
  /**
   * How old an index entry without a session key must be before a full pool
   * reclaims it (an orphan left by a process that died between the two steps
   * of a create or delete). Default max(10 s, 5 × commandTimeoutMs), so a
   * create still in flight is never mistaken for one.
   */
  orphanGraceMs?: number | undefined;
}

export interface ResolvedOptions {
  readonly connection: { url: string } | { cluster: readonly string[] } | { client: RedisClient };
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
  readonly channel: string;
  readonly logger: Logger;
  readonly orphanGraceMs: number;
}

const redisUrl = z.string().regex(/^rediss?:\/\/\S+$/, { message: 'expected a redis:// or rediss:// URL' });

const optionsSchema = z
  .strictObject({
    url: redisUrl.optional(),
    cluster: z.strictObject({ nodes: z.array(redisUrl).min(1, { message: 'expected at least one node' }) }).optional(),
    client: z
      .custom<RedisClient>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          (['evalsha', 'eval', 'duplicate', 'on'] as const).every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
        { message: 'expected an ioredis Redis or Cluster instance' },
      )
      .optional(),
    keyPrefix: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[^{}\s]*$/, { message: 'must not contain braces (they would break the {id} hash tag) or spaces' })
      .optional(),
    commandTimeoutMs: z.number().int().positive().max(600_000).optional(),
    channel: z.string().min(1).max(256).optional(),
    logger: z
      .custom<Logger>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          (['debug', 'info', 'warn', 'error'] as const).every((level) => typeof (value as Record<string, unknown>)[level] === 'function'),
        { message: 'expected an object with debug/info/warn/error methods' },
      )
      .optional(),
    orphanGraceMs: z.number().int().nonnegative().optional(),
  })
  .refine((options) => [options.url, options.cluster, options.client].filter((value) => value !== undefined).length <= 1, {
    message: 'pass at most one of url, cluster and client',
  });

export function resolveOptions(options: RedisSessionStoreOptions): ResolvedOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code }));
    const first = issues[0];
    const where = first === undefined || first.path.length === 0 ? '' : `${first.path.map(String).join('.')}: `;
    throw new SessionValidationError(`Invalid RedisSessionStore options: ${where}${first?.message ?? 'invalid'}`, { issues });
  }
  const valid = parsed.data;
  const keyPrefix = valid.keyPrefix ?? 'sk:';
  const commandTimeoutMs = valid.commandTimeoutMs ?? 2000;
  const connection =
    valid.client !== undefined
      ? { client: valid.client }
      : valid.cluster !== undefined
        ? { cluster: valid.cluster.nodes }
        : { url: valid.url ?? 'redis://127.0.0.1:6379' };
  return {
    connection,
    keyPrefix,
    commandTimeoutMs,
    channel: valid.channel ?? defaultChannel(keyPrefix),
    logger: guardLogger(valid.logger),
    orphanGraceMs: valid.orphanGraceMs ?? Math.max(10_000, 5 * commandTimeoutMs),
  };
}

/** A logger that throws must never break a store operation: its failures are dropped. */
function guardLogger(logger: Logger | undefined): Logger {
  if (logger === undefined) return silentLogger;
  const guarded = (level: keyof Logger) => (message: string, context?: Record<string, unknown>) => {
    try {
      logger[level](message, context);
    } catch {
      // Logging is a side channel.
    }
  };
  return { debug: guarded('debug'), info: guarded('info'), warn: guarded('warn'), error: guarded('error') };
}
