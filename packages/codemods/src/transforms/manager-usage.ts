/**
 * Phase 2, step by step: the manager's API.
 *
 * - `new SessionManager({ maxSessions, sessionTtlHours, cleanupIntervalMinutes })`
 *   → `new SimpleSessionManager({ maxSessions, sessionTtlHours, cleanupIntervalSeconds: minutes * 60 })`
 * - `startCleanupTask()` / `stopCleanupTask()` → `startBackgroundCleanup()` / `stopBackgroundCleanup()`
 * - `m.sessionContext(id, topic, fn)` → `m.withSession(id, { topic }, fn)`
 * - `session && !m._isExpired(session)` → `session` (core's getSession drops expired sessions)
 * - `const [session, version] = await m.getSessionAtomic(id)` →
 *   `const session = await m.getSession(id);`
 *   `const version = session === null ? -1 : (await session.getVersionInfo()).version;`
 *
 * All of these need core's manager. When the file keeps calling something
 * only the old manager has (`addSession`, an unmigratable `sessionContext`,
 * …), its `SessionManager` stays (through the bridge, in `all`) and so do
 * these calls; the sites say why.
 */
import type { ASTNode, ASTPath, Identifier, JSCodeshift } from 'jscodeshift';
import {
  canAwaitAt,
  isFunctionNode,
  isObjectExpression,
  isObjectProperty,
  makeProperty,
  methodCall,
  parseExpression,
  propertyKeyName,
  replaceKeepingComments,
  reprint,
} from '../lib/ast.js';
import type { Rule, RuleContext } from '../lib/context.js';
import { defineTransform } from '../lib/define-transform.js';
import { exposedOldTypes, markExposures } from '../lib/exposed-types.js';
import { insideLockSection } from '../lib/lock-sections.js';
import { managerHeldByImporters, markUnreadableManagerOptions, oldManagerCallsLeft } from '../lib/manager-api.js';
import { adaptSessionCalls, callsNeedingAwaitOutsideAsync, classifySessionUses, coreImportLocals, describeEscapes, localReferences } from '../lib/sessions.js';
import { migrateNames } from './imports.js';

type Builders = JSCodeshift;

/** `check`: count what would stay old, change nothing; `apply`: migrate, mark the rest; `mark`: only mark the rest. */
type Mode = 'check' | 'apply' | 'mark';

const RENAMED_METHODS: ReadonlyMap<string, string> = new Map([
  ['startCleanupTask', 'startBackgroundCleanup'],
  ['stopCleanupTask', 'stopBackgroundCleanup'],
]);

/** The old-only methods this transform rewrites (the others, like addSession, keep the manager old). */
const HANDLED_HERE = new Set(['startCleanupTask', 'stopCleanupTask', 'sessionContext', '_isExpired', 'getSessionAtomic']);

/** `m / 60` → `m` (the common `cleanupIntervalSeconds / 60`); a literal is multiplied out; else `m * 60`. */
function minutesToSeconds(j: JSCodeshift, minutes: ASTNode, estree: boolean): ASTNode {
  const node = minutes as ASTNode & { value?: unknown; operator?: string; left?: ASTNode; right?: ASTNode & { value?: unknown } };
  if ((node.type === 'NumericLiteral' || node.type === 'Literal') && typeof node.value === 'number') {
    const seconds = j.numericLiteral(node.value * 60);
    if (estree) (seconds as { type: string }).type = 'Literal';
    return seconds;
  }
  if (node.type === 'BinaryExpression' && node.operator === '/' && node.left && node.right?.value === 60) return node.left;
  return j.binaryExpression('*', minutes as Parameters<Builders['binaryExpression']>[1], j.numericLiteral(60));
}

/**
 * `cleanupIntervalMinutes: m` → `cleanupIntervalSeconds: m * 60`, on old
 * managers (when they move) and on core ones (renamed by `imports` before
 * this step ran). Options that cannot be read are marked on old managers only.
 */
function managerOptions(context: RuleContext, includeOldClass: boolean): void {
  const { j } = context;
  if (includeOldClass) markUnreadableManagerOptions(context);
  const oldClasses = new Set(
    includeOldClass
      ? context
          .oldUses()
          .filter((use) => use.name === 'SessionManager')
          .map((use) => use.path.node)
      : [],
  );
  const coreClasses = new Set([...coreImportLocals(j, context.root)].flatMap(([local, imported]) => (imported === 'SimpleSessionManager' ? [local] : [])));
  context.root.find(j.NewExpression).forEach((path) => {
    const callee = path.node.callee as ASTNode;
    const isManager = oldClasses.has(callee) || (callee.type === 'Identifier' && coreClasses.has((callee as Identifier).name));
    if (!isManager || context.isAcknowledged(path)) return;
    const options = (path.node.arguments as ASTNode[])[0];
    if (options === undefined || !isObjectExpression(options)) return;
    options.properties.forEach((property, index) => {
      if (!isObjectProperty(property) || propertyKeyName(property) !== 'cleanupIntervalMinutes') return;
      const seconds = minutesToSeconds(j, property.value, context.estree);
      options.properties[index] = makeProperty(j, 'cleanupIntervalSeconds', seconds, context.estree) as (typeof options.properties)[number];
    });
  });
}

function renameCleanupMethods(context: RuleContext): void {
  const { j } = context;
  context.root.find(j.CallExpression).forEach((path) => {
    const call = methodCall(path.node);
    const renamed = call ? RENAMED_METHODS.get(call.method) : undefined;
    if (!renamed || context.isAcknowledged(path)) return;
    (path.get('callee') as ASTPath).get('property').replace(j.identifier(renamed));
  });
}

/** `{ topic }` (or `{ topic: expression }`), on one line. */
function inlineObject(j: JSCodeshift, key: string, value: ASTNode): ASTNode {
  const text = j(value).toSource();
  return parseExpression(j, text === key ? `{ ${key} }` : `{ ${key}: ${text} }`);
}

/** Runs `visit` on each call of `method`; returns how many it could not migrate (marked unless checking). */
function eachCall(context: RuleContext, method: string, mode: Mode, visit: (path: ASTPath, fail: (reason: string) => void) => void): number {
  const { j } = context;
  let left = 0;
  context.root.find(j.CallExpression).forEach((path) => {
    if (methodCall(path.node)?.method !== method || context.isAcknowledged(path)) return;
    let failed = false;
    visit(path, (reason) => {
      failed = true;
      if (mode !== 'check') context.mark(path, reason);
    });
    if (failed) left++;
  });
  return left;
}

/** `m.sessionContext(id, topic, fn)` → `m.withSession(id, { topic }, fn)`, when `fn` only does what core's Session does. */
function sessionContext(context: RuleContext, mode: Mode): number {
  const { j } = context;
  return eachCall(context, 'sessionContext', mode, (path, reject) => {
    const [id, topic, callback, ...extra] = (path.node as { arguments: ASTNode[] }).arguments;
    if (!id || !topic || !callback || extra.length > 0)
      return reject('sessionContext with an unusual argument list: migrate to withSession(id, { topic }, fn) by hand');
    if (!isFunctionNode(callback)) {
      return reject('sessionContext callback defined elsewhere: it will receive a core Session from withSession(id, { topic }, fn); migrate by hand');
    }
    const callbackPath = (path.get('arguments') as ASTPath).get(2) as ASTPath;
    const param = (callback as { params: ASTNode[] }).params[0];
    let uses: ReturnType<typeof classifySessionUses> = [];
    let name = '';
    if (param !== undefined) {
      if (param.type !== 'Identifier') return reject('sessionContext callback destructures the session: migrate to withSession(id, { topic }, fn) by hand');
      name = (param as Identifier).name;
      const references = localReferences(j, callbackPath.get('params', 0) as ASTPath, name);
      uses = classifySessionUses(references ?? []);
      const escapes = references === null ? 'declared more than once' : describeEscapes(uses);
      if (escapes !== null) return reject(`the sessionContext callback uses ${name} in ways core's Session does not support (${escapes}): migrate by hand`);
      if (callsNeedingAwaitOutsideAsync(j, uses).length > 0)
        return reject(`the sessionContext callback calls ${name} methods that are async on core's Session: make it async, then migrate`);
    }
    if (mode !== 'apply') return;
    adaptSessionCalls(context, uses, name);
    const isUnset =
      (topic.type === 'Identifier' && (topic as Identifier).name === 'undefined') ||
      topic.type === 'NullLiteral' ||
      (topic.type === 'Literal' && (topic as { value: unknown }).value === null);
    (path.get('callee') as ASTPath).get('property').replace(j.identifier('withSession'));
    (path.get('arguments') as ASTPath).get(1).replace(isUnset ? j.objectExpression([]) : inlineObject(j, 'topic', topic));
  });
}

/** `s && !m._isExpired(s)` → `s`; any other `_isExpired` call stays, with a marker. */
function isExpiredChecks(context: RuleContext, mode: Mode): number {
  const { j } = context;
  const guarded = new Map<unknown, ASTPath>();
  context.root.find(j.LogicalExpression, { operator: '&&' }).forEach((path) => {
    const left = path.node.left as ASTNode;
    const right = path.node.right as { type: string; operator?: string; argument?: ASTNode };
    const call = right.type === 'UnaryExpression' && right.operator === '!' ? methodCall(right.argument) : null;
    const checked = (call?.call.arguments as ASTNode[] | undefined)?.[0];
    if (call?.method !== '_isExpired' || checked?.type !== 'Identifier' || left.type !== 'Identifier') return;
    if ((left as Identifier).name === (checked as Identifier).name) guarded.set(call.call, path);
  });
  return eachCall(context, '_isExpired', mode, (path, fail) => {
    const logical = guarded.get(path.node);
    if (!logical) return fail("_isExpired is gone: core's getSession already drops expired sessions (Session#isExpired(ttlHours) exists for other checks)");
    if (mode !== 'apply') return;
    logical.replace((logical.node as { left: ASTNode }).left);
    // `!(session && …)` would keep its parentheses around the lone identifier: reprint the parent.
    const parent = logical.parent as ASTPath | null;
    if (parent?.node.type === 'UnaryExpression') reprint(parent);
  });
}

/** `const [session, version] = await m.getSessionAtomic(id);` → two statements on core's API. */
function getSessionAtomic(context: RuleContext, mode: Mode): number {
  const { j } = context;
  return eachCall(context, 'getSessionAtomic', mode, (path, fail) => {
    const call = methodCall(path.node);
    const awaited = path.parent as ASTPath;
    const declarator = awaited.parent as ASTPath | null;
    const declaration = declarator?.parent as ASTPath | null;
    const pattern = (declarator?.node as { id?: ASTNode & { elements?: (ASTNode | null)[] } } | undefined)?.id;
    const elements = pattern?.type === 'ArrayPattern' ? (pattern.elements ?? []) : null;
    const [session, version] = elements ?? [];
    const fits =
      call !== null &&
      awaited.node.type === 'AwaitExpression' &&
      declarator?.node.type === 'VariableDeclarator' &&
      declaration?.node.type === 'VariableDeclaration' &&
      (declaration.node as { declarations: unknown[] }).declarations.length === 1 &&
      elements !== null &&
      elements.length <= 2 &&
      session?.type === 'Identifier' &&
      (version === undefined || version === null || version.type === 'Identifier') &&
      Array.isArray(declaration.parentPath?.value) &&
      canAwaitAt(path);
    if (!fits || !declaration || !session || !call) {
      return fail('getSessionAtomic is gone: use `const session = await manager.getSession(id)` and `(await session.getVersionInfo()).version` by hand');
    }
    if (version && insideLockSection(path)) {
      return fail(
        "getSessionAtomic runs inside a lock on a session: core's lock is not re-entrant, so `(await session.getVersionInfo()).version` there would wait for the lock forever; read the version before taking the lock, by hand",
      );
    }
    if (mode !== 'apply') return;
    const kind = (declaration.node as { kind: 'const' | 'let' | 'var' }).kind;
    const name = (session as Identifier).name;
    const getSession = j.awaitExpression(
      j.callExpression(
        j.memberExpression(call.receiver as Parameters<Builders['memberExpression']>[0], j.identifier('getSession')),
        (path.node as { arguments: Parameters<Builders['callExpression']>[1] }).arguments,
      ),
    );
    const statements: ASTNode[] = [j.variableDeclaration(kind, [j.variableDeclarator(j.identifier(name), getSession)])];
    if (version && version.type === 'Identifier') {
      const versionOf = j.memberExpression(
        j.awaitExpression(j.callExpression(j.memberExpression(j.identifier(name), j.identifier('getVersionInfo')), [])),
        j.identifier('version'),
      );
      const value = j.conditionalExpression(
        j.binaryExpression('===', j.identifier(name), j.nullLiteral()),
        j.unaryExpression('-', j.numericLiteral(1)),
        versionOf,
      );
      statements.push(j.variableDeclaration(kind, [j.variableDeclarator(j.identifier((version as Identifier).name), value)]));
    }
    const [first, ...rest] = statements;
    if (!first) return;
    replaceKeepingComments(declaration, first);
    for (const statement of rest.reverse()) declaration.insertAfter(statement);
  });
}

/** How many sites keep the file's manager old even after this transform (0: it can move to core). */
export function callsKeepingManagerOld(context: RuleContext): number {
  const heldByImporters = managerHeldByImporters(context) ? 1 : 0;
  return (
    sessionContext(context, 'check') +
    isExpiredChecks(context, 'check') +
    getSessionAtomic(context, 'check') +
    oldManagerCallsLeft(context, HANDLED_HERE) +
    heldByImporters
  );
}

const KEPT_FOR_OLD_CALLS = 'this file still calls methods only the old SessionManager has (see the other markers), so it keeps the old class for now';
const KEPT_FOR_IMPORTERS = 'other files of this run get this SessionManager from here (see the marker on the export), so it keeps the old class for now';

export const rule: Rule = {
  name: 'manager-usage',
  run(context) {
    const usesOldManager = context.oldUses().some((use) => use.name === 'SessionManager');
    const staysOld = callsKeepingManagerOld(context);
    if (usesOldManager && staysOld > 0) {
      // The file's manager stays old: leave its calls alone, say why at the sites that hold it back.
      const heldByImporters = managerHeldByImporters(context);
      if (heldByImporters) markExposures(context, exposedOldTypes(context));
      const reason = heldByImporters && oldManagerCallsLeft(context, HANDLED_HERE) === 0 ? KEPT_FOR_IMPORTERS : KEPT_FOR_OLD_CALLS;
      sessionContext(context, 'mark');
      isExpiredChecks(context, 'mark');
      getSessionAtomic(context, 'mark');
      managerOptions(context, false);
      for (const use of context.oldUses()) {
        const construction = use.path.parent as ASTPath;
        if (use.name !== 'SessionManager' || use.path.name !== 'callee' || construction.node.type !== 'NewExpression') continue;
        context.mark(construction, reason);
      }
      return;
    }
    managerOptions(context, true);
    if (usesOldManager) migrateNames(context, new Map([['SessionManager', 'SimpleSessionManager']]));
    renameCleanupMethods(context);
    sessionContext(context, 'apply');
    isExpiredChecks(context, 'apply');
    getSessionAtomic(context, 'apply');
  },
};

export default defineTransform([rule]);
