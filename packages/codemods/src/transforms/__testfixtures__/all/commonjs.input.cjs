'use strict';
const { SessionManager, getSessionData } = require('@sessionkit/legacy');

const manager = new SessionManager({ maxSessions: 20, cleanupIntervalMinutes: 2 });

/**
 * @param {import('@sessionkit/legacy').ContextSwitcherSession} session
 * @returns {number}
 */
function threadCount(session) {
  return getSessionData(session.sessionId).getThreadCount();
}

/** @param {import('@sessionkit/legacy').ContextSwitcherSession} session */
function label(session) {
  return `${session.sessionId} (${session.createdAt.toISOString()})`;
}

module.exports = { manager, threadCount, label };
