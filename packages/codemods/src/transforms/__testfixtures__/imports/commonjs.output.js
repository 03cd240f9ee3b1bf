const { SimpleSessionManager, Thread } = require('@sessionkit/core');

const manager = new SimpleSessionManager({ maxSessions: 3 });

function makeThread(name) {
  return new Thread({ id: name, name, systemPrompt: `You are a ${name} expert.`, modelBackend: 'bedrock' });
}

module.exports = { manager, makeThread };
