const { ContextSwitcherSession } = require('@sessionkit/legacy');
const { SessionSecurity } = require('@sessionkit/legacy/session_security');

async function create(manager, id, topic, key) {
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  const security = new SessionSecurity(id);
  session.clientBinding = security.createClientBinding(key);
  const added = await manager.addSession(session);
  if (!added) throw new Error('the pool is full');
  return session.sessionId;
}

module.exports = { create };
