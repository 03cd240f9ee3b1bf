import { SessionManager } from '../sessions/index.js';

/**
 * What the audit page shows about a pool.
 * @param {import('../sessions/index').SessionManager} manager
 */
export async function auditPool(manager) {
  const stats = await manager.getStats();
  const sessions = await manager.listActiveSessions();
  const topics = Object.values(sessions).map((session) => session.topic ?? '(untitled)');
  return {
    open: stats.active_sessions,
    capacity: stats.capacity_used,
    topics: topics.sort(),
    managed: manager instanceof SessionManager,
  };
}
