/** The process-wide manager, for code that shares one pool without passing it around. */
import { guardLogger } from './logger.js';
import { randomToken } from './random.js';
import { type SessionManagerOptions, SimpleSessionManager } from './session-manager.js';

/**
 * A new session id: 256 cryptographically random bits as base64url (43
 * characters of `[A-Za-z0-9_-]`), unguessable, and valid for
 * {@link SESSION_ID_PATTERN}.
 *
 * @example
 * ```ts
 * const session = await manager.createSession(generateSessionId());
 * ```
 */
export function generateSessionId(): string {
  return randomToken();
}

let singleton: SimpleSessionManager | undefined;

/**
 * The process-wide manager: the one {@link initializeSessionManager} set up,
 * else one created with default options on first use (whose background
 * cleanup is not started).
 */
export function getSessionManager(): SimpleSessionManager {
  return (singleton ??= new SimpleSessionManager());
}

/**
 * Replaces the process-wide manager: shuts the previous one down (a
 * SessionCleanupError from it is logged through the new options' `logger`,
 * not thrown), then starts the new one's background cleanup.
 * @param options - The new manager's options (see {@link SessionManagerOptions}).
 * @returns The new manager, which {@link getSessionManager} returns from now on.
 * @throws {@link SessionValidationError} for a bad option (the previous manager then stays).
 *
 * @example
 * ```ts
 * await initializeSessionManager({ maxSessions: 500, secretKeys: [process.env.SESSION_KEY!] });
 * const session = await getSessionManager().createSession(generateSessionId());
 * ```
 */
export async function initializeSessionManager(options: SessionManagerOptions = {}): Promise<SimpleSessionManager> {
  const manager = new SimpleSessionManager(options);
  const previous = singleton;
  singleton = manager;
  if (previous !== undefined) {
    try {
      await previous.shutdown();
    } catch (error) {
      guardLogger(options.logger).error('sessionkit: the previous session manager reported cleanup errors on shutdown', { error });
    }
  }
  await manager.startBackgroundCleanup();
  return manager;
}

/**
 * Shuts the process-wide manager down (see {@link SimpleSessionManager.shutdown})
 * and forgets it: the next {@link getSessionManager} creates a new one. Does
 * nothing when there is none.
 * @throws {@link SessionCleanupError} holding every cleanup error (the manager is forgotten all the same).
 */
export async function shutdownSessionManager(): Promise<void> {
  const manager = singleton;
  singleton = undefined;
  if (manager !== undefined) await manager.shutdown();
}
