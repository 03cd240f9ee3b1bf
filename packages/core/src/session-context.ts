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

/**
 * Bounds on how long sessionkit waits for your callbacks before giving up
 * with a {@link SessionTimeoutError}. Pass a partial object as the `timeouts`
 * option; the rest keep their {@link DEFAULT_TIMEOUTS}. Each given value must
 * be a positive number of milliseconds, at most 2^31 - 1. A bound fires
 * within about 100 ms of its deadline. Synchronous callbacks are not bounded
 * (nothing can interrupt them).
 */
export interface SessionTimeouts {
  /**
   * How long an `atomicUpdate` function that returns a promise may take to
   * settle, in milliseconds. Past it the update is rolled back and rejects
   * with {@link SessionTimeoutError}; the session's lock is released.
   * @defaultValue 60,000 (one minute)
   */
  updateMs: number;
  /**
   * How long one async cleanup callback may take to settle, in milliseconds.
   * Past it the callback counts as failed (a {@link SessionTimeoutError} in
   * {@link CleanupResult.errors}) and the next one runs.
   * @defaultValue 10,000 (ten seconds)
   */
  cleanupMs: number;
}

/** The defaults of {@link SessionTimeouts} (frozen): `{ updateMs: 60_000, cleanupMs: 10_000 }`. */
export const DEFAULT_TIMEOUTS: Readonly<SessionTimeouts> = Object.freeze({ updateMs: 60_000, cleanupMs: 10_000 });

/**
 * The options every session-building entry point accepts:
 * {@link SessionManagerOptions}, {@link SessionOptions} and
 * {@link RestoreOptions}. A manager passes them to all of its sessions.
 */
export interface ContextOptions {
  /**
   * One secret that signs client bindings (a non-empty string). Ignored when
   * `secretKeys` is given.
   * @defaultValue see `secretKeys`
   */
  secretKey?: string | undefined;
  /**
   * The signing secrets, newest first: `[current, ...previous]` (at least one,
   * each non-empty). New signatures use the current key; bindings signed with
   * a previous one still validate and are re-signed (a `binding_upgraded`
   * security event). Keys are never serialized, logged or put in an error.
   * @defaultValue `secretKey`, else the comma-separated
   * `SESSIONKIT_SECRET_KEYS` environment variable, else one random key per
   * process (warned about once, through `logger` or as a Node process warning
   * with code `SESSIONKIT_RANDOM_KEY`): bindings then fail to validate after
   * a restart or in another process.
   */
  secretKeys?: readonly string[] | undefined;
  /**
   * Where time comes from (creation times, expiry, metrics, event
   * timestamps). A clock that throws or returns a non-finite number makes
   * the operation that read it fail with a {@link SessionError}.
   * @defaultValue {@link systemClock} (`Date.now()`)
   */
  clock?: Clock | undefined;
  /**
   * Where sessionkit logs: failed operations (`debug`), failed cleanup
   * callbacks and unreadable sessions (`warn`), a failed background sweep
   * (`error`). A logger that throws is ignored, never breaking an operation.
   * @defaultValue {@link silentLogger} (nothing is logged)
   */
  logger?: Logger | undefined;
  /**
   * Size limits, as a partial {@link SessionLimits}.
   * @defaultValue {@link DEFAULT_LIMITS}
   */
  limits?: { [K in keyof SessionLimits]?: number | undefined } | undefined;
  /**
   * Time bounds on your callbacks, as a partial {@link SessionTimeouts}.
   * @defaultValue {@link DEFAULT_TIMEOUTS}
   */
  timeouts?: { [K in keyof SessionTimeouts]?: number | undefined } | undefined;
  /**
   * Whether a state with `client_binding: null` may be restored (or loaded
   * from a store). Such a state cannot be checked for forgery, so it is
   * refused with a {@link SessionValidationError} unless you trust where it
   * came from and say so here.
   * @defaultValue false
   */
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
