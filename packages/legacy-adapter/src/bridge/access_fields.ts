/**
 * The access bookkeeping old code assigned directly (`concurrency.version = 5`,
 * `session.accessCount = 0`, `session.lastAccessed = date`): on the adapter
 * these write the core session's own version and metrics. An assignment is
 * not a change of the session's content, so it bumps no version.
 */
import { SessionError } from '@sessionkit/core';
import { describeValue } from '../internal/describe_value.js';
import type { SessionHandle } from '../internal/session_handle.js';
import { epochOf } from '../internal/time.js';

export function assignVersion(handle: SessionHandle, value: unknown): void {
  const version = count(value, 'version');
  handle.write(
    'version assignment',
    (state) => {
      state.version = version;
    },
    () => false,
  );
}

export function assignAccessCount(handle: SessionHandle, value: unknown): void {
  const accessCount = count(value, 'accessCount');
  handle.write(
    'accessCount assignment',
    (state) => {
      state.metrics.accessCount = accessCount;
    },
    () => false,
  );
}

export function assignLastAccessed(handle: SessionHandle, value: unknown): void {
  const epochMs = epochOf(value, 'lastAccessed');
  handle.write(
    'lastAccessed assignment',
    (state) => {
      // Core's metrics stamp the time only together with an access: keep the count as it was.
      const accessCount = state.metrics.accessCount;
      state.metrics.recordAccess(epochMs);
      state.metrics.accessCount = accessCount;
    },
    () => false,
  );
}

function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SessionError(`${field} must be a non-negative integer, got ${describeValue(value)}`);
  }
  return value;
}
