import { SessionCapacityError, SimpleSessionManager } from '@sessionkit/core';

const manager = new SimpleSessionManager();

export async function open(id: string): Promise<boolean> {
  const session = await manager.createSession(id).catch((error: unknown) => {
    if (error instanceof SessionCapacityError) return null;
    throw error;
  });
  if (session === null) return false;
  return true;
}

export async function list() {
  const active = await manager.listActiveSessions();
  const rows = await Promise.all(Object.values(active).map(async (session) => {
    const data = await manager.requireSession(session.session_id);
    return { id: session.session_id, topic: session.topic, opened: session.created_at, threads: data.threadCount };
  }));
  return { rows, stats: ((stats) => ({
    active_sessions: stats.active_sessions,
    max_sessions: stats.max_sessions,
    session_ttl_hours: stats.session_ttl_hours,
    oldest_session: stats.oldest_session_age_seconds === null ? null : new Date(Date.now() - Math.round(stats.oldest_session_age_seconds * 1000)).toISOString(),
    newest_session: stats.newest_session_age_seconds === null ? null : new Date(Date.now() - Math.round(stats.newest_session_age_seconds * 1000)).toISOString(),
    capacity_used: `${((stats.active_sessions / stats.max_sessions) * 100).toFixed(1)}%`,
  }))(await manager.getStats()) };
}

export async function oldest(): Promise<string | null> {
  const stats = await manager.getStats();
  return stats.oldest_session_age_seconds === null ? null : new Date(Date.now() - Math.round(stats.oldest_session_age_seconds * 1000)).toISOString();
}
