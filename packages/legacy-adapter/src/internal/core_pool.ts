/**
 * Finds a session in core's process-wide pool (`getSessionManager()`)
 * synchronously, for the old synchronous `getSessionData(id)`: migrated code
 * creates sessions through core's singleton while leftover old calls look
 * them up here.
 */
import { getSessionManager, type Session } from '@sessionkit/core';
import { peekSession } from '@sessionkit/core/interop';

/** The live session with this id in core's process-wide pool, if there is one. */
export function findInCorePool(sessionId: string): Session | undefined {
  return peekSession(getSessionManager(), sessionId) ?? undefined;
}
