import { ContextSwitcherSession } from '@sessionkit/legacy';
import type { SessionManager } from '@sessionkit/legacy';

export async function create(manager: SessionManager, id: string) {
  // sessionkit-migrate-ignore: kept on the bridge until the plugin API moves
  const session = new ContextSwitcherSession(id, new Date());
  await manager.addSession(session);
  return session.sessionId;
}
