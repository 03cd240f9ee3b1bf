/**
 * Write-through to a shared store, for one session: the one place that
 * reloads a stale copy, compares-and-sets every change on the stored
 * revision, retries a conflict on fresh state, and handles a stored value
 * that does not restore.
 *
 * Under the session's lock, a read is served from the local copy (reloaded
 * first if another process changed the session). A write runs its body on the
 * live state, saves it with compare-and-set, and rolls the state back from a
 * snapshot if the save does not succeed. On a conflict the fresh stored state
 * is adopted and the body runs again on it (so `atomicUpdate(fn,
 * expectedVersion)` then fails its version check), with jittered back-off, at
 * most `retry.attempts` times. While a save is in flight the synchronous
 * getters (`version`, `topic`) may show the change before it is confirmed.
 */
import { SessionConcurrencyError, SessionNotFoundError } from './errors.js';
import { executeBody } from './execute-body.js';
import { kContext, kState } from './internal.js';
import { runLocked } from './session-lock.js';
import { exportOf, type OperationBody, type OperationName, type OperationRunner, type RunnerHost } from './operation-runner.js';
import { restoreStoredState } from './restore.js';
import type { SessionStore, StoreInvalidation, StoreRetryPolicy, StoreSaveResult } from './session-store.js';
import { StateSnapshot } from './state-snapshot.js';
import type { SessionStateJSON } from './types/session-state.js';

/** These write even when the version does not move: security metadata is persisted too. */
const SECURITY_OPERATIONS: ReadonlySet<OperationName> = new Set(['validate_security', 'clear_security_flags']);

export class WriteThrough implements OperationRunner {
  /** Revision of the stored state this process last saw. */
  revision: number;
  /** Set when another process changed the session: the next operation reloads first. */
  #stale = false;
  /** The revision a save in flight will write: its own invalidation must not mark the session stale. */
  #savingRevision: number | undefined;
  /** An invalidation for `#savingRevision` arrived: if the save then fails, it was not ours to ignore. */
  #heardDuringSave = false;

  constructor(
    readonly store: SessionStore,
    readonly retry: Readonly<StoreRetryPolicy>,
    revision: number,
    /** Called when the store no longer holds the session (removed elsewhere, or expired). */
    readonly onGone: (sessionId: string) => void,
  ) {
    this.revision = revision;
  }

  /** Marks the copy stale so the next operation reloads it first. */
  markStale(): void {
    this.#stale = true;
  }

  /** What an invalidation from the store means for this copy ('removed' is the pool's to handle). */
  heard(event: StoreInvalidation): void {
    if (event.revision !== undefined && event.revision === this.#savingRevision) this.#heardDuringSave = true;
    else if (event.revision === undefined || event.revision > this.revision) this.#stale = true;
  }

  run<T>(session: RunnerHost, operation: OperationName, write: boolean, body: OperationBody<T>, trackAsync: boolean, countAccess: boolean): Promise<T> {
    return runLocked(session, operation, trackAsync, () => this.#apply(session, operation, write, body, countAccess));
  }

  exportState(session: RunnerHost): Promise<SessionStateJSON> {
    return runLocked(session, 'export_state', false, async () => {
      if (this.#stale) await this.#reload(session);
      return exportOf(session);
    });
  }

  async #apply<T>(session: RunnerHost, operation: OperationName, write: boolean, body: OperationBody<T>, countAccess: boolean): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (this.#stale) await this.#reload(session);
      if (!write) return executeBody(session, operation, false, body, countAccess);

      // The body works on the live state (the lock keeps every other operation
      // out); a snapshot puts it back if the write does not succeed.
      const state = session[kState];
      const snapshot = new StateSnapshot(state);
      const versionBefore = state.version;
      let outcome: { ok: true; value: T } | { ok: false; error: unknown };
      try {
        const value = await executeBody(session, operation, true, body, countAccess);
        if (state.version === versionBefore && !SECURITY_OPERATIONS.has(operation)) return value; // nothing to write
        outcome = { ok: true, value };
      } catch (error) {
        // A refused write to a removed or expired session has nothing to persist.
        if (error instanceof SessionNotFoundError) throw error;
        // Kept: what the body recorded before failing (a counted validation failure);
        // atomicUpdate has already rolled back its own changes.
        outcome = { ok: false, error };
      }

      const saved = await this.#save(session, state.toJSON(), snapshot);
      if (saved.ok) {
        this.revision = saved.revision;
        if (outcome.ok) return outcome.value;
        throw outcome.error;
      }
      snapshot.restore();
      if (saved.current === null) throw this.#gone(session);
      this.#adopt(session, saved.current.state, saved.current.revision);
      if (attempt >= this.retry.attempts) {
        throw new SessionConcurrencyError(
          `Operation '${operation}' on session ${session.sessionId} kept conflicting with other writers; gave up after ${attempt} attempts`,
          { actual: session[kState].version },
        );
      }
      const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** Math.min(attempt, 16));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }

  async #save(session: RunnerHost, json: SessionStateJSON, snapshot: StateSnapshot): Promise<StoreSaveResult> {
    this.#savingRevision = this.revision + 1;
    try {
      return await this.store.save(json, this.revision);
    } catch (error) {
      // Not confirmed: the write happened whole or not at all, we cannot tell which.
      // Keep the last confirmed state (reads stay served during an outage); if the
      // write did land, the next write's compare-and-set finds it and adopts it,
      // and if the store announced that revision meanwhile, reload before the next use.
      snapshot.restore();
      if (this.#heardDuringSave) this.#stale = true;
      throw error;
    } finally {
      this.#savingRevision = undefined;
      this.#heardDuringSave = false;
    }
  }

  async #reload(session: RunnerHost): Promise<void> {
    const stored = await this.store.load(session.sessionId);
    if (stored === null) throw this.#gone(session);
    this.#adopt(session, stored.state, stored.revision);
  }

  #adopt(session: RunnerHost, json: unknown, revision: number): void {
    session[kState] = restoreStoredState(json, session.sessionId, session[kContext]);
    this.revision = revision;
    this.#stale = false;
  }

  #gone(session: RunnerHost): SessionNotFoundError {
    this.onGone(session.sessionId);
    return new SessionNotFoundError(`Session '${session.sessionId}' is no longer in the store (removed by another process, or expired)`);
  }
}
