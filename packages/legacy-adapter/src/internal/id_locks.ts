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
 */

interface Queue {
  /** Settles when the last section queued so far has ended. */
  tail: Promise<void>;
  /** Holder plus waiters. */
  size: number;
}

const queues = new Map<string, Queue>();

/**
 * Runs `section` once every section queued before it for `sessionId` has
 * ended: at once (synchronously) when the id is free. Resolves or rejects
 * as `section` does; the next one starts when it settles.
 */
export function runWithIdLock<T>(sessionId: string, section: () => Promise<T>): Promise<T> {
  let leave!: () => void;
  const left = new Promise<void>((resolve) => (leave = resolve));
  const queue = queues.get(sessionId);
  let run: Promise<T>;
  if (queue === undefined) {
    queues.set(sessionId, { tail: left, size: 1 });
    run = startNow(section);
  } else {
    const previous = queue.tail;
    queue.tail = left;
    queue.size += 1;
    run = previous.then(section);
  }
  const end = (): void => {
    const current = queues.get(sessionId) as Queue;
    current.size -= 1;
    if (current.size === 0) queues.delete(sessionId);
    leave();
  };
  run.then(end, end);
  return run;
}

/** Whether a section holds `sessionId` right now (others may be waiting behind it). */
export function isIdLocked(sessionId: string): boolean {
  return queues.has(sessionId);
}

/** Test hook: how many ids are held (or waited on) right now. */
export function lockedIdCount(): number {
  return queues.size;
}

function startNow<T>(section: () => Promise<T>): Promise<T> {
  try {
    return section();
  } catch (error) {
    return Promise.reject(error);
  }
}
