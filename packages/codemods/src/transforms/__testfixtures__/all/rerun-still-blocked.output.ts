// sessionkit-migrate: still uses the old API through @sessionkit/legacy-adapter (SessionManager, SessionSecurity); migrate it by hand, then run remove-adapter
import { SessionManager, SessionSecurity } from '@sessionkit/legacy-adapter';

const manager = new SessionManager();

// A second run, after one of two marked sites was fixed by hand: its marker goes, the other site's stays.
export async function securityReport(id: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  return { id, topic: session.topic };
}

export async function flag(id: string) {
  const session = await manager.getSession(id);
  if (!session) return;
  // sessionkit-migrate: SessionSecurity#recordSecurityEvent has no core counterpart: core keeps the security events inside the session (its summary is in `(await session.getSessionInfo()).client_binding` and `recent_security_events`)
  new SessionSecurity(id, session.clientBinding).recordSecurityEvent('flagged', null);
}
