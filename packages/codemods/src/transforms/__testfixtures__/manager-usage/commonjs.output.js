const { SimpleSessionManager } = require('@sessionkit/core');

const manager = new SimpleSessionManager({ maxSessions: 5, cleanupIntervalSeconds: 900 });

async function main() {
  await manager.startBackgroundCleanup();
  const session = await manager.getSession('a');
  return session ? session.sessionId : null;
}

module.exports = { main };
