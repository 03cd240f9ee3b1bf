/**
 * The few plain Redis commands the bench needs outside the store: is it
 * there and which version is it (before any workload relies on it), and
 * delete this run's keys afterwards (on a shared REDIS_URL).
 */
import { Redis } from 'ioredis';

/** The store's scripts use PEXPIRETIME, which Redis added in 7.0. */
export const MIN_REDIS_MAJOR = 7;

/**
 * A connection that fails at once instead of retrying: the bench asks once
 * and moves on. `failure()` turns a rejection into the socket's own error
 * (`connect ECONNREFUSED …`), which says more than ioredis's "Connection is closed".
 */
function oneShotClient(url: string, timeoutMs: number): { client: Redis; failure(error: unknown): Error } {
  let socketError: Error | undefined;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // Failures surface as rejected commands; an unhandled 'error' event would crash the run.
  client.on('error', (error: Error) => {
    socketError ??= error;
  });
  return {
    client,
    failure: (error) => socketError ?? (error instanceof Error ? error : new Error(String(error))),
  };
}

/** Connects, asks for the server version, disconnects. Rejects when Redis does not answer within `timeoutMs`. */
export async function redisVersion(url: string, timeoutMs = 2_000): Promise<string> {
  const { client, failure } = oneShotClient(url, timeoutMs);
  try {
    await client.connect();
    const info = await client.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } catch (error) {
    throw failure(error);
  } finally {
    client.disconnect();
  }
}

/** Whether `version` (e.g. `7.0.15`) is one the store supports. */
export function supportsStore(version: string): boolean {
  const major = Number.parseInt(version, 10);
  return Number.isInteger(major) && major >= MIN_REDIS_MAJOR;
}

/** Deletes every key that starts with `keyPrefix` (SCAN, so a large shared Redis is not blocked); returns how many. */
export async function deleteKeys(url: string, keyPrefix: string, timeoutMs = 5_000): Promise<number> {
  const { client, failure } = oneShotClient(url, timeoutMs);
  let deleted = 0;
  try {
    await client.connect();
    const pattern = `${keyPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
      cursor = next;
      if (keys.length > 0) deleted += await client.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  } catch (error) {
    throw failure(error);
  } finally {
    client.disconnect();
  }
}

/** `host:port` of a Redis URL, for reports: never the credentials a REDIS_URL may carry. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'an unparsable URL';
  }
}
