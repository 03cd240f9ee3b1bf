import type { Logger } from '@sessionkit/core';
import { getConfig } from '../config.js';

/**
 * Core's logger interface, forwarding to whatever logger the old
 * configuration holds at the time of the call, so core's own messages (a
 * missing secret key, cleanup failures) reach the application's old logger.
 */
export const configLogger: Logger = {
  debug: (message) => getConfig().logger.debug(message),
  info: (message) => getConfig().logger.info(message),
  warn: (message) => getConfig().logger.warn(message),
  error: (message) => getConfig().logger.error(message),
};
