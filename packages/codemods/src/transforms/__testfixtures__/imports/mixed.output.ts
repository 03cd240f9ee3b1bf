import { getSessionManager, type Session, SimpleSessionManager, ModelBackend } from '@sessionkit/core';

export const legacyManager = new SimpleSessionManager();

export async function backendOf(id: string, data: Session): Promise<string> {
  const session: Session = await getSessionManager().requireSession(id);
  void data;
  return session.sessionId + ModelBackend.LITELLM;
}
