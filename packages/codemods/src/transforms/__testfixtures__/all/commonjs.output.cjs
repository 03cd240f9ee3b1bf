'use strict';
const { SimpleSessionManager } = require('@sessionkit/core');

const manager = new SimpleSessionManager({ maxSessions: 20, cleanupIntervalSeconds: 120 });

/**
 * @param {import('@sessionkit/core').Session} session
 * @returns {number}
 */
function threadCount(session) {
  return session.threadCount;
}

/** @param {import('@sessionkit/core').Session} session */
function label(session) {
  return `${session.sessionId} (${session.createdAt})`;
}

module.exports = { manager, threadCount, label };
