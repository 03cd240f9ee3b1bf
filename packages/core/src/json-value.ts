import { z } from 'zod';

/** What a security event's `details` may hold: plain JSON. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
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

/** A JSON object, copied on the way in. */
export const jsonObjectSchema = z.unknown().transform((value, ctx): JsonObject => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected an object' });
    return z.NEVER;
  }
  const copied = copyJson(value);
  if (!copied.ok) {
    ctx.addIssue({ code: 'custom', message: copied.reason });
    return z.NEVER;
  }
  return copied.value as JsonObject;
});

/** A `{ [name]: string }` record (analysis responses), copied on the way in. */
export const stringRecordSchema = z.unknown().transform((value, ctx): Record<string, string> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected an object of strings' });
    return z.NEVER;
  }
  const out: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item !== 'string') {
      ctx.addIssue({ code: 'custom', path: [key], message: `expected string, received ${item === null ? 'null' : typeof item}` });
      return z.NEVER;
    }
    setOwn(out, key, item);
  }
  return out;
});

/** Copies a string record (used on export so callers cannot mutate live state). */
export function copyStringRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record)) setOwn(out, key, record[key] as string);
  return out;
}
