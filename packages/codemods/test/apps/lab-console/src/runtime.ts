/**
 * The session library is only needed once an experiment starts, so the
 * console loads it lazily and keeps one pool for the whole process.
 */
import type * as Legacy from '@sessionkit/legacy';

let library: Promise<typeof Legacy> | null = null;
let pool: Legacy.SessionManager | null = null;

export const LAB_SECRET = process.env['LAB_SECRET'] ?? 'lab-console-secret';

export function sessionLibrary(): Promise<typeof Legacy> {
  library ??= import('@sessionkit/legacy');
  return library;
}

export async function labPool(): Promise<Legacy.SessionManager> {
  if (pool) return pool;
  const { SessionManager } = await sessionLibrary();
  pool = new SessionManager({ maxSessions: 4, sessionTtlHours: 0.5 });
  return pool;
}

export async function resetLab(): Promise<number> {
  const current = pool;
  pool = null;
  if (!current) return 0;
  const ids = Object.keys(await current.listActiveSessions());
  for (const id of ids) await current.removeSession(id);
  return ids.length;
}
