import type { SessionManager } from '@sessionkit/legacy';

export async function appendExchange(manager: SessionManager, sessionId: string, expectedVersion: number, answers: string[], log: string[]) {
  const session = await manager.requireSession(sessionId);

  // Append under the session lock so concurrent analyses never interleave.
  await session.atomicUpdate(async () => {
    for (const answer of answers) {
      if (!answer) continue;
      log.push(answer);
    }
    await Promise.resolve();
  }, expectedVersion);
  return session.sessionId;
}
