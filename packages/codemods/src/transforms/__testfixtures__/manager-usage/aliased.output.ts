import { SimpleSessionManager as Pool } from '@sessionkit/core';

export const pool: Pool = new Pool({ cleanupIntervalSeconds: 600 });
void pool.startBackgroundCleanup();
