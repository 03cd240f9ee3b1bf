const { SimpleSessionManager } = require('@sessionkit/core');
// sessionkit-migrate: still imports @sessionkit/legacy-adapter (getConfig): move to @sessionkit/core, then delete this import
const { getConfig } = require('@sessionkit/legacy-adapter');

async function lazy() {
  // sessionkit-migrate: still imports @sessionkit/legacy-adapter: move to @sessionkit/core, then delete this import
  const adapter = await import('@sessionkit/legacy-adapter/session_data');
  return adapter.getSessionData('x');
}

module.exports = { manager: new SimpleSessionManager(getConfig()), lazy };
