import { SessionManager } from '@sessionkit/legacy';
import type { ContextSwitcherSession } from '@sessionkit/legacy';

const scratchPool = new SessionManager({ maxSessions: 1, sessionTtlHours: 1, cleanupIntervalMinutes: 60 });

/** Runs a throwaway calculation in a session of its own (removed afterwards). */
export async function scratch(label: string, work: (topic: string) => number): Promise<{ label: string; result: number; left: number }> {
  const result = await scratchPool.sessionContext(`scratch-${label}`, `scratch ${label}`, async (session: ContextSwitcherSession) => {
    return work(session.topic ?? label);
  });
  const stats = await scratchPool.getStats();
  return { label, result, left: stats.active_sessions };
}
