import { SimpleSessionManager as SessionManager, type Session as CoreSession } from '@sessionkit/core';

// This file already has its own `Session` and `SimpleSessionManager`.
class Session {
  constructor(readonly user: string) {}
}
const SimpleSessionManager = { describe: () => 'local helper' };

export function open(user: string, manager: SessionManager, legacy: CoreSession): [Session, string] {
  void manager;
  void legacy;
  return [new Session(user), SimpleSessionManager.describe()];
}
