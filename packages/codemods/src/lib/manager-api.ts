/**
 * When a file may switch from the old manager and session classes to core's.
 * Renaming `SessionManager` to `SimpleSessionManager` while the file still
 * calls `addSession` (or types a session `Session` while it still builds a
 * `ContextSwitcherSession`) would turn a working file into one that does not
 * compile. So the class and type renames wait until nothing old is left in
 * the file; what stays old goes through the bridge with a marker.
 */
import { isTypePosition, methodCall } from './ast.js';
import type { RuleContext } from './context.js';

/** Methods of the old SessionManager that core's SimpleSessionManager does not have. */
export const OLD_ONLY_MANAGER_METHODS = new Set([
  'addSession',
  'sessionContext',
  '_isExpired',
  'getSessionAtomic',
  'validateSessionVersion',
  'startCleanupTask',
  'stopCleanupTask',
]);

/** Values that are old sessions (or produce them): while any is used, session types stay old. */
const OLD_SESSION_VALUES = new Set(['ContextSwitcherSession', 'SessionData', 'getSessionData', 'registerSessionData']);

function usesOldManager(context: RuleContext): boolean {
  return context.oldUses().some((use) => use.name === 'SessionManager');
}

/** Calls of old-only manager methods left in the file (`except` names ones another step migrates later). */
export function oldManagerCallsLeft(context: RuleContext, except: ReadonlySet<string> = new Set()): number {
  const { j } = context;
  return context.root.find(j.CallExpression).filter((path) => {
    const method = methodCall(path.node)?.method;
    return method !== undefined && OLD_ONLY_MANAGER_METHODS.has(method) && !except.has(method);
  }).length;
}

/** The file's `SessionManager` can become `SimpleSessionManager`: no old-only method is called any more. */
export function managerCanMove(context: RuleContext, except: ReadonlySet<string> = new Set()): boolean {
  return oldManagerCallsLeft(context, except) === 0;
}

/**
 * Sessions from `await manager.getSession(id)` in this file are core's: the
 * file has no old manager, or `callsKeepingManagerOld` (manager-usage's own
 * check of what it cannot move) finds nothing holding it back.
 */
export function sessionsFromPoolAreCore(context: RuleContext, callsKeepingManagerOld: (context: RuleContext) => number): boolean {
  return !usesOldManager(context) || callsKeepingManagerOld(context) === 0;
}

/** `ContextSwitcherSession` / `SessionData` types may become `Session`: no old session is built or fetched here. */
export function sessionTypesCanMove(context: RuleContext): boolean {
  const valueUse = context.oldUses().some((use) => OLD_SESSION_VALUES.has(use.name) && !isTypePosition(use.path));
  return !valueUse && (!usesOldManager(context) || managerCanMove(context));
}
