import { SessionManager, getConfig } from '@sessionkit/legacy';
import type { SessionManagerOptions } from '@sessionkit/legacy';

export interface PoolSettings {
  size?: number;
  sweepMinutes?: number;
}

export function createPool(settings: PoolSettings): SessionManager {
  const options: SessionManagerOptions = {
    maxSessions: settings.size ?? getConfig().maxActiveSessions,
    cleanupIntervalMinutes: settings.sweepMinutes,
  };
  return new SessionManager(options);
}

export const fixed = new SessionManager({ sessionTtlHours: 2, cleanupIntervalMinutes: 15 });

export async function start(pool: SessionManager): Promise<number> {
  await pool.startCleanupTask();
  return pool.cleanupIntervalMinutes;
}
