/**
 * When a file may switch from the old manager and session classes to core's.
 * Renaming `SessionManager` to `SimpleSessionManager` while the file still
 * calls `addSession` (or types a session `Session` while it still builds a
 * `ContextSwitcherSession`) would turn a working file into one that does not
 * compile. So the class and type renames wait until nothing old is left in
 * the file; what stays old goes through the bridge with a marker.
 */
import type { ASTPath } from 'jscodeshift';
import { isObjectExpression, isObjectProperty, isTypePosition, methodCall } from './ast.js';
import type { RuleContext } from './context.js';
import { exposedOldTypes } from './exposed-types.js';
import { classifySessionUses, describeEscapes, localReferences } from './sessions.js';

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

/** Other files of the run get this file's `SessionManager` (an export they import names it): it stays old for them. */
export function managerHeldByImporters(context: RuleContext): boolean {
  return exposedOldTypes(context).has('SessionManager');
}

/** The file's `SessionManager` can become `SimpleSessionManager`: no old-only method is called any more, and no importer gets it. */
export function managerCanMove(context: RuleContext, except: ReadonlySet<string> = new Set()): boolean {
  return oldManagerCallsLeft(context, except) === 0 && !managerHeldByImporters(context);
}

/**
 * Sessions from `await manager.getSession(id)` in this file are core's: the
 * file has no old manager, or `callsKeepingManagerOld` (manager-usage's own
 * check of what it cannot move) finds nothing holding it back.
 */
export function sessionsFromPoolAreCore(context: RuleContext, callsKeepingManagerOld: (context: RuleContext) => number): boolean {
  return !usesOldManager(context) || callsKeepingManagerOld(context) === 0;
}

const OLD_SESSION_TYPES = new Set(['ContextSwitcherSession', 'SessionData']);

/** The variable or parameter a type annotation belongs to (`data: SessionData | null` → data), if any. */
function annotatedVariable(typeUse: ASTPath): { name: string; declaration: ASTPath } | null {
  let current = typeUse.parent as ASTPath | null;
  while (current && /^TS(TypeReference|UnionType|ParenthesizedType|TypeOperator|ArrayType)$/.test(current.node.type))
    current = current.parent as ASTPath | null;
  if (current?.node.type !== 'TSTypeAnnotation') return null;
  const holder = current.parent as ASTPath | null;
  const node = holder?.node as { type: string; name?: string } | undefined;
  if (!holder || node?.type !== 'Identifier' || !node.name) return null;
  // A declarator's references are found from the declarator, a parameter's from itself.
  const declaration = (holder.parent as ASTPath | null)?.node.type === 'VariableDeclarator' && holder.name === 'id' ? (holder.parent as ASTPath) : holder;
  return { name: node.name, declaration };
}

/**
 * Variables and parameters typed `ContextSwitcherSession` / `SessionData`
 * that use what core's `Session` lacks (`.threads`, `.getThreadCount()`,
 * handing it on…): renaming their type would break the file itself.
 */
export function oldTypedVariablesNeedingOldApi(context: RuleContext): { name: string; path: ASTPath; escapes: string }[] {
  const found: { name: string; path: ASTPath; escapes: string }[] = [];
  for (const use of context.oldUses()) {
    if (!OLD_SESSION_TYPES.has(use.name) || !isTypePosition(use.path)) continue;
    const variable = annotatedVariable(use.path);
    if (!variable) continue;
    const references = localReferences(context.j, variable.declaration, variable.name);
    const escapes = references === null ? 'declared more than once' : describeEscapes(classifySessionUses(references));
    if (escapes !== null) found.push({ name: variable.name, path: use.path, escapes });
  }
  return found;
}

/**
 * `ContextSwitcherSession` / `SessionData` types may become `Session`: no old
 * session is built or fetched here, every variable so typed only does what
 * core's Session does, and no export another file imports hands one across
 * (that file may still pass or expect the old object).
 */
export function sessionTypesCanMove(context: RuleContext): boolean {
  if (oldSessionsMadeHere(context)) return false;
  if (oldTypedVariablesNeedingOldApi(context).length > 0) return false;
  const exposed = exposedOldTypes(context);
  return !exposed.has('ContextSwitcherSession') && !exposed.has('SessionData');
}

/** The file still builds or fetches old sessions (or keeps the old manager that holds them). */
export function oldSessionsMadeHere(context: RuleContext): boolean {
  const valueUse = context.oldUses().some((use) => OLD_SESSION_VALUES.has(use.name) && !isTypePosition(use.path));
  return valueUse || (usesOldManager(context) && !managerCanMove(context));
}

const OPTIONS_AS_VALUE_REASON =
  'manager options passed as a value: SimpleSessionManager takes cleanupIntervalSeconds (minutes × 60) instead of cleanupIntervalMinutes';
const OPTIONS_SPREAD_REASON = 'manager options are spread in: make sure they use cleanupIntervalSeconds (minutes × 60), not cleanupIntervalMinutes';

/**
 * Marks each `new SessionManager(options)` of the old class whose options
 * cannot all be read here (a variable, a spread): once it becomes
 * `SimpleSessionManager` they may still hold `cleanupIntervalMinutes`. Only
 * old constructions: options given to core's manager were written for it.
 * Called by whichever step renames the class (`imports` or `manager-usage`),
 * before the rename, while the construction still shows it is old.
 */
export function markUnreadableManagerOptions(context: RuleContext): void {
  for (const use of context.oldUses()) {
    const construction = use.path.parent as ASTPath | null;
    if (use.name !== 'SessionManager' || use.path.name !== 'callee' || construction?.node.type !== 'NewExpression') continue;
    if (context.isAcknowledged(construction)) continue;
    const options = (construction.node as { arguments: unknown[] }).arguments[0];
    if (options === undefined) continue;
    if (!isObjectExpression(options)) context.mark(construction, OPTIONS_AS_VALUE_REASON);
    else if (options.properties.some((property) => !isObjectProperty(property))) context.mark(construction, OPTIONS_SPREAD_REASON);
  }
}
