import { SessionError } from './exceptions.js';

/** What the old system logged through (Python's `logging`); silent unless one is set. */
export interface LegacyLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The session settings of the old `config/domains/session.py`, flattened. */
export interface LegacyConfig {
  /** Capacity of a `SessionManager` constructed without `maxSessions`. */
  readonly maxActiveSessions: number;
  /** TTL of a `SessionManager` constructed without `sessionTtlHours`. */
  readonly defaultTtlHours: number;
  /** Background cleanup period of a `SessionManager` without `cleanupIntervalMinutes`. */
  readonly cleanupIntervalSeconds: number;
  /**
   * PBKDF2-HMAC-SHA256 rounds per binding signature. 600,000 is what the old
   * system paid on every create and every validation; the bench lowers it for
   * its crypto-equalized comparison.
   */
  readonly pbkdf2Iterations: number;
  readonly logger: LegacyLogger;
}

const noop = (): void => {};
const silentLogger: LegacyLogger = { debug: noop, info: noop, warn: noop, error: noop };

const DEFAULTS: LegacyConfig = Object.freeze({
  maxActiveSessions: 50,
  defaultTtlHours: 1,
  cleanupIntervalSeconds: 300,
  pbkdf2Iterations: 600_000,
  logger: silentLogger,
});

let current: LegacyConfig = DEFAULTS;

/** The process-wide configuration (a frozen snapshot; change it with `setConfig`). */
export function getConfig(): LegacyConfig {
  return current;
}

/**
 * Replaces some settings and returns the new configuration. Pass a previous
 * `getConfig()` result to restore it. Settings are read when they are used
 * (`SessionManager` reads its defaults when constructed, bindings read
 * `pbkdf2Iterations` on every signature).
 */
export function setConfig(changes: Partial<LegacyConfig>): LegacyConfig {
  if (typeof changes !== 'object' || changes === null) {
    throw new SessionError('setConfig expects an object of settings, e.g. setConfig({ pbkdf2Iterations: 1000 })');
  }
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in DEFAULTS)) {
      throw new SessionError(`Unknown legacy setting '${key}'; known settings: ${Object.keys(DEFAULTS).join(', ')}`, {
        key,
      });
    }
    if (key === 'logger') {
      assertLogger(value);
    } else if (key === 'defaultTtlHours' || key === 'cleanupIntervalSeconds') {
      assertPositive(key, value, false);
    } else {
      assertPositive(key, value, true);
    }
  }
  current = Object.freeze({ ...current, ...changes });
  return current;
}

function assertPositive(key: string, value: unknown, integer: boolean): void {
  const valid = typeof value === 'number' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!valid) {
    throw new SessionError(`${key} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`, {
      key,
      value,
    });
  }
}

function assertLogger(value: unknown): void {
  const methods = ['debug', 'info', 'warn', 'error'] as const;
  const candidate = value as Partial<Record<(typeof methods)[number], unknown>> | null;
  if (typeof candidate !== 'object' || candidate === null || methods.some((m) => typeof candidate[m] !== 'function')) {
    throw new SessionError('logger must have debug, info, warn and error methods');
  }
}
