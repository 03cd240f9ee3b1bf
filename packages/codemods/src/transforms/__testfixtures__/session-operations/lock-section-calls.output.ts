import type { Session, Thread } from '@sessionkit/core';

// Written for core, with calls on the session inside its own atomicUpdate: awaiting them there
// would wait for the update itself, so they are marked, never awaited.
export async function swapInside(session: Session, oldName: string, thread: Thread): Promise<void> {
  await session.atomicUpdate(async () => {
    // sessionkit-migrate: session.removeThread() runs inside a lock on a session (maybe this one): core's lock is not re-entrant, so awaited there it would wait for the lock forever; change the `state` that atomicUpdate passes, or move the call out of the locked section
    session.removeThread(oldName);
    await Promise.resolve();
    // sessionkit-migrate: session.addThread() runs inside a lock on a session (maybe this one): core's lock is not re-entrant, so awaited there it would wait for the lock forever; change the `state` that atomicUpdate passes, or move the call out of the locked section
    session.addThread(thread);
  });
}
