import { SessionPool } from './sessions/pool';
import { NotebookService } from './services/notebook-service';
import { ReviewService } from './services/review-service.js';
import { auditPool } from './services/audit.mjs';

export function createHub(secret: string, released: (sessionId: string) => void = () => {}) {
  const pool = new SessionPool({ capacity: 3, ttlHours: 2, onRelease: released });
  const notebooks = new NotebookService(pool, secret);
  const reviews = new ReviewService(pool, secret);
  return {
    pool,
    notebooks,
    reviews,
    audit: () => auditPool(pool),
    sweep: () => pool.cleanupExpiredSessions(),
    shutdown: () => pool.stopCleanupTask(),
  };
}
