import { SessionManager, SessionSecurity } from '@sessionkit/legacy';

const manager = new SessionManager();

// The security summary has no core counterpart: this file stays on the bridge, with a marker here.
export async function securityReport(id: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  return new SessionSecurity(id, session.clientBinding).getSecuritySummary();
}
