import { SimpleSessionManager, Thread, type Session } from '@sessionkit/core';

export const manager = new SimpleSessionManager({ maxSessions: 25 });

export async function addTechnical(session: Session): Promise<boolean> {
  return session.addThread(new Thread({ id: 'a', name: 'technical', systemPrompt: '', modelBackend: 'bedrock' }));
}
