// sessionkit-migrate: still uses the old API through @sessionkit/legacy-adapter (SessionManager, SessionSecurity); migrate it by hand, then run remove-adapter
import { SessionManager, SessionSecurity } from '@sessionkit/legacy-adapter';

// A second run, after the site marked below was fixed by hand: the markers of the first run go,
// the note on `version` stays (once), and so do the app's own comments.
const manager = new SessionManager();

export async function securityReport(id: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  // sessionkit-migrate: SessionSecurity#getSecuritySummary has no core counterpart: core keeps the security events inside the session (its summary is in `(await session.getSessionInfo()).client_binding` and `recent_security_events`)
  return { id, topic: session.topic };
}

export async function info(id: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  // sessionkit-migrate: session.version now counts every change of the session (threads, analyses, updates), where the old record's version counted recordAccess calls (tool accesses): if this value is shown or compared, decide which you mean
  return { id: session.sessionId, version: session.version };
}

export const HELP = `
// sessionkit-migrate: text of a template, not a marker
`;
