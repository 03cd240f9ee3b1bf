import { getSessionManager, type Session, type Thread } from '@sessionkit/core';

export async function addAndRecord(sessionId: string, thread: Thread) {
  const session = await getSessionManager().requireSession(sessionId);
  await session.addThread(thread);
  await session.recordAnalysis('prompt', { technical: 'ok' });
  await session.atomicUpdate(async () => {
    await session.getLastAnalysis();
  });
  return session.sessionId;
}

export async function describe(session: Session): Promise<string> {
  const info = await session.getSessionInfo();
  return `${info.session_id}: ${info.thread_count}`;
}
