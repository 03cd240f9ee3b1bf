/**
 * The old centralized lock manager (session_lock_manager.py): one mutex per
 * session id in one process-wide map. Nothing removes an entry except
 * `removeLock`/`clearAll`, so the map grows with every session id it has seen;
 * that growth is one of the costs the new design removes.
 */
import { Mutex } from 'async-mutex';
import { getConfig } from './config.js';

export class SessionLockManager {
  private readonly locks = new Map<string, Mutex>();

  /** The session's mutex, created on first use. */
  getLock(sessionId: string): Mutex {
    let lock = this.locks.get(sessionId);
    if (lock === undefined) {
      lock = new Mutex();
      this.locks.set(sessionId, lock);
      getConfig().logger.debug(`Created async lock for session ${sessionId}`);
    }
    return lock;
  }

  /** Waits for the session's lock; resolves to the function that releases it. */
  acquireLock(sessionId: string): Promise<() => void> {
    return this.getLock(sessionId).acquire();
  }

  withLock<T>(sessionId: string, fn: () => T | Promise<T>): Promise<T> {
    return this.getLock(sessionId).runExclusive(fn);
  }

  /**
   * Forgets the session's lock. A holder keeps its (now detached) mutex, so
   * a caller arriving afterwards gets a fresh one: the old behaviour.
   */
  removeLock(sessionId: string): void {
    if (this.locks.delete(sessionId)) {
      getConfig().logger.debug(`Removed lock for session ${sessionId}`);
    }
  }

  clearAll(): void {
    this.locks.clear();
    getConfig().logger.debug('Cleared all session locks');
  }

  /** How many session ids the map holds (for the bench and tests to watch it grow). */
  get lockCount(): number {
    return this.locks.size;
  }
}

const globalLockManager = new SessionLockManager();

/** The process-wide lock manager every legacy module shares. */
export function getSessionLockManager(): SessionLockManager {
  return globalLockManager;
}
