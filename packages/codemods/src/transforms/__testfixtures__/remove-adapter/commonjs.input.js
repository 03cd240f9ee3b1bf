const { SimpleSessionManager } = require('@sessionkit/core');
const { getConfig } = require('@sessionkit/legacy-adapter');

async function lazy() {
  const adapter = await import('@sessionkit/legacy-adapter/session_data');
  return adapter.getSessionData('x');
}

module.exports = { manager: new SimpleSessionManager(getConfig()), lazy };
