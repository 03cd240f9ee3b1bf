/**
 * Where time comes from. Inject one (the `clock` option) to test expiry and
 * metrics without sleeping; `ManualClock` of `@sessionkit/core/testing` is one.
 */
export interface Clock {
  /**
   * The current time in milliseconds since the epoch, like `Date.now()`.
   * Must return a finite number and not throw: otherwise the operation that
   * asked fails with a {@link SessionError}.
   */
  now(): number;
}

/** The default {@link Clock}: the real time, `Date.now()`. */
export const systemClock: Clock = { now: () => Date.now() };
