/**
 * Which core session an old object with a given session id is a view of.
 *
 * The old system joined its separate objects (record, data, security,
 * concurrency, lock) by session id alone. The adapter keeps them joined by
 * making each a view of one core session, found here: the session most
 * recently created through the adapter with that id, else one in core's
 * process-wide pool. Entries are weak and are dropped when core cleans the
 * session up, so the directory never holds a session alive or grows with
 * sessions that are gone.
 */
import { Session } from '@sessionkit/core';
import { adapterClock, atInstant } from './clock.js';
import { findInCorePool } from './core_pool.js';
import { configLogger } from './logger.js';
import { handleOf, type SessionHandle } from './session_handle.js';

const directory = new Map<string, WeakRef<Session>>();
const collected = new FinalizationRegistry<{ sessionId: string; ref: WeakRef<Session> }>(({ sessionId, ref }) => {
  if (directory.get(sessionId) === ref) directory.delete(sessionId);
});

/** Makes `handle`'s session the one old objects with its id are views of. */
export function publish(handle: SessionHandle): void {
  const { session, sessionId } = handle;
  const ref = new WeakRef(session);
  directory.set(sessionId, ref);
  collected.register(session, { sessionId, ref }, ref);
  handle.onCleanup(() => {
    if (directory.get(sessionId) === ref) {
      directory.delete(sessionId);
      collected.unregister(ref);
    }
  });
}

/**
 * Publishes a session the adapter hands out without having created it (one
 * core code made, met in a manager's pool), unless old code already made a
 * session with that id that is still around.
 */
export function adopt(handle: SessionHandle): void {
  if (directory.get(handle.sessionId)?.deref() === undefined) publish(handle);
}

/** The session old objects with this id are views of, if any. */
export function findHandle(sessionId: string): SessionHandle | undefined {
  const session = directory.get(sessionId)?.deref() ?? findInCorePool(sessionId);
  return session === undefined ? undefined : handleOf(session);
}

export interface NewSessionOptions {
  /** Creation time (epoch ms); default now. */
  createdAtMs?: number | undefined;
  topic?: string | null | undefined;
  /** Whether later old objects with this id join it (default true). */
  publish?: boolean | undefined;
}

/**
 * A new core session with the old defaults: no client binding (the old
 * record got one only when code attached it), the adapter's clock, the
 * configuration's logger, and core's key ring resolution
 * (`SESSIONKIT_SECRET_KEYS`, else a per-process key) for core's own
 * `validateSecurity`. Published (unless told not to), so later old objects
 * with its id join it.
 */
export function createSession(sessionId: string, options: NewSessionOptions = {}): SessionHandle {
  const create = () => new Session(sessionId, { topic: options.topic ?? null, createClientBinding: false, clock: adapterClock, logger: configLogger });
  const session = options.createdAtMs === undefined ? create() : atInstant(options.createdAtMs, create);
  const handle = handleOf(session);
  if (options.publish !== false) publish(handle);
  return handle;
}

/** The session for this id, creating (and publishing) one when there is none: what the old by-id objects attach to. */
export function findOrCreateHandle(sessionId: string): SessionHandle {
  return findHandle(sessionId) ?? createSession(sessionId);
}

/** Test hook: how many ids the directory maps. */
export function directorySize(): number {
  return directory.size;
}
