import { SessionManager } from '../session_manager';
import type { ContextSwitcherSession } from '../models.js';
import { Thread } from '../models.js';

export const manager = new SessionManager();

export function firstThread(session: ContextSwitcherSession): Thread | undefined {
  return Object.values(session.threads)[0];
}
