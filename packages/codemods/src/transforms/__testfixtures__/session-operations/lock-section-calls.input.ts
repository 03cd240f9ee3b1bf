import type { Session, Thread } from '@sessionkit/core';

// Written for core, with calls on the session inside its own atomicUpdate: awaiting them there
// would wait for the update itself, so they are marked, never awaited.
export async function swapInside(session: Session, oldName: string, thread: Thread): Promise<void> {
  await session.atomicUpdate(async () => {
    session.removeThread(oldName);
    await Promise.resolve();
    session.addThread(thread);
  });
}
