import { Thread, type Session } from '@sessionkit/core';

export function ThreadList({ session }: { session: Session }) {
  const threads: Thread[] = Object.values(session.threads);
  return <ul>{threads.map((thread) => <li key={thread.id}>{thread.name}</li>)}</ul>;
}
