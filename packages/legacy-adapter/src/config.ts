/**
 * The old settings (`config/domains/session.py`, flattened), with the same
 * names, defaults and validation as before. They only feed the old API:
 * core takes its settings per manager (`new SimpleSessionManager({ ... })`).
 */
import { SessionError } from '@sessionkit/core';

/** What the old system logged through; silent unless one is set. */
export interface LegacyLogger {
  /** Detail lines: locks created or removed, tools accessed, resources cleaned up; and core's debug lines. */
  debug(message: string): void;
  /** Routine lines: sessions added to or removed from a `SessionManager`; and core's info lines. */
  info(message: string): void;
  /** Problems a call survives: a full pool, a failing `_cleanupSessionResources`; and core's warnings. */
  warn(message: string): void;
  /** Failures no caller awaits (a lock release whose commit failed); and core's errors. */
  error(message: string): void;
}

/**
 * The process-wide settings of the old API, as `getConfig()` returns them
 * (frozen). They configure the old API only: a core manager created
 * directly takes its own options.
 */
export interface LegacyConfig {
  /** Capacity of a `SessionManager` constructed without `maxSessions`. */
  readonly maxActiveSessions: number;
  /** TTL of a `SessionManager` constructed without `sessionTtlHours`. */
  readonly defaultTtlHours: number;
  /** Background cleanup period of a `SessionManager` without `cleanupIntervalMinutes`. */
  readonly cleanupIntervalSeconds: number;
  /**
   * PBKDF2 rounds of the old binding signature scheme. On the adapter only
   * bindings built with `new ClientBinding(...)` (the old scheme) use it;
   * `SessionSecurity#createClientBinding` signs with core's HMAC-SHA256.
   */
  readonly pbkdf2Iterations: number;
  /** Receives the old API's log lines and core's, through one bridge. */
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

/** The process-wide settings (a frozen snapshot; change them with `setConfig`). */
export function getConfig(): LegacyConfig {
  return current;
}

/**
 * Replaces some settings and returns the new configuration; pass a previous
 * `getConfig()` result to restore it. A bad setting throws SessionError and
 * changes nothing.
 * @param changes - The settings to change; the others keep their values.
 * @returns The new configuration (frozen), as `getConfig()` now returns it.
 * @throws `SessionError` for an unknown key, a value that is not a positive
 *   number (an integer for `maxActiveSessions` and `pbkdf2Iterations`), or a
 *   logger without all four methods.
 */
export function setConfig(changes: Partial<LegacyConfig>): LegacyConfig {
  if (typeof changes !== 'object' || changes === null) {
    throw new SessionError('setConfig expects an object of settings, e.g. setConfig({ pbkdf2Iterations: 1000 })');
  }
  for (const [key, value] of Object.entries(changes)) {
    if (!Object.hasOwn(DEFAULTS, key)) {
      throw new SessionError(`Unknown legacy setting '${key}'; known settings: ${Object.keys(DEFAULTS).join(', ')}`);
    }
    if (key === 'logger') assertLogger(value);
    else assertPositive(key, value, key !== 'defaultTtlHours' && key !== 'cleanupIntervalSeconds');
  }
  current = Object.freeze({ ...current, ...changes });
  return current;
}

function assertPositive(key: string, value: unknown, integer: boolean): void {
  const valid = typeof value === 'number' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!valid) throw new SessionError(`${key} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
}

function assertLogger(value: unknown): void {
  const candidate = value as Partial<Record<keyof LegacyLogger, unknown>> | null;
  const methods = ['debug', 'info', 'warn', 'error'] as const;
  if (typeof candidate !== 'object' || candidate === null || methods.some((m) => typeof candidate[m] !== 'function')) {
    throw new SessionError('logger must have debug, info, warn and error methods');
  }
}
