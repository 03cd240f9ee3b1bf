/** The process-wide manager, for code that shares one pool without passing it around. */
import { guardLogger } from './logger.js';
import { randomToken } from './random.js';
import { type SessionManagerOptions, SimpleSessionManager } from './session-manager.js';

/** A new session id: 256 random bits as base64url (43 characters), unguessable. */
export function generateSessionId(): string {
  return randomToken();
}

let singleton: SimpleSessionManager | undefined;

/** The process-wide manager, created with default options on first use. */
export function getSessionManager(): SimpleSessionManager {
  return (singleton ??= new SimpleSessionManager());
}

/**
 * Replaces the process-wide manager: shuts the previous one down (a
 * SessionCleanupError from it is logged, not thrown), then starts the new
 * one's background cleanup.
 * @throws SessionValidationError for a bad option (the previous manager then stays).
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

/** Shuts the process-wide manager down and forgets it. */
export async function shutdownSessionManager(): Promise<void> {
  const manager = singleton;
  singleton = undefined;
  if (manager !== undefined) await manager.shutdown();
}
