// Plain JavaScript, typed with JSDoc.
import { SessionManager } from '@sessionkit/legacy';

/** @typedef {import('@sessionkit/legacy').SessionData} Data */

export const pool = new SessionManager();

/**
 * @param {Data} data
 * @returns {string[]}
 */
export function names(data) {
  return Object.keys(data.threads);
}

/** @param {import('@sessionkit/legacy').SessionManagerStats} stats */
export function load(stats) {
  return `${stats.active_sessions} of ${stats.max_sessions} (${stats.capacity_used})`;
}
