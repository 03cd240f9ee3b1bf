import { SessionManager as Pool } from '@sessionkit/legacy';

export const pool: Pool = new Pool({ cleanupIntervalMinutes: 10 });
void pool.startCleanupTask();
