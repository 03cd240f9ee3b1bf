const { SessionManager, ContextSwitcherSession } = require('@sessionkit/legacy');
const { SecurityError } = require('@sessionkit/legacy/session_security');

const manager = new SessionManager({ cleanupIntervalMinutes: 10 });

async function create(id, topic) {
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  const added = await manager.addSession(session);
  if (!added) throw new Error('full');
  return session.sessionId;
}

function isSecurityError(error) {
  return error instanceof SecurityError;
}

module.exports = { manager, create, isSecurityError };
