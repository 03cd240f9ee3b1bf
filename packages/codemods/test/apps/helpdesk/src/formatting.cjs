'use strict';
/**
 * Presenters shared with the old ops scripts, which are still CommonJS.
 */
const { ModelBackend } = require('@sessionkit/legacy');

const DEFAULT_BACKEND = ModelBackend.OLLAMA;

/**
 * @param {import('@sessionkit/legacy').ContextSwitcherSession} session
 * @param {import('@sessionkit/legacy').SessionData} data
 */
function describeTicket(session, data) {
  return {
    id: session.sessionId,
    topic: session.topic,
    openedAt: session.createdAt.toISOString(),
    perspectives: Object.keys(data.threads),
    analyses: data.getAnalysisCount(),
  };
}

/** @param {import('@sessionkit/legacy').SessionManagerStats} stats */
function formatStats(stats) {
  return { open: stats.active_sessions, limit: stats.max_sessions, load: stats.capacity_used };
}

module.exports = { DEFAULT_BACKEND, describeTicket, formatStats };
