import { SessionManager } from '../session_manager';
import { SessionConcurrency } from './session-concurrency.js';
import { getSessionLockManager } from '../lib/sessionLockManager';
import { ContextSwitcherSession, Thread } from '../models';
import { SessionError } from '../exceptions';
// Same basenames, but nothing of the old system comes from them: left alone.
import { userModels } from './models';
import { SimpleSessionManager } from './session-manager.js';

export function wire(manager: SessionManager, session: ContextSwitcherSession): void {
  const concurrency = new SessionConcurrency(session.sessionId);
  getSessionLockManager().removeLock(session.sessionId);
  if (!(manager instanceof SimpleSessionManager)) throw new SessionError(`unexpected ${userModels.length}`);
  session.addThread(new Thread({ id: 't', name: 'technical', systemPrompt: 'p', modelBackend: 'bedrock' }));
  void concurrency;
}
