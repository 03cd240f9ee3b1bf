// sessionkit-migrate: still uses the old API through @sessionkit/legacy-adapter (SessionManager, getSessionData); migrate it by hand, then run remove-adapter
import { SessionManager, getSessionData } from '@sessionkit/legacy-adapter';

const manager = new SessionManager();

export async function count(id: string): Promise<number> {
  // sessionkit-migrate-ignore: reporting still reads the old data until its owners move it
  const data = getSessionData(id);
  return data.getThreadCount() + (await manager.listActiveSessions(), 0);
}
