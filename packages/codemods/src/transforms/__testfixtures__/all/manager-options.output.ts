import { type SessionManagerOptions, SimpleSessionManager } from '@sessionkit/core';

export interface PoolSettings {
  size?: number;
  sweepMinutes?: number;
}

export function createPool(settings: PoolSettings): SimpleSessionManager {
  const options: SessionManagerOptions = {
    maxSessions: settings.size ?? 50,
    cleanupIntervalSeconds: settings.sweepMinutes === undefined ? undefined : settings.sweepMinutes * 60,
  };
  return new SimpleSessionManager(options);
}

export const fixed = new SimpleSessionManager({ sessionTtlHours: 2, cleanupIntervalSeconds: 900 });

export async function start(pool: SimpleSessionManager): Promise<number> {
  await pool.startBackgroundCleanup();
  return pool.cleanupIntervalSeconds / 60;
}
