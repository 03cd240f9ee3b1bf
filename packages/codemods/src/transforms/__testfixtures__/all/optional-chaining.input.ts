import { SessionManager, getSessionData } from '@sessionkit/legacy';
import type { SessionData } from '@sessionkit/legacy';

const manager = new SessionManager();

function lastPrompt(data: SessionData | null): string | null {
  return data?.getLastAnalysis()?.prompt ?? null;
}

export async function overview(id: string) {
  const lookup = manager.getSession.bind(manager);
  const session = await lookup(id);
  const data = session ? getSessionData(session.sessionId) : null;
  return {
    topic: session?.topic ?? null,
    suspicious: session?.clientBinding?.isSuspicious() ?? false,
    names: data?.getThreadNames() ?? [],
    last: lastPrompt(data),
  };
}
