import { SessionError } from '../exceptions.js';
import { describeValue } from './describe_value.js';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * Python's `datetime.isoformat()` for an aware UTC datetime:
 * `2026-11-27T07:55:05.896000+00:00`, and no fraction at all when it is zero
 * (`2023-06-15T10:00:00+00:00`). The old system wrote every timestamp this way
 * and, crucially, signed client bindings over it, so the port must too.
 */
export function isoformat(date: Date): string {
  const base =
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const milliseconds = date.getUTCMilliseconds();
  // A JS Date holds milliseconds; Python prints microseconds.
  const fraction = milliseconds === 0 ? '' : `.${pad(milliseconds * 1000, 6)}`;
  return `${base}${fraction}+00:00`;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * `datetime.fromisoformat` for the strings the old system wrote (Python
 * `isoformat()` or JS ISO). A string without an offset is read as UTC, as the
 * old system only ever wrote UTC.
 */
export function parseIsoformat(value: unknown, field: string): Date {
  if (typeof value !== 'string' || !ISO_TIMESTAMP.test(value)) {
    throw new SessionError(`${field} must be an ISO 8601 timestamp string, got ${describeValue(value)}`, { field });
  }
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(hasOffset ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) {
    throw new SessionError(`${field} is not a valid date: ${JSON.stringify(value)}`, { field });
  }
  return date;
}
