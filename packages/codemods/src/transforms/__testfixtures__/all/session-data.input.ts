import { ContextSwitcherSession, ModelBackend, SessionData, SessionManager, Thread, getSessionData, registerSessionData } from '@sessionkit/legacy';

export const manager = new SessionManager();

export async function open(id: string, topic: string, names: string[]): Promise<string[]> {
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  await manager.addSession(session);
  const data = new SessionData(id, session.createdAt, topic);
  for (const name of names) {
    data.addThread(new Thread({ id: `${id}_${name}`, name, systemPrompt: `You are ${name}.`, modelBackend: ModelBackend.BEDROCK }));
  }
  registerSessionData(data);
  return data.getThreadNames();
}

export async function describe(id: string) {
  const data = getSessionData(id);
  return { topic: data.topic, threads: data.getThreadCount(), analyses: data.getAnalysisCount(), created: data.createdAt.toISOString() };
}
