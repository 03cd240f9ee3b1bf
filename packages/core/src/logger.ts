/**
 * The logging interface sessionkit writes to. Silent unless you pass one;
 * `console` fits (`logger: console`), as do pino and winston loggers.
 * `context`, when there is one, is a plain object (an `error` field holds
 * the error).
 */
export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

const noop = (): void => {};

/** The default: drops everything. */
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
