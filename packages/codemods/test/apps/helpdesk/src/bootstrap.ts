/**
 * Starts and stops the help desk's session manager. Everything else asks
 * `desk()` for it, so tests and the server can restart it with new limits.
 */
import { SessionManager, getConfig } from '@sessionkit/legacy';
import type { SessionManagerOptions } from '@sessionkit/legacy';

export interface DeskConfig {
  maxSessions?: number;
  ttlHours?: number;
  sweepMinutes?: number;
  bindingSecret?: string;
}

let current: SessionManager | null = null;
let secret = 'helpdesk-development-secret';

export async function startDesk(config: DeskConfig = {}): Promise<SessionManager> {
  await stopDesk();
  const options: SessionManagerOptions = {
    maxSessions: config.maxSessions ?? getConfig().maxActiveSessions,
    sessionTtlHours: config.ttlHours ?? 1,
    cleanupIntervalMinutes: config.sweepMinutes ?? 5,
  };
  current = new SessionManager(options);
  await current.startCleanupTask();
  if (config.bindingSecret) secret = config.bindingSecret;
  return current;
}

export function desk(): SessionManager {
  if (current === null) throw new Error('the help desk is not started; call startDesk() first');
  return current;
}

export function bindingSecret(): string {
  return secret;
}

export async function stopDesk(): Promise<void> {
  if (current === null) return;
  await current.stopCleanupTask();
  current = null;
}
