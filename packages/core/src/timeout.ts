/**
 * Time bounds on user callbacks. One shared, unref'd timer checks every
 * in-flight deadline ten times a second, instead of a timer per call (an
 * async `atomicUpdate` would otherwise pay for a setTimeout and a
 * clearTimeout each): a bound fires within ~100 ms of its deadline.
 */
import { SessionTimeoutError } from './errors.js';

const TICK_MS = 100;

interface Deadline {
  at: number;
  expire(): void;
}

const deadlines = new Set<Deadline>();
let ticker: NodeJS.Timeout | undefined;

function tick(): void {
  const now = Date.now();
  for (const deadline of deadlines) {
    if (deadline.at <= now) {
      deadlines.delete(deadline);
      deadline.expire();
    }
  }
  if (deadlines.size === 0 && ticker !== undefined) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

/**
 * Settles like `promise`, or rejects with a SessionTimeoutError about `ms`
 * after the call (first calling `onTimeout`). A late settlement of `promise`
 * is ignored (and its rejection handled, so it never surfaces as unhandled).
 */
export function withTimeout<T>(promise: PromiseLike<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const deadline: Deadline = {
      at: Date.now() + ms,
      expire() {
        try {
          onTimeout?.();
        } finally {
          reject(new SessionTimeoutError(`${what} did not settle within ${ms} ms`));
        }
      },
    };
    deadlines.add(deadline);
    if (ticker === undefined) {
      ticker = setInterval(tick, Math.min(TICK_MS, ms));
      ticker.unref();
    }
    promise.then(
      (value) => {
        if (deadlines.delete(deadline)) resolve(value);
      },
      (error: unknown) => {
        if (deadlines.delete(deadline)) reject(error);
      },
    );
  });
}
