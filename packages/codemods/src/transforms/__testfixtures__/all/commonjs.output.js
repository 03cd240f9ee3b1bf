const { SessionSecurityError, SimpleSessionManager } = require('@sessionkit/core');

const manager = new SimpleSessionManager({ cleanupIntervalSeconds: 600 });

async function create(id, topic) {
  // sessionkit-migrate: removed the `if (!added)` check after addSession: createSession throws SessionCapacityError when the pool is full (handle it where this is called if needed)
  const session = await manager.createSession(id, { topic });
  return session.sessionId;
}

function isSecurityError(error) {
  return error instanceof SessionSecurityError;
}

module.exports = { manager, create, isSecurityError };
