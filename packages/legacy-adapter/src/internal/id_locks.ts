/**
 * Mutual exclusion per session id, for the old API's critical sections
 * (lock-manager blocks, `synchronizedUpdate`, `recordAccess`): the old lock
 * manager kept one mutex per id, so they excluded each other by id whatever
 * became of the session behind it. The session's own lock cannot do that
 * alone: a block that creates the session its id names (say a
 * `new ContextSwitcherSession(id)` inside `withLock(id)`) holds the lock of
 * the session that was there before, and the next caller would find the new
 * session's lock free.
 *
 * Each id in use has one FIFO queue; it is deleted when its last holder or
 * waiter leaves, so the map holds only the ids locked or waited on right now.
 * A holder that released but whose section is still committing no longer
 * counts as holding (an async-mutex `Mutex` is free the moment it is
 * released); waiters can be cancelled, as `Mutex#cancel` cancels them.
 */

/** What a section is handed when its turn comes. */
export interface IdTurn {
  /** Says the holder let go: the id counts as free (unless others wait) while the section finishes. */
  markReleased(): void;
}

interface Waiter {
  cancel(error: unknown): void;
}

interface Queue {
  /** Settles when the last section queued so far has ended. */
  tail: Promise<void>;
  /** Holder plus waiters. */
  size: number;
  /** Sections whose holder released while they are still finishing. */
  released: number;
  /** Waiters whose turn has not come (cancellable). */
  readonly waiting: Set<Waiter>;
  /** Called whenever a section ends or is released. */
  readonly listeners: Set<() => void>;
}

const queues = new Map<string, Queue>();

/**
 * Runs `section` once every section queued before it for `sessionId` has
 * ended: at once (synchronously) when the id is free. Resolves or rejects
 * as `section` does; the next one starts when it settles. A waiter cancelled
 * by `cancelWaiters` rejects with the given error and never runs.
 */
export function runWithIdLock<T>(sessionId: string, section: (turn: IdTurn) => Promise<T>): Promise<T> {
  let leave!: () => void;
  const left = new Promise<void>((resolve) => (leave = resolve));
  const existing = queues.get(sessionId);
  const queue: Queue = existing ?? { tail: left, size: 0, released: 0, waiting: new Set(), listeners: new Set() };
  let released = false;
  let ended = false;
  const turn: IdTurn = {
    markReleased: () => {
      if (released || ended) return;
      released = true;
      queue.released += 1;
      notify(queue);
    },
  };
  /** Takes this section out of the count (the chain still waits for `leave`). */
  const depart = (): void => {
    ended = true;
    queue.size -= 1;
    if (released) queue.released -= 1;
    if (queue.size === 0 && queues.get(sessionId) === queue) queues.delete(sessionId);
    notify(queue);
  };
  const end = (): void => {
    depart();
    leave();
  };
  queue.size += 1;
  if (existing === undefined) {
    queues.set(sessionId, queue);
    const run = startNow(() => section(turn));
    run.then(end, end);
    return run;
  }
  const previous = queue.tail;
  const waiting = queue.waiting;
  queue.tail = left;
  return new Promise<T>((resolve, reject) => {
    let cancelled = false;
    const waiter: Waiter = {
      cancel: (error) => {
        // Gone from the queue now (not at its turn), so a release right after frees the id.
        cancelled = true;
        waiting.delete(waiter);
        depart();
        reject(error);
      },
    };
    waiting.add(waiter);
    void previous.then(() => {
      waiting.delete(waiter);
      if (cancelled) {
        leave(); // its turn passes straight on to the next waiter
        return;
      }
      const run = startNow(() => section(turn));
      run.then(end, end);
      run.then(resolve, reject);
    });
  });
}

/** Whether a section holds `sessionId` and has not released it, or one waits for it. */
export function isIdLocked(sessionId: string): boolean {
  const queue = queues.get(sessionId);
  return queue !== undefined && queue.size - queue.released > 0;
}

/** Whether a section on `sessionId` released but is still finishing (its commit may hold the session's lock). */
export function isIdFinishing(sessionId: string): boolean {
  const queue = queues.get(sessionId);
  return queue !== undefined && queue.released > 0;
}

/** Rejects every section still waiting for `sessionId` with `error`; the holder keeps the lock. */
export function cancelWaiters(sessionId: string, error: unknown): void {
  const queue = queues.get(sessionId);
  if (queue === undefined) return;
  for (const waiter of [...queue.waiting]) waiter.cancel(error);
}

/** Resolves the next time a section on `sessionId` ends or is released (at once when nothing is queued). */
export function nextIdChange(sessionId: string): Promise<void> {
  const queue = queues.get(sessionId);
  if (queue === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (): void => {
      queue.listeners.delete(listener);
      resolve();
    };
    queue.listeners.add(listener);
  });
}

/** Test hook: how many ids are held (or waited on) right now. */
export function lockedIdCount(): number {
  return queues.size;
}

function notify(queue: Queue): void {
  for (const listener of [...queue.listeners]) listener();
}

function startNow<T>(section: () => Promise<T>): Promise<T> {
  try {
    return section();
  } catch (error) {
    return Promise.reject(error);
  }
}
