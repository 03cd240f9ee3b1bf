import * as z from 'zod/mini';

/** Plain JSON: what a security event's `details` may hold (where checked, numbers must be finite and nesting at most 32 levels deep). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A plain JSON object: string keys to {@link JsonValue}s (a security event's `details`). */
export type JsonObject = { [key: string]: JsonValue };

const MAX_DEPTH = 32;

/** Own-property assignment that stays safe for keys such as `__proto__`. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * Deep-copies plain JSON, so exported documents never share objects with live
 * state. Returns a reason string instead of a value when the input is not
 * JSON (functions, NaN, class instances, cycles, nesting deeper than 32).
 */
export function copyJson(value: unknown, depth = 0): { ok: true; value: JsonValue } | { ok: false; reason: string } {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `expected a finite number, received ${value}` };
  }
  if (typeof value !== 'object') return { ok: false, reason: `expected JSON, received ${typeof value}` };
  if (depth >= MAX_DEPTH) return { ok: false, reason: `nested deeper than ${MAX_DEPTH} levels` };
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const item of value) {
      const copied = copyJson(item, depth + 1);
      if (!copied.ok) return copied;
      out.push(copied.value);
    }
    return { ok: true, value: out };
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return { ok: false, reason: 'expected a plain object' };
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const copied = copyJson((value as Record<string, unknown>)[key], depth + 1);
    if (!copied.ok) return copied;
    setOwn(out, key, copied.value);
  }
  return { ok: true, value: out };
}

/** Reports a transform's failure the way zod checks do. */
function fail(ctx: z.core.ParsePayload, input: unknown, message: string, path: PropertyKey[] = []): never {
  ctx.issues.push({ code: 'custom', input, message, path });
  return z.NEVER as never;
}

/** A JSON object, copied on the way in. */
export const jsonObjectSchema = z.lazy(() =>
  z.pipe(
    z.unknown(),
    z.transform((value: unknown, ctx): JsonObject => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(ctx, value, 'expected an object');
      const copied = copyJson(value);
      return copied.ok ? (copied.value as JsonObject) : fail(ctx, value, copied.reason);
    }),
  ),
);

/** A `{ [name]: string }` record (analysis responses), copied on the way in. */
export const stringRecordSchema = z.lazy(() =>
  z.pipe(
    z.unknown(),
    z.transform((value: unknown, ctx): Record<string, string> => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(ctx, value, 'expected an object of strings');
      const out: Record<string, string> = {};
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        if (typeof item !== 'string') return fail(ctx, item, `expected string, received ${describeReceived(item)}`, [key]);
        setOwn(out, key, item);
      }
      return out;
    }),
  ),
);

/** What `copyResponses` found: reused from call to call (the per-analysis hot path allocates no result object). */
export interface CopiedResponses {
  record: Record<string, string>;
  active: number;
  total: number;
  textSize: number;
}

/**
 * The hot-path twin of `stringRecordSchema` for `recordAnalysis`: one pass
 * that checks, copies and counts the answers that are not `abstainValue`, and
 * measures their text, into `out`. Returns null, or the offending key (null
 * for the whole value) and the problem when a value is not a string or is
 * longer than `maxLength`.
 */
export function copyResponses(value: unknown, abstainValue: string, maxLength: number, out: CopiedResponses): { key: string | null; problem: string } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { key: null, problem: `expected an object of strings, received ${describeReceived(value)}` };
  }
  // Object spread defines own data properties (a `__proto__` key stays a plain
  // key, no prototype is touched) and is V8's fastest copy of a small object.
  const record = { ...(value as Record<string, unknown>) };
  let active = 0;
  let total = 0;
  let textSize = 0;
  for (const key in record) {
    const item = record[key];
    if (typeof item !== 'string') return { key, problem: `expected string, received ${describeReceived(item)}` };
    if (item.length > maxLength) return { key, problem: `expected at most ${maxLength} characters (limits.maxResponseLength), received ${item.length}` };
    total++;
    textSize += key.length + item.length;
    if (item !== abstainValue) active++;
  }
  out.record = record as Record<string, string>;
  out.active = active;
  out.total = total;
  out.textSize = textSize;
  return null;
}

/** How an unexpected value is named in error messages. */
export function describeReceived(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'number' : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : 'Date';
  return typeof value;
}

/** Copies a string record (used on export so callers cannot mutate live state). */
export function copyStringRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record)) setOwn(out, key, record[key] as string);
  return out;
}
