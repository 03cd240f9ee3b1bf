/**
 * Phase 2, step by step: operations on a session's data, security and locks → methods of
 * core's `Session`.
 *
 * - `const data = getSessionData(id)` → `await getSessionManager().requireSession(id)`
 *   (marked when the file, or what it imports, has its own manager), when
 *   every use of `data` is something core's Session does (else a marker).
 * - `data.addThread(t)` / `getThread` / `removeThread` / `getLastAnalysis` → awaited;
 *   `recordAnalysis(p, r, active, abstained)` → `await recordAnalysis(p, r)`.
 * - `if (!security.validateBinding(key)) throw …` → `await session.validateSecurity(toolName)`.
 * - `concurrency.synchronizedUpdate(fn, v)` → `session.atomicUpdate(fn, v)`.
 * - `const release = await lm.acquireLock(id); try { [version check] BODY } finally { release(); }`
 *   → `await session.atomicUpdate(async () => { BODY }[, v])`; `lm.withLock(id, fn)` → `session.atomicUpdate(fn)`.
 *   Only when BODY (or fn) cannot reach the session it locks: core's lock is
 *   not re-entrant, so a call on that session inside its own update would
 *   wait for the update forever (see lib/lock-sections.ts). Otherwise, and
 *   for a callback defined elsewhere, the section stays with a marker.
 *
 * The session for an id is the nearest earlier `await <pool>.getSession(id)`
 * (or `requireSession` / `createSession`) in scope; without one, a marker.
 */
import type { ASTNode, ASTPath, Identifier, JSCodeshift } from 'jscodeshift';
import { canAwaitAt, enclosingStatement, isFunctionNode, methodCall, removeStatement, replaceKeepingComments, scopeOf, soleDeclarator } from '../lib/ast.js';
import type { Rule, RuleContext } from '../lib/context.js';
import { defineTransform } from '../lib/define-transform.js';
import { classifySpecifier, isCoreSpecifier } from '../lib/legacy-modules.js';
import { insideLockSection, lockAcquisition, whatCallbackReaches, whatReachesTheSession, type SessionNames } from '../lib/lock-sections.js';
import { sessionsFromPoolAreCore } from '../lib/manager-api.js';
import { callsKeepingManagerOld } from './manager-usage.js';
import type { OldUse } from '../lib/old-bindings.js';
import {
  adaptSessionCalls,
  callsNeedingAwaitOutsideAsync,
  classifySessionUses,
  coreImportLocals,
  coreSessionVariables,
  describeEscapes,
  localReferences,
  sessionVariableFor,
} from '../lib/sessions.js';

export const KEY_RING_REASON =
  "the secret key is no longer passed per call: the manager's key ring signs and checks bindings (secretKey / secretKeys / SESSIONKIT_SECRET_KEYS); make sure it holds this key";

export const OWN_MANAGER_REASON =
  'getSessionData(id) became getSessionManager().requireSession(id) (the process-wide pool), but this file creates or imports its own manager: if the session lives in that pool, call requireSession on it instead';

type Builders = JSCodeshift;

/** Maps AST nodes that use an old export to that export's name. */
function oldNodeNames(uses: readonly OldUse[]): Map<ASTNode, OldUse> {
  return new Map(uses.map((use) => [use.path.node, use]));
}

/** The call whose callee is this path (`getSessionData(id)` for the `getSessionData` identifier). */
function calleeCall(path: ASTPath): ASTPath | null {
  const parent = path.parent as ASTPath | null;
  if (!parent || path.name !== 'callee') return null;
  return parent.node.type === 'CallExpression' || parent.node.type === 'NewExpression' ? parent : null;
}

/** The initializer of the single `const`/`let` declaration of an identifier in scope. */
function initializerOf(path: ASTPath, name: string): { init: ASTNode; declarator: ASTPath } | null {
  const declarator = soleDeclarator(path, name);
  const init = (declarator?.node as { init?: ASTNode | null } | undefined)?.init;
  return declarator && init ? { init, declarator } : null;
}

/** Which old helper object an initializer builds: `new SessionSecurity(id, …)`, `createSessionConcurrency(id)`, `getSessionLockManager()`, … */
function helperOf(init: ASTNode, oldNodes: Map<ASTNode, OldUse>): { kind: 'security' | 'concurrency' | 'lockManager'; args: ASTNode[] } | null {
  const node = init as { type: string; callee?: ASTNode; arguments?: ASTNode[] };
  if ((node.type !== 'NewExpression' && node.type !== 'CallExpression') || !node.callee) return null;
  const name = oldNodes.get(node.callee)?.name;
  const args = node.arguments ?? [];
  if (name === 'SessionSecurity' && node.type === 'NewExpression') return { kind: 'security', args };
  if ((name === 'SessionConcurrency' && node.type === 'NewExpression') || (name === 'createSessionConcurrency' && node.type === 'CallExpression')) {
    return { kind: 'concurrency', args };
  }
  if ((name === 'getSessionLockManager' && node.type === 'CallExpression') || (name === 'SessionLockManager' && node.type === 'NewExpression')) {
    return { kind: 'lockManager', args };
  }
  return null;
}

/** The helper a receiver expression stands for: a variable holding one, or the call itself (`getSessionLockManager().withLock`). */
function receiverHelper(receiver: ASTNode, at: ASTPath, oldNodes: Map<ASTNode, OldUse>): { kind: string; args: ASTNode[]; declarator: ASTPath | null } | null {
  if (receiver.type === 'Identifier') {
    const found = initializerOf(at, (receiver as Identifier).name);
    const helper = found ? helperOf(found.init, oldNodes) : null;
    return helper && found ? { ...helper, declarator: found.declarator } : null;
  }
  const helper = helperOf(receiver, oldNodes);
  return helper ? { ...helper, declarator: null } : null;
}

/**
 * Old values that are views of one session (through the adapter, of a core
 * session): its data, record, security and concurrency helpers, the lock
 * manager. Used inside `atomicUpdate` they run into the lock it holds.
 */
const OLD_SESSION_VIEWS = [
  'getSessionData',
  'registerSessionData',
  'SessionData',
  'ContextSwitcherSession',
  'SessionSecurity',
  'SessionConcurrency',
  'createSessionConcurrency',
  'SessionLockManager',
  'getSessionLockManager',
];

/** The file's local names for session types and for what makes or fetches sessions (the lock checks look for them). */
function sessionNamesOf(context: RuleContext): SessionNames {
  const aliases = (wanted: readonly string[]): string[] => [
    ...wanted,
    ...context.oldBindings().flatMap((binding) => (binding.imported !== null && wanted.includes(binding.imported) ? [binding.local] : [])),
  ];
  const coreSessionTypes = [...coreImportLocals(context.j, context.root)].flatMap(([local, imported]) => (imported === 'Session' ? [local] : []));
  return {
    types: new Set([...aliases(['SessionData', 'ContextSwitcherSession']), 'Session', ...coreSessionTypes]),
    makers: new Set(aliases(OLD_SESSION_VIEWS)),
  };
}

/** Why a locked section stays as it is: moved into `atomicUpdate`, its calls on the session would wait for the update. */
function reentrantReason(section: string, reaches: string): string {
  return `${section} may reach the session it locks (${reaches}): core's lock is not re-entrant, so inside \`session.atomicUpdate(async () => …)\` its calls on that session would wait for the update forever; work on the \`state\` that atomicUpdate passes (or move those calls out of the locked section), then migrate by hand`;
}

/** Why no session variable was found for an id: none in scope, or only one from the old manager this file keeps. */
function noSessionFor(j: JSCodeshift, path: ASTPath, id: ASTNode | undefined, poolCore: boolean): string {
  if (!poolCore && id && sessionVariableFor(j, path, id, true) !== null) {
    return 'the session for this id comes from the old SessionManager, which this file keeps for now (see its marker)';
  }
  return 'no session variable for this id in scope (`const session = await manager.getSession(id)`)';
}

function toolNameIn(path: ASTPath): string | null {
  const scope = scopeOf(path);
  return ['toolName', 'tool_name', 'tool'].find((name) => scope?.lookup(name)) ?? null;
}

function createsOwnManager(context: RuleContext): boolean {
  const { j, root } = context;
  const constructs = root.find(j.NewExpression).some((path) => {
    const callee = path.node.callee as { type: string; name?: string; property?: { name?: string } };
    const name = callee.type === 'Identifier' ? callee.name : callee.property?.name;
    return name === 'SessionManager' || name === 'SimpleSessionManager';
  });
  // A manager (or its accessor) from one of the app's own modules; core's and the old system's modules export classes and the process-wide pool.
  const importsOne = root.find(j.ImportSpecifier).some((path) => {
    const source = (path.parent?.node as { source?: { value?: unknown } }).source?.value;
    const name = String(path.node.local?.name ?? '');
    if (typeof source !== 'string' || !source.startsWith('.') || isCoreSpecifier(source) || classifySpecifier(source) !== null) return false;
    return /manager/i.test(name);
  });
  return constructs || importsOne;
}

function getSessionData(context: RuleContext, uses: readonly OldUse[]): void {
  const { j } = context;
  const ownManager = createsOwnManager(context);
  for (const use of uses) {
    if (use.name !== 'getSessionData') continue;
    const call = calleeCall(use.path);
    if (!call || context.isAcknowledged(call)) continue;
    const declarator = call.parent as ASTPath;
    const declaratorNode = declarator.node as { type: string; id?: ASTNode; init?: ASTNode };
    if (declaratorNode.type !== 'VariableDeclarator' || declaratorNode.id?.type !== 'Identifier' || declaratorNode.init !== call.node) {
      context.mark(call, 'getSessionData(id) is not assigned to a variable: use `await getSessionManager().requireSession(id)` and await the calls on it');
      continue;
    }
    const name = (declaratorNode.id as Identifier).name;
    if (!canAwaitAt(call)) {
      context.mark(call, `${name} = getSessionData(id) would become \`await getSessionManager().requireSession(id)\`, but this function is not async`);
      continue;
    }
    const references = localReferences(j, declarator, name);
    if (references === null) {
      context.mark(call, `${name} is declared more than once in this function: migrate getSessionData by hand`);
      continue;
    }
    const sessionUses = classifySessionUses(references);
    const escapes = describeEscapes(sessionUses);
    if (escapes !== null) {
      context.mark(call, `${name} (a SessionData) is used in ways core's Session does not support (${escapes}): migrate by hand`);
      continue;
    }
    if (callsNeedingAwaitOutsideAsync(j, sessionUses).length > 0) {
      context.mark(call, `${name}'s calls become async on core's Session but some sit in non-async functions: migrate by hand`);
      continue;
    }
    const getManager = context.imports.use('getSessionManager', { typeOnly: false, near: use.binding });
    const args = (call.node as { arguments: ASTNode[] }).arguments as Parameters<Builders['callExpression']>[1];
    const required = j.awaitExpression(
      j.callExpression(j.memberExpression(j.callExpression(j.identifier(getManager), []), j.identifier('requireSession')), args),
    );
    call.replace(required);
    adaptSessionCalls(context, sessionUses, name);
    if (ownManager) context.mark(declarator, OWN_MANAGER_REASON);
  }
}

/** `if (!x.validateBinding(key)) { [x.recordSecurityEvent(…);] throw … }` → `await session.validateSecurity(toolName);` */
function validateBinding(context: RuleContext, oldNodes: Map<ASTNode, OldUse>, helperDeclarators: Set<ASTNode>, poolCore: boolean): void {
  const { j } = context;
  context.root.find(j.IfStatement).forEach((path) => {
    const test = path.node.test as { type: string; operator?: string; argument?: ASTNode };
    if (test.type !== 'UnaryExpression' || test.operator !== '!' || path.node.alternate) return;
    const call = methodCall(test.argument);
    if (!call || (call.method !== 'validateBinding' && call.method !== 'isBindingValid')) return;
    if (context.isAcknowledged(path)) return;
    const consequent = path.node.consequent as { type: string; body?: ASTNode[] };
    const body = consequent.type === 'BlockStatement' ? (consequent.body ?? []) : [consequent as ASTNode];
    const last = body[body.length - 1];
    const onlyRecordsAndThrows =
      last?.type === 'ThrowStatement' &&
      body
        .slice(0, -1)
        .every(
          (statement) =>
            statement.type === 'ExpressionStatement' && methodCall((statement as { expression: ASTNode }).expression)?.method === 'recordSecurityEvent',
        );
    if (!onlyRecordsAndThrows) {
      context.mark(path, "a failed binding check does more than throw: core's validateSecurity() throws SessionSecurityError itself; migrate by hand");
      return;
    }
    let session: string | null = null;
    let helperId: ASTNode | undefined;
    if (call.method === 'validateBinding') {
      const helper = receiverHelper(call.receiver, path, oldNodes);
      if (helper?.kind !== 'security' || !helper.args[0]) return;
      helperId = helper.args[0];
      session = sessionVariableFor(j, path, helper.args[0], poolCore);
      if (helper.declarator) helperDeclarators.add(helper.declarator.node);
    } else if (call.receiver.type === 'Identifier') {
      const name = (call.receiver as Identifier).name;
      if (coreSessionVariables(j, context.root, poolCore).some((variable) => variable.name === name)) session = name;
      else return;
    }
    if (session === null) {
      context.mark(path, `${noSessionFor(j, path, helperId, poolCore)}: replace the binding check with \`await session.validateSecurity(toolName)\` by hand`);
      return;
    }
    if (!canAwaitAt(path)) {
      context.mark(path, `\`await ${session}.validateSecurity()\` needs an async function: migrate by hand`);
      return;
    }
    if (insideLockSection(path)) {
      context.mark(
        path,
        `this binding check runs inside a lock on a session: core's lock is not re-entrant, so \`await ${session}.validateSecurity()\` there would wait for the lock forever; check the binding before taking the lock, by hand`,
      );
      return;
    }
    const toolName = toolNameIn(path);
    const replacement = j.expressionStatement(
      j.awaitExpression(
        j.callExpression(j.memberExpression(j.identifier(session), j.identifier('validateSecurity')), toolName ? [j.identifier(toolName)] : []),
      ),
    );
    replaceKeepingComments(path, replacement);
    context.mark(path, KEY_RING_REASON);
  });
}

/** `concurrency.synchronizedUpdate(fn, v)` and `lm.withLock(id, fn)` → `session.atomicUpdate(fn[, v])`. */
function updateCalls(context: RuleContext, oldNodes: Map<ASTNode, OldUse>, helperDeclarators: Set<ASTNode>, poolCore: boolean, names: SessionNames): void {
  const { j } = context;
  context.root.find(j.CallExpression).forEach((path) => {
    const call = methodCall(path.node);
    if (!call || (call.method !== 'synchronizedUpdate' && call.method !== 'withLock')) return;
    if (context.isAcknowledged(path)) return;
    const helper = receiverHelper(call.receiver, path, oldNodes);
    const args = path.node.arguments as ASTNode[];
    let id: ASTNode | undefined;
    let updateArgs: ASTNode[];
    if (call.method === 'synchronizedUpdate' && helper?.kind === 'concurrency') {
      id = helper.args[0];
      updateArgs = args;
    } else if (call.method === 'withLock' && helper?.kind === 'lockManager' && args.length === 2) {
      id = args[0];
      updateArgs = args.slice(1);
    } else {
      return;
    }
    const session = id ? sessionVariableFor(j, path, id, poolCore) : null;
    const callback = (path.get('arguments') as ASTPath).get(call.method === 'withLock' ? 1 : 0) as ASTPath;
    const reaches = callback.node ? whatCallbackReaches(j, callback, { session, id }, names) : null;
    if (reaches !== null) {
      context.mark(path, reentrantReason(`${call.method}'s callback`, reaches));
      return;
    }
    if (session === null) {
      context.mark(path, `${noSessionFor(j, path, id, poolCore)}: replace ${call.method} with \`session.atomicUpdate(fn)\` by hand`);
      return;
    }
    if (helper.declarator) helperDeclarators.add(helper.declarator.node);
    path.replace(
      j.callExpression(j.memberExpression(j.identifier(session), j.identifier('atomicUpdate')), updateArgs as Parameters<Builders['callExpression']>[1]),
    );
  });
}

/** A statement that leaves the lock block early (return, or break/continue out of it): the block cannot become a callback. */
function exitsEarly(j: JSCodeshift, block: ASTNode): boolean {
  let exits = false;
  j(block)
    .find(j.Node)
    .forEach((nodePath) => {
      const path = nodePath as unknown as ASTPath;
      const type = path.node.type;
      if (type !== 'ReturnStatement' && type !== 'BreakStatement' && type !== 'ContinueStatement' && type !== 'YieldExpression') return;
      let current = path.parent as ASTPath | null;
      while (current && current.node !== block) {
        const node = current.node;
        if (isFunctionNode(node)) return;
        if ((type === 'BreakStatement' || type === 'ContinueStatement') && !(path.node as { label?: unknown }).label) {
          if (/^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(node.type)) return;
          if (type === 'BreakStatement' && node.type === 'SwitchStatement') return;
        }
        if ((type === 'BreakStatement' || type === 'ContinueStatement') && node.type === 'LabeledStatement') return;
        current = current.parent as ASTPath | null;
      }
      exits = true;
    });
  return exits;
}

/** `if (c.checkVersionConflict(v)) throw …;` as the first statement of a lock block: its `v`. */
function versionCheck(statement: ASTNode | undefined): ASTNode | null {
  if (statement?.type !== 'IfStatement') return null;
  const node = statement as { test: ASTNode; consequent: ASTNode & { body?: ASTNode[] }; alternate?: ASTNode | null };
  const call = methodCall(node.test);
  if (!call || call.method !== 'checkVersionConflict' || node.alternate) return null;
  const throws =
    node.consequent.type === 'ThrowStatement' ||
    (node.consequent.type === 'BlockStatement' && node.consequent.body?.length === 1 && node.consequent.body[0]?.type === 'ThrowStatement');
  const version = (call.call.arguments as ASTNode[])[0];
  return throws && version ? version : null;
}

/** `const release = await lm.acquireLock(id); try { … } finally { release(); }` → `await session.atomicUpdate(async () => { … })`. */
function lockBlocks(context: RuleContext, oldNodes: Map<ASTNode, OldUse>, helperDeclarators: Set<ASTNode>, poolCore: boolean, names: SessionNames): void {
  const { j } = context;
  context.root.find(j.VariableDeclaration).forEach((path) => {
    const acquisition = lockAcquisition(path.node);
    if (!acquisition || context.isAcknowledged(path)) return;
    const helper = receiverHelper(acquisition.receiver, path, oldNodes);
    if (helper?.kind !== 'lockManager') return;
    const { release, id } = acquisition;
    const list = path.parentPath?.value as ASTNode[] | undefined;
    const index = typeof path.name === 'number' ? path.name : -1;
    const next = Array.isArray(list)
      ? (list[index + 1] as { type: string; block?: ASTNode & { body: ASTNode[] }; handler?: unknown; finalizer?: { body: ASTNode[] } | null } | undefined)
      : undefined;
    const finalizerReleases =
      next?.type === 'TryStatement' &&
      !next.handler &&
      next.finalizer?.body.length === 1 &&
      (() => {
        const only = next.finalizer.body[0] as { type: string; expression?: { type: string; callee?: ASTNode; arguments?: unknown[] } };
        return (
          only.type === 'ExpressionStatement' &&
          only.expression?.type === 'CallExpression' &&
          (only.expression.callee as Identifier | undefined)?.name === release &&
          only.expression.arguments?.length === 0
        );
      })();
    if (!finalizerReleases || !next.block) {
      context.mark(
        path,
        'a lock is taken without the `try { … } finally { release(); }` shape: wrap the critical section in `await session.atomicUpdate(async () => { … })` by hand',
      );
      return;
    }
    const references = localReferences(j, path.get('declarations', 0) as ASTPath, release);
    if (references === null || references.length !== 1) {
      context.mark(path, `the release function ${release} is used beyond the finally block: migrate the lock by hand`);
      return;
    }
    const block = next.block;
    const version = versionCheck(block.body[0]);
    if (exitsEarly(j, block)) {
      context.mark(path, 'the lock block returns (or breaks out) early: it cannot become an atomicUpdate callback as is; migrate by hand');
      return;
    }
    const session = id ? sessionVariableFor(j, path, id, poolCore) : null;
    // What would run inside the callback: the block without its version check.
    const statements = (path.parentPath as ASTPath).get(index + 1, 'block', 'body') as ASTPath;
    const body = block.body.flatMap((_, at) => (version && at === 0 ? [] : [statements.get(at) as ASTPath]));
    const reaches = whatReachesTheSession(j, body, { session, id }, names);
    if (reaches !== null) {
      context.mark(path, reentrantReason('the lock block', reaches));
      return;
    }
    if (session === null) {
      context.mark(path, `${noSessionFor(j, path, id, poolCore)}: replace the lock block with \`await session.atomicUpdate(async () => { … })\` by hand`);
      return;
    }
    if (!canAwaitAt(path)) return;
    if (version) {
      const check = methodCall((block.body[0] as { test: ASTNode }).test);
      const concurrency = check ? receiverHelper(check.receiver, path, oldNodes) : null;
      if (concurrency?.declarator) helperDeclarators.add(concurrency.declarator.node);
      block.body = block.body.slice(1);
    }
    const callback = j.arrowFunctionExpression([], block as Parameters<Builders['arrowFunctionExpression']>[1]);
    callback.async = true;
    const updateArgs = (version ? [callback, version] : [callback]) as Parameters<Builders['callExpression']>[1];
    const statement = j.expressionStatement(
      j.awaitExpression(j.callExpression(j.memberExpression(j.identifier(session), j.identifier('atomicUpdate')), updateArgs)),
    );
    if (helper.declarator) helperDeclarators.add(helper.declarator.node);
    (path.parentPath as ASTPath).get(index + 1).prune();
    replaceKeepingComments(path, statement);
  });
}

/** `await session.recordAccess(tool);` has no core counterpart: every Session operation records an access itself. */
function dropRecordAccess(context: RuleContext, references: readonly ASTPath[], name: string): void {
  for (const reference of references) {
    const call = reference.parent?.parent as ASTPath | undefined;
    if (methodCall(call?.node)?.method !== 'recordAccess' || reference.parent?.name !== 'callee' || !call) continue;
    const awaited = call.parent as ASTPath;
    const expression = awaited.node.type === 'AwaitExpression' ? awaited : call;
    const statement = expression.parent as ASTPath;
    if (statement.node.type !== 'ExpressionStatement' || context.isAcknowledged(statement)) continue;
    const list = statement.parentPath?.value as ASTNode[] | undefined;
    const index = typeof statement.name === 'number' ? statement.name : -1;
    const neighbour = Array.isArray(list) ? ((statement.parentPath as ASTPath).get(index + 1 < list.length ? index + 1 : index - 1) as ASTPath) : null;
    removeStatement(context.j, statement);
    const reason = `removed ${name}.recordAccess(…): core's Session records an access on every operation`;
    const target = neighbour?.node ? neighbour : enclosingStatement(statement.parent as ASTPath);
    if (target) context.mark(target, reason);
  }
}

/** Removes `const security = new SessionSecurity(…)` and friends once the rewrites above left them unused. */
function dropUnusedHelpers(context: RuleContext, helperDeclarators: ReadonlySet<ASTNode>): void {
  const { j } = context;
  context.root.find(j.VariableDeclarator).forEach((path) => {
    if (!helperDeclarators.has(path.node) || path.node.id.type !== 'Identifier') return;
    // An exported helper is still used by other modules.
    if (path.parent?.parent?.node.type === 'ExportNamedDeclaration') return;
    const references = localReferences(j, path, path.node.id.name);
    if (references === null || references.length > 0) return;
    const declaration = path.parent as ASTPath;
    if ((declaration.node as { declarations: unknown[] }).declarations.length === 1) removeStatement(j, declaration);
    else path.prune();
  });
}

export const rule: Rule = {
  name: 'session-operations',
  run(context) {
    const uses = context.oldUses();
    const oldNodes = oldNodeNames(uses);
    const helperDeclarators = new Set<ASTNode>();
    getSessionData(context, uses);
    // Sessions from `getSession` are core's only if the file's manager is (or will be) core's.
    const poolCore = sessionsFromPoolAreCore(context, callsKeepingManagerOld);
    validateBinding(context, oldNodes, helperDeclarators, poolCore);
    const names = sessionNamesOf(context);
    updateCalls(context, oldNodes, helperDeclarators, poolCore, names);
    lockBlocks(context, oldNodes, helperDeclarators, poolCore, names);
    dropUnusedHelpers(context, helperDeclarators);
    // Sessions that already are core's: their calls become awaited, recordAccess goes.
    for (const variable of coreSessionVariables(context.j, context.root, poolCore)) {
      const references = localReferences(context.j, variable.declaration, variable.name);
      if (!references) continue;
      adaptSessionCalls(context, classifySessionUses(references), variable.name);
      dropRecordAccess(context, references, variable.name);
    }
  },
};

export default defineTransform([rule]);
