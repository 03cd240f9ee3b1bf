const { getSessionData } = require('@sessionkit/legacy/session_data');

async function addThread(sessionId, thread) {
  const sessionData = getSessionData(sessionId);
  sessionData.addThread(thread);
  return sessionData.sessionId;
}

module.exports = { addThread };
