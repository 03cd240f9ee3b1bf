import { Thread, type ContextSwitcherSession } from '@sessionkit/legacy';

export function ThreadList({ session }: { session: ContextSwitcherSession }) {
  const threads: Thread[] = Object.values(session.threads);
  return <ul>{threads.map((thread) => <li key={thread.id}>{thread.name}</li>)}</ul>;
}
