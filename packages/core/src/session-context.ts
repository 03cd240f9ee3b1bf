import * as z from 'zod/mini';
import { type Clock, systemClock } from './clock.js';
import { SessionError } from './errors.js';
import { KeyRing } from './keyring.js';
import { guardLogger, type Logger } from './logger.js';

export const clockSchema = z.lazy(() =>
  z.custom<Clock>(
    (value) => typeof value === 'object' && value !== null && typeof (value as Clock).now === 'function',
    { message: 'expected an object with a now(): number method' },
),
);

export const loggerSchema = z.lazy(() =>
  z.custom<Logger>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      (['debug', 'info', 'warn', 'error'] as const).every((level) => typeof (value as Logger)[level] === 'function'),
    { message: 'expected an object with debug/info/warn/error methods' },
),
);

const secretKeySchema = z.lazy(() => z.string().check(z.minLength(1, { message: 'expected a non-empty string' })));

/** The key-ring options both Session and SimpleSessionManager accept (called inside their lazy schemas). */
export function keyOptionsShape() {
  return {
    secretKey: z.optional(secretKeySchema),
    secretKeys: z.optional(z.array(secretKeySchema).check(z.minLength(1, { message: 'expected at least one key' }))),
  };
}

/**
 * What sessions share rather than each holding a copy: the key ring, the
 * clock and the logger. A manager builds one for its whole pool.
 */
export class SessionContext {
  constructor(
    readonly keyRing: KeyRing,
    readonly clock: Clock,
    readonly logger: Logger,
    /** Whether sessions built with this context get a fresh client binding. */
    readonly createClientBinding = true,
  ) {}

  #withoutBinding: SessionContext | undefined;

  /** The same context for sessions whose binding comes from restored state. */
  get withoutBinding(): SessionContext {
    if (!this.createClientBinding) return this;
    return (this.#withoutBinding ??= new SessionContext(this.keyRing, this.clock, this.logger, false));
  }

  static resolve(options: {
    secretKey?: string | undefined;
    secretKeys?: readonly string[] | undefined;
    clock?: Clock | undefined;
    logger?: Logger | undefined;
  }): SessionContext {
    const logger = guardLogger(options.logger);
    return new SessionContext(KeyRing.resolve(options, logger), options.clock ?? systemClock, logger);
  }

  /** The clock's time; a clock returning garbage is a bug we surface, not a NaN we store. */
  now(): number {
    const now = this.clock.now();
    if (typeof now !== 'number' || !Number.isFinite(now)) {
      throw new SessionError(`The injected clock's now() returned ${String(now)}; it must return epoch milliseconds (a finite number)`);
    }
    return now;
  }
}
