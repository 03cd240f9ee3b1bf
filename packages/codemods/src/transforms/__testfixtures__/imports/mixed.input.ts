import { getSessionManager, type Session } from '@sessionkit/core';
import { SessionManager } from '../session_manager';
import type { SessionData } from '../session_data';
import { ModelBackend } from '../models';

export const legacyManager = new SessionManager();

export async function backendOf(id: string, data: SessionData): Promise<string> {
  const session: Session = await getSessionManager().requireSession(id);
  void data;
  return session.sessionId + ModelBackend.LITELLM;
}
