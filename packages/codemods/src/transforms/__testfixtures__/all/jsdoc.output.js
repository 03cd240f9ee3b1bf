// Plain JavaScript, typed with JSDoc.
import { SimpleSessionManager } from '@sessionkit/core';

/** @typedef {import('@sessionkit/core').Session} Data */

export const pool = new SimpleSessionManager();

/**
 * @param {Data} data
 * @returns {Promise<string[]>}
 */
export async function names(data) {
  return [...(await data.getAllThreads()).keys()];
}

/** @param {import('@sessionkit/core').ManagerStats} stats */
export function load(stats) {
  return `${stats.active_sessions} of ${stats.max_sessions} (${((stats.active_sessions / stats.max_sessions) * 100).toFixed(1)}%)`;
}
