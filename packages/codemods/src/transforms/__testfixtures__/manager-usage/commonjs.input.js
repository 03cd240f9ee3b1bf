const { SessionManager } = require('@sessionkit/legacy');

const manager = new SessionManager({ maxSessions: 5, cleanupIntervalMinutes: 15 });

async function main() {
  await manager.startCleanupTask();
  const session = await manager.getSession('a');
  return session && !manager._isExpired(session) ? session.sessionId : null;
}

module.exports = { main };
