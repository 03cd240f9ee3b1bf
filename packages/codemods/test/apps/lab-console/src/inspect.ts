import type { ContextSwitcherSession, SessionData } from '@sessionkit/legacy';
import * as legacy from '@sessionkit/legacy';
import { LAB_SECRET, labPool } from './runtime';

function ageMinutes(session: ContextSwitcherSession): number {
  return Math.round((Date.now() - session.createdAt.getTime()) / 60_000);
}

function lastPrompt(data: SessionData | null): string | null {
  return data?.getLastAnalysis()?.prompt ?? null;
}

export async function inspectExperiment(id: string) {
  const pool = await labPool();
  const lookup = pool.getSession.bind(pool);
  const session = await lookup(id);
  if (session) {
    const security = new legacy.SessionSecurity(session.sessionId, session.clientBinding);
    if (!security.validateBinding(LAB_SECRET)) throw new legacy.SecurityError(`experiment ${id} was not started by this console`);
  }
  const data = session ? legacy.getSessionData(session.sessionId) : null;
  return {
    id,
    topic: session?.topic ?? null,
    suspicious: session?.clientBinding?.isSuspicious() ?? false,
    hypotheses: data?.getThreadNames() ?? [],
    lastPrompt: lastPrompt(data),
    ageMinutes: session ? ageMinutes(session) : null,
  };
}

export async function labStats() {
  const pool = await labPool();
  const stats = await pool.getStats();
  const newest = await pool.getMostRecentSession();
  return { running: stats.active_sessions, of: stats.max_sessions, newest: newest?.topic ?? null, expired: await pool.cleanupExpiredSessions() };
}
