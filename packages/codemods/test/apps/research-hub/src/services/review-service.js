// Reviews are written in plain JavaScript by the editorial team; JSDoc keeps them honest.
import { SecurityError, SessionSecurity, dataFor } from '../sessions/index.js';

/**
 * @typedef {import('../sessions/pool').SessionPool} SessionPool
 * @typedef {import('@sessionkit/legacy').ContextSwitcherSession} LegacySession
 */

export class ReviewService {
  /**
   * @param {SessionPool} pool
   * @param {string} secret
   */
  constructor(pool, secret) {
    this.pool = pool;
    this.secret = secret;
  }

  /**
   * @param {string} id
   * @param {string} reviewer
   */
  async review(id, reviewer) {
    const session = await this.pool.getSession(id);
    if (!session) return null;
    const security = new SessionSecurity(id, session.clientBinding);
    if (!security.validateBinding(this.secret)) {
      throw new SecurityError(`Notebook ${id} cannot be reviewed: its binding does not check out`);
    }
    const data = dataFor(id);
    const last = data.getLastAnalysis();
    return {
      reviewer,
      topic: session.topic,
      perspectives: data.getThreadCount(),
      lastPrompt: last ? last.prompt : null,
      flagged: isFlagged(session),
    };
  }
}

/** @param {LegacySession} session */
function isFlagged(session) {
  return session.clientBinding?.isSuspicious() ?? false;
}
