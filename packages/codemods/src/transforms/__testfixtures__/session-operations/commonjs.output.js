const { getSessionManager } = require('@sessionkit/core');

async function addThread(sessionId, thread) {
  const sessionData = await getSessionManager().requireSession(sessionId);
  await sessionData.addThread(thread);
  return sessionData.sessionId;
}

module.exports = { addThread };
