const { SessionManager, Thread } = require('@sessionkit/legacy');
const { SessionConcurrency } = require('../session_concurrency');

const manager = new SessionManager({ maxSessions: 3 });

function makeThread(name) {
  return new Thread({ id: name, name, systemPrompt: `You are a ${name} expert.`, modelBackend: 'bedrock' });
}

module.exports = { manager, makeThread };
