/**
 * What the sessions of one manager share rather than each holding a copy:
 * the key ring, the clock, the logger, the limits, the time bounds on user
 * callbacks, and the restore policy. A manager builds one for its whole pool;
 * a standalone `Session` builds its own from its options.
 */
import * as z from 'zod/mini';
import { type Clock, systemClock } from './clock.js';
import { SessionError } from './errors.js';
import { KeyRing } from './keyring.js';
import { limitsOptionSchema, resolveLimits, type SessionLimits } from './limits.js';
import { guardLogger, type Logger } from './logger.js';

/** Bounds on how long sessionkit waits for your callbacks before giving up with a SessionTimeoutError. */
export interface SessionTimeouts {
  /** An `atomicUpdate` function that returns a promise. Default 60,000 ms. */
  updateMs: number;
  /** One cleanup callback. Default 10,000 ms. */
  cleanupMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<SessionTimeouts> = Object.freeze({ updateMs: 60_000, cleanupMs: 10_000 });

/** The options every session-building entry point accepts (Session, restore, the manager). */
export interface ContextOptions {
  secretKey?: string | undefined;
  secretKeys?: readonly string[] | undefined;
  clock?: Clock | undefined;
  logger?: Logger | undefined;
  limits?: { [K in keyof SessionLimits]?: number | undefined } | undefined;
  timeouts?: { [K in keyof SessionTimeouts]?: number | undefined } | undefined;
  allowUnbound?: boolean | undefined;
}

export const clockSchema = z.lazy(() =>
  z.custom<Clock>((value) => typeof value === 'object' && value !== null && typeof (value as Clock).now === 'function', {
    message: 'expected an object with a now(): number method',
  }),
);

export const loggerSchema = z.lazy(() =>
  z.custom<Logger>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      (['debug', 'info', 'warn', 'error'] as const).every((level) => typeof (value as Logger)[level] === 'function'),
    { message: 'expected an object with debug/info/warn/error methods (console fits)' },
  ),
);

const secretKeySchema = z.lazy(() => z.string().check(z.minLength(1, { message: 'expected a non-empty string' })));
// setTimeout overflows (and fires at once) past 2^31 - 1 ms.
const timeoutSchema = z.lazy(() => z.optional(z.number().check(z.positive(), z.maximum(0x7fffffff))));

/** The zod shape of ContextOptions, spread into each entry point's own strict schema. */
export function contextOptionsShape() {
  return {
    secretKey: z.optional(secretKeySchema),
    secretKeys: z.optional(z.array(secretKeySchema).check(z.minLength(1, { message: 'expected at least one key' }))),
    clock: z.optional(clockSchema),
    logger: z.optional(loggerSchema),
    limits: limitsOptionSchema,
    timeouts: z.optional(z.strictObject({ updateMs: timeoutSchema, cleanupMs: timeoutSchema })),
    allowUnbound: z.optional(z.boolean()),
  };
}

export class SessionContext {
  constructor(
    readonly keyRing: KeyRing,
    readonly clock: Clock,
    readonly logger: Logger,
    readonly limits: Readonly<SessionLimits>,
    readonly timeouts: Readonly<SessionTimeouts>,
    /** Whether a state without a client binding may be restored (or loaded from a store). */
    readonly allowUnbound: boolean,
  ) {}

  static resolve(options: ContextOptions): SessionContext {
    const logger = guardLogger(options.logger);
    const timeouts =
      options.timeouts === undefined
        ? DEFAULT_TIMEOUTS
        : Object.freeze({
            updateMs: options.timeouts.updateMs ?? DEFAULT_TIMEOUTS.updateMs,
            cleanupMs: options.timeouts.cleanupMs ?? DEFAULT_TIMEOUTS.cleanupMs,
          });
    return new SessionContext(
      KeyRing.resolve(options, logger),
      options.clock ?? systemClock,
      logger,
      resolveLimits(options.limits),
      timeouts,
      options.allowUnbound ?? false,
    );
  }

  /**
   * The clock's time. A clock that throws or returns garbage is a bug we
   * surface as a SessionError, never a raw error or a NaN we store.
   */
  now(): number {
    let now: unknown;
    try {
      now = this.clock.now();
    } catch (error) {
      throw new SessionError(`The injected clock's now() threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (typeof now !== 'number' || !Number.isFinite(now)) {
      throw new SessionError(`The injected clock's now() returned ${String(now)}; it must return epoch milliseconds (a finite number)`);
    }
    return now;
  }

  /** The time for bookkeeping after an operation: a clock failing now must not turn a success into a failure. */
  nowOrSystem(): number {
    try {
      return this.now();
    } catch {
      return Date.now();
    }
  }
}
