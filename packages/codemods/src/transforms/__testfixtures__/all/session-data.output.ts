import { ModelBackend, SimpleSessionManager, Thread } from '@sessionkit/core';

export const manager = new SimpleSessionManager();

export async function open(id: string, topic: string, names: string[]): Promise<string[]> {
  // sessionkit-migrate: createSession throws SessionCapacityError when the pool is full, where addSession returned false and this code went on without the session: catch it here if the code relied on that
  const session = await manager.createSession(id, { topic });
  const data = session;
  for (const name of names) {
    await data.atomicUpdate((state) => {
      const thread = new Thread({ id: `${id}_${name}`, name, systemPrompt: `You are ${name}.`, modelBackend: ModelBackend.BEDROCK });
      state.threads.set(thread.name, thread);
    });
  }
  return [...(await data.getAllThreads()).keys()];
}

export async function describe(id: string) {
  const data = await manager.requireSession(id);
  return { topic: data.topic, threads: data.threadCount, analyses: data.analysisCount, created: data.createdAt };
}
