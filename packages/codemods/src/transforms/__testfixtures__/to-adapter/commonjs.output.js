'use strict';
const { SessionManager } = require('@sessionkit/legacy-adapter');
const concurrency = require('@sessionkit/legacy-adapter');
const { getConfig } = require('@sessionkit/legacy-adapter');

async function threadsOf(sessionId) {
  const { getSessionData } = await import('@sessionkit/legacy-adapter');
  return getSessionData(sessionId).getThreadNames();
}

module.exports = { manager: new SessionManager(getConfig()), concurrency, threadsOf };
