/**
 * The logging interface sessionkit writes to. Silent unless you pass one;
 * `console` fits (`logger: console`), as do pino and winston loggers.
 * `context`, when there is one, is a plain object (an `error` field holds
 * the error).
 */
export interface Logger {
  /**
   * Detail for debugging: an operation that failed (its error is also what the operation rejected with).
   * @param message - One line, prefixed `sessionkit:`.
   * @param context - Extra fields, such as `error`.
   */
  debug(message: string, context?: Record<string, unknown>): void;
  /**
   * Routine information (core currently logs nothing at this level).
   * @param message - One line, prefixed `sessionkit:`.
   * @param context - Extra fields.
   */
  info(message: string, context?: Record<string, unknown>): void;
  /**
   * A problem worth attention: a cleanup callback failed, a
   * session's info could not be read, no secret key was configured.
   * @param message - One line, prefixed `sessionkit:`.
   * @param context - Extra fields, such as `error` or `errors`.
   */
  warn(message: string, context?: Record<string, unknown>): void;
  /**
   * A failure no caller will see: the background expiry sweep failed, or the
   * manager `initializeSessionManager` replaced reported cleanup errors.
   * @param message - One line, prefixed `sessionkit:`.
   * @param context - Extra fields, such as `error`.
   */
  error(message: string, context?: Record<string, unknown>): void;
}

const noop = (): void => {};

/** The default {@link Logger}: drops everything. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/**
 * Wraps a user logger so that a logger which throws can never break a session
 * operation: logging is a side channel, its failures are dropped.
 */
export function guardLogger(logger: Logger | undefined): Logger {
  if (logger === undefined || logger === silentLogger) return silentLogger;
  const guarded = (level: keyof Logger) => (message: string, context?: Record<string, unknown>) => {
    try {
      // No trailing `undefined` argument: `console.warn(message, undefined)` would print it.
      if (context === undefined) logger[level](message);
      else logger[level](message, context);
    } catch {
      // A broken logger must not turn a successful operation into a failure.
    }
  };
  return { debug: guarded('debug'), info: guarded('info'), warn: guarded('warn'), error: guarded('error') };
}
