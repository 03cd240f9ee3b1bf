import { SimpleSessionManager } from '../session_manager';
import type { Session } from '../session.js';
import { Thread } from '../session_types.js';

export const manager = new SimpleSessionManager();

export function firstThread(session: Session): Thread | undefined {
  return Object.values(session.threads)[0];
}
