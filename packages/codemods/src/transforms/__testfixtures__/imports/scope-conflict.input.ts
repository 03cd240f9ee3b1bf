import { SessionManager, ContextSwitcherSession } from '@sessionkit/legacy';

// This file already has its own `Session` and `SimpleSessionManager`.
class Session {
  constructor(readonly user: string) {}
}
const SimpleSessionManager = { describe: () => 'local helper' };

export function open(user: string, manager: SessionManager, legacy: ContextSwitcherSession): [Session, string] {
  void manager;
  void legacy;
  return [new Session(user), SimpleSessionManager.describe()];
}
