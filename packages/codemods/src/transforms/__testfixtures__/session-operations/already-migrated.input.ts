import { getSessionManager, type Session, type Thread } from '@sessionkit/core';

export async function addAndRecord(sessionId: string, thread: Thread) {
  const session = await getSessionManager().requireSession(sessionId);
  await session.addThread(thread);
  await session.recordAnalysis('prompt', { technical: 'ok' });
  // Inside its own update a session is edited through the state it passes, never through its methods.
  await session.atomicUpdate((state) => {
    state.topic = thread.name;
  });
  return session.sessionId;
}

export async function describe(session: Session): Promise<string> {
  const info = await session.getSessionInfo();
  return `${info.session_id}: ${info.thread_count}`;
}
