import { type Session, SimpleSessionManager } from '@sessionkit/core';

const manager = new SimpleSessionManager();

async function lastPrompt(data: Session | null): Promise<string | null> {
  return (data == null ? undefined : await data.getLastAnalysis())?.prompt ?? null;
}

export async function overview(id: string) {
  const lookup = manager.getSession.bind(manager);
  const session = await lookup(id);
  const data = session ? session : null;
  return {
    topic: session?.topic ?? null,
    suspicious: (session == null ? undefined : (await session.getSessionInfo()).client_binding)?.is_suspicious ?? false,
    names: (data == null ? undefined : [...(await data.getAllThreads()).keys()]) ?? [],
    last: await lastPrompt(data),
  };
}
