import * as z from 'zod/mini';

/**
 * Timestamps travel as strings. Restored ones are kept verbatim (Python writes
 * microseconds and `+00:00`; a JS Date holds milliseconds), new ones are JS ISO
 * strings. Both forms are accepted: `2026-11-27T07:55:05.896051+00:00`,
 * `2026-11-27T07:55:05.896Z`, and a naive `2026-11-27T07:55:05`, read as UTC.
 */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Epoch milliseconds of a timestamp string, or NaN when it is not one.
 * Accepts ISO 8601 as both systems write it: `2026-11-27T07:55:05.896051+00:00`
 * (microseconds and an offset), `2026-11-27T07:55:05.896Z`, and a naive
 * `2026-11-27T07:55:05` (or with a space for the `T`), read as UTC.
 * @param text - The timestamp.
 * @returns Epoch ms, or NaN (never throws).
 *
 * @example
 * ```ts
 * parseTimestamp('2026-11-27T07:55:05.896051+00:00'); // 1795766105896
 * parseTimestamp('yesterday'); // NaN
 * ```
 */
export function parseTimestamp(text: string): number {
  const match = ISO_TIMESTAMP.exec(text);
  if (match === null) return Number.NaN;
  return Date.parse(match[1] === undefined ? `${text}Z` : text);
}

// Bursts of operations share a millisecond: remember the last one formatted.
let lastFormattedMs = Number.NaN;
let lastFormatted = '';

/**
 * The ISO 8601 form sessionkit writes for new timestamps: `Date#toISOString()`,
 * such as `2026-11-27T07:55:05.896Z` (UTC, milliseconds).
 * @param epochMs - Epoch milliseconds.
 * @throws RangeError when `epochMs` is not a valid time (NaN, infinite, out of `Date`'s range).
 */
export function formatTimestamp(epochMs: number): string {
  if (epochMs !== lastFormattedMs) {
    lastFormatted = new Date(epochMs).toISOString();
    lastFormattedMs = epochMs;
  }
  return lastFormatted;
}

export const timestampSchema = z.lazy(() =>
  z.string().check(z.refine((text) => Number.isFinite(parseTimestamp(text)), { message: 'expected an ISO 8601 timestamp' })),
);

/**
 * A timestamp held as epoch ms (cheap to update on the hot path) or as the
 * verbatim text it was restored from (so it re-exports unchanged).
 */
export type Stamp = number | string;

export function stampText(stamp: Stamp): string {
  return typeof stamp === 'number' ? formatTimestamp(stamp) : stamp;
}

export function stampMs(stamp: Stamp): number {
  return typeof stamp === 'number' ? stamp : parseTimestamp(stamp);
}
