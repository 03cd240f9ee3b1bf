import { parseTimestamp } from '@sessionkit/core/interop';
import { SessionError } from '@sessionkit/core';
import { describeValue } from './describe_value.js';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * Python's `datetime.isoformat()` for an aware UTC datetime, as the old
 * system wrote every timestamp (`2026-11-27T07:55:05.896000+00:00`, no
 * fraction when it is zero). Old bindings were signed over this text, so
 * carrying one over must reproduce it byte for byte.
 */
export function isoformat(date: Date): string {
  const base =
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const milliseconds = date.getUTCMilliseconds();
  const fraction = milliseconds === 0 ? '' : `.${pad(milliseconds * 1000, 6)}`;
  return `${base}${fraction}+00:00`;
}

/** A core timestamp string (ISO or Python `isoformat()`) as the `Date` the old API handed out. */
export function toDate(timestamp: string): Date {
  return new Date(parseTimestamp(timestamp));
}

/** Epoch ms of a valid `Date`, or a SessionError naming the field (the old API's bad-input error). */
export function epochOf(value: unknown, field: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new SessionError(`${field} must be a valid Date, got ${describeValue(value)}`);
  }
  return value.getTime();
}

/**
 * A timestamp as the old API hands it out in its dicts: Python `isoformat()`
 * of the instant, as the old system wrote every timestamp it parsed or made
 * (so `toDict()` JSON is what the old system wrote, byte for byte).
 */
export function oldTimestamp(timestamp: string): string {
  return isoformat(toDate(timestamp));
}

/** What `Date#toISOString()` writes, as core stamps new conversation messages. */
const CORE_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A conversation message's timestamp as the old system kept it: it stored
 * messages as given, so restored text stays verbatim, while a message
 * stamped by core now (`Thread#addMessage`) shows the `isoformat()` the old
 * `addMessage` wrote.
 */
export function oldMessageTimestamp(timestamp: string): string {
  return CORE_STAMP.test(timestamp) ? oldTimestamp(timestamp) : timestamp;
}
