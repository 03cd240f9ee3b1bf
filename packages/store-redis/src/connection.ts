import type { Logger } from '@sessionkit/core';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { Deadline } from './deadline.js';
import type { RedisClient } from './script-runner.js';

/**
 * Connection settings that make a down Redis fail fast instead of queueing:
 * no offline queue (a command sent while disconnected is refused at once,
 * not replayed minutes later), no retry of in-flight commands after a
 * reconnect (the caller was already told they failed), a bounded connect and
 * command time, and endless reconnection in the background.
 */
export function failFastOptions(commandTimeoutMs: number): RedisOptions {
  return {
    commandTimeout: commandTimeoutMs,
    connectTimeout: commandTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    connectionName: 'sessionkit',
  };
}

export function connect(connection: { url: string } | { cluster: readonly string[] }, commandTimeoutMs: number): RedisClient {
  const options = failFastOptions(commandTimeoutMs);
  if ('url' in connection) return new Redis(connection.url, options);
  const clusterOptions: ClusterOptions = {
    enableOfflineQueue: false,
    clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    redisOptions: options,
  };
  return new Cluster([...connection.cluster], clusterOptions);
}

/** One wait per connection attempt, shared by every caller (no listener per call). */
const attempts = new WeakMap<RedisClient, Promise<void>>();

/**
 * Resolves when the connection can take commands. A connection attempt in
 * progress (start-up) is waited for, until `deadline` expires; a connection
 * known to be down (reconnecting) fails at once, so callers fail fast during
 * an outage.
 */
export function whenReady(client: RedisClient, deadline: Deadline): Promise<void> {
  const status = client.status;
  if (status === 'ready') return Promise.resolve();
  if (status !== 'wait' && status !== 'connecting' && status !== 'connect') {
    return Promise.reject(new Error(`Redis connection is ${status}`));
  }
  let attempt = attempts.get(client);
  if (attempt === undefined) {
    attempt = nextReady(client).finally(() => attempts.delete(client));
    attempt.catch(() => undefined); // every caller handles it; this copy must not count as unhandled
    attempts.set(client, attempt);
    if (status === 'wait') client.connect().catch(() => undefined); // lazyConnect: start it; failures arrive as events
  }
  return untilExpired(attempt, deadline);
}

/** Settles with the connection's next 'ready' (resolve), or its next failure (reject). */
function nextReady(client: RedisClient): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      client.off('ready', onReady);
      client.off('close', onClose);
      client.off('end', onClose);
      client.off('error', onError);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onReady = () => settle();
    const onClose = () => settle(new Error('Redis connection closed while connecting'));
    const onError = (error: Error) => settle(error);
    client.once('ready', onReady);
    client.once('close', onClose);
    client.once('end', onClose);
    client.once('error', onError);
  });
}

function untilExpired(promise: Promise<void>, deadline: Deadline): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stop = deadline.onExpire(() => reject(new Error('gave up waiting for the Redis connection')));
    promise.then(resolve, reject).finally(stop);
  });
}

/** How the store stops watching a connection. */
export interface ConnectionWatch {
  /**
   * Stops logging, for a deliberate close of a connection the store owns.
   * The listeners stay: the 'error' one keeps a late error on the closing
   * connection from surfacing as unhandled.
   */
  silence(): void;
  /** Stops logging and takes every listener off: for a client the caller passed in, left as it was found. */
  detach(): void;
}

/**
 * Logs a connection's trouble without flooding: the loss (a close or an error,
 * whichever comes first) as one warning, the failed reconnect attempts that
 * follow at debug level, the recovery once. The 'error' listener is also what
 * keeps ioredis from reporting an unhandled 'error' event.
 */
export function watchConnection(client: RedisClient, role: string, logger: Logger): ConnectionWatch {
  let down = false;
  let silenced = false;
  const lost = (detail: string) => {
    if (silenced) return;
    if (down) {
      logger.debug(`sessionkit/store-redis: ${role} connection still down`, { error: detail });
      return;
    }
    down = true;
    logger.warn(`sessionkit/store-redis: ${role} connection to Redis lost; reconnecting in the background`, { error: detail });
  };
  const onError = (error: Error) => lost(error.message);
  const onClose = () => lost('connection closed');
  const onReady = () => {
    if (!down || silenced) return;
    down = false;
    logger.info(`sessionkit/store-redis: ${role} connection to Redis is back`);
  };
  client.on('error', onError);
  client.on('close', onClose);
  client.on('ready', onReady);
  return {
    silence: () => {
      silenced = true;
    },
    detach: () => {
      silenced = true;
      client.off('error', onError);
      client.off('close', onClose);
      client.off('ready', onReady);
    },
  };
}

/**
 * Closes a connection (QUIT first when `graceful` and it is up) and resolves
 * once it has ended, so no event of it fires after close() returns. Bounded
 * by `timeoutMs`.
 */
export async function closeConnection(client: RedisClient, graceful: boolean, timeoutMs: number): Promise<void> {
  const status = client.status;
  if (status === 'end') return;
  // Between reconnect attempts there is no socket: disconnect() just cancels the next attempt, no 'end' follows.
  const ends = status !== 'reconnecting' && status !== 'wait';
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  const ended = new Promise<void>((resolve) => client.once('end', resolve));
  try {
    if (graceful && status === 'ready') await Promise.race([client.quit().catch(() => undefined), deadline]);
    client.disconnect();
    if (ends) await Promise.race([ended, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
