// sessionkit-migrate: still uses the old API through @sessionkit/legacy-adapter (SessionManager, SessionSecurity); migrate it by hand, then run remove-adapter
import { SessionManager, SessionSecurity } from '@sessionkit/legacy-adapter';

const manager = new SessionManager();

// The security summary has no core counterpart: this file stays on the bridge, with a marker here.
export async function securityReport(id: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  // sessionkit-migrate: SessionSecurity#getSecuritySummary has no core counterpart: core keeps the security events inside the session (its summary is in `(await session.getSessionInfo()).client_binding` and `recent_security_events`)
  return new SessionSecurity(id, session.clientBinding).getSecuritySummary();
}
