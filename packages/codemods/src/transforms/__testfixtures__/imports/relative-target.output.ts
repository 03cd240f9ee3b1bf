import { SimpleSessionManager } from '../session_manager';
import type { ContextSwitcherSession } from '../models.js';
import { Thread } from '../session_types.js';

export const manager = new SimpleSessionManager();

// sessionkit-migrate: session keeps its old type: it uses what core's Session does not have (.threads); move those uses to Session's API, then run all again
export function firstThread(session: ContextSwitcherSession): Thread | undefined {
  return Object.values(session.threads)[0];
}
