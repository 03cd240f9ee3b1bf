/**
 * The adapter's own old critical sections (`synchronizedUpdate`,
 * `recordAccess`) take their lock through the process-wide lock manager's
 * `acquireLock`, as the old code did: a lock manager that fails makes them
 * fail, and code watching or instrumenting the lock manager sees them.
 */
import type { HoldOptions, SessionHandle } from '../internal/session_handle.js';
import { globalLockManager, sectionOf, withSectionPreference } from './session_lock_manager.js';

/**
 * Runs `body` under the id's lock and `handle`'s session lock as one change
 * (version +1 when it succeeds). If `body` throws, what it changed through
 * the old API is rolled back and its own error propagates; if taking the
 * lock fails, that error does.
 */
export async function inOldSection<T>(handle: SessionHandle, body: () => T | PromiseLike<T>, options: HoldOptions): Promise<T> {
  const release = await withSectionPreference({ handle, countsAsAccess: options.countsAsAccess }, () => globalLockManager().acquireLock(handle.sessionId));
  const section = sectionOf(release);
  if (section === undefined) {
    // acquireLock was replaced (a test double, an instrumented manager): it did the excluding.
    try {
      return await handle.hold(body, options);
    } finally {
      release();
    }
  }
  let value: T;
  try {
    value = await body();
  } catch (error) {
    section.abort();
    await section.done;
    throw error;
  }
  release();
  const { failure } = await section.done;
  if (failure !== undefined) throw failure;
  return value;
}
