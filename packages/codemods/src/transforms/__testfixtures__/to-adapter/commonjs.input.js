'use strict';
const { SessionManager } = require('@sessionkit/legacy');
const concurrency = require('../session_concurrency');
const { getConfig } = require("./config");

async function threadsOf(sessionId) {
  const { getSessionData } = await import('../session_data');
  return getSessionData(sessionId).getThreadNames();
}

module.exports = { manager: new SessionManager(getConfig()), concurrency, threadsOf };
