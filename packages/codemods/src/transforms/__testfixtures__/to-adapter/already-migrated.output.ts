import { SimpleSessionManager, type Session } from '@sessionkit/core';
import { SessionConcurrency } from '@sessionkit/legacy-adapter';
import { getSessionData } from '@sessionkit/legacy-adapter/session_data';
import { loadConfig } from './config';

export const manager = new SimpleSessionManager(loadConfig());

export function touch(session: Session): void {
  new SessionConcurrency(session.sessionId).cleanup();
  getSessionData(session.sessionId).clearAnalyses();
}
