import { SessionManager } from '@sessionkit/legacy-adapter';
import { SessionConcurrency } from '@sessionkit/legacy-adapter';
import { getSessionLockManager } from '@sessionkit/legacy-adapter';
import { ContextSwitcherSession, Thread } from '@sessionkit/legacy-adapter';
import { SessionError } from '@sessionkit/legacy-adapter';
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
