import type { Session, Thread } from '@sessionkit/core';

// Written for core: every call below is already handled as a promise, so nothing changes.
export async function report(session: Session, names: string[], log: (entry: unknown) => void): Promise<void> {
  session.getSessionInfo().then((info) => log(info.thread_count)).catch(log);
  void session.getVersionInfo().finally(() => log('version read'));
  const [first, second] = await Promise.all([session.getThread('a'), session.getThread('b')]);
  const all = await Promise.all(names.map((name) => session.getThread(name)));
  const pending = session.getLastAnalysis();
  log([first, second, all, await pending]);
}

export function addLater(session: Session, thread: Thread): Promise<boolean> {
  return session.addThread(thread);
}

export async function addAndCheck(session: Session, thread: Thread): Promise<void> {
  await Promise.allSettled([session.addThread(thread), session.removeThread('old')]);
  void session.addThread(thread);
}
