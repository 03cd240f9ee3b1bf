/**
 * Locked sections → `session.atomicUpdate`:
 *
 *   const release = await getSessionLockManager().acquireLock(id);
 *   try { BODY } finally { release(); }
 *   getSessionLockManager().withLock(id, () => BODY)
 *   createSessionConcurrency(id).synchronizedUpdate(() => BODY[, version])
 * →
 *   await session.atomicUpdate((state) => { BODY })      (`return await …` when BODY returns)
 *
 * The lock was the session id's; core's session has its own lock, taken by
 * atomicUpdate. Inside, BODY's calls on that same session become edits of
 * `state` (state-ops.ts): a call on the session itself would wait for the
 * update forever. A section that calls a function of the project which may
 * use sessions, or that uses its session in a way `state` cannot express,
 * blocks the migration instead of risking a hang. What the lock helpers did
 * besides locking (`removeLock`, `clearAll`, the concurrency object's own
 * `recordAccess` and `cleanup`) has nothing left to do on core and goes.
 */
import ts from 'typescript';
import { identifierTexts, sameValue, skipOuter } from './expressions.js';
import type { FilePlan } from './file-plan.js';
import { EXPECTED_VERSION_NOTE } from './notes.js';
import { sessionFor } from './sessions.js';
import { toStateOp } from './state-ops.js';

const SESSION_KINDS = new Set(['record', 'data']);

/** The id a lock helper was made for: `createSessionConcurrency(id)`, `new SessionConcurrency(id)`; null for the lock manager (per call). */
function helperId(plan: FilePlan, receiver: ts.Expression): ts.Expression | null {
  let node = skipOuter(receiver);
  if (ts.isIdentifier(node)) {
    const declaration = plan.checker.getSymbolAtLocation(node)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) node = skipOuter(declaration.initializer);
  }
  if (
    (ts.isCallExpression(node) || ts.isNewExpression(node)) &&
    ['createSessionConcurrency', 'constructor'].includes(plan.model.callTarget(node)?.member ?? '')
  ) {
    return node.arguments?.[0] ?? null;
  }
  return null;
}

/** Variables that hold the same session as `session` (the session itself, its data looked up by the same id, aliases). */
export function aliasesOf(plan: FilePlan, session: ts.Identifier, id: ts.Expression | null, section: ts.Node): Set<ts.Symbol> {
  const symbols = new Set<ts.Symbol>();
  const own = plan.checker.getSymbolAtLocation(session);
  if (own) symbols.add(own);
  const fn = ts.findAncestor(section, ts.isFunctionLike) ?? plan.sourceFile;
  // `const data = session` (either way round), or a lookup by the same id.
  for (let grown = true; grown;) {
    grown = false;
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && SESSION_KINDS.has(plan.model.kindOf(node.name)?.kind ?? '')) {
        const init = skipOuter(node.initializer);
        const symbol = plan.checker.getSymbolAtLocation(node.name);
        const initSymbol = ts.isIdentifier(init) ? plan.checker.getSymbolAtLocation(init) : undefined;
        const sameId = id !== null && ts.isCallExpression(init) && init.arguments[0] !== undefined && sameValue(plan.checker, init.arguments[0], id);
        if (symbol && initSymbol && symbols.has(initSymbol) !== symbols.has(symbol)) {
          symbols.add(symbol);
          symbols.add(initSymbol);
          grown = true;
        } else if (symbol && sameId && !symbols.has(symbol)) {
          symbols.add(symbol);
          grown = true;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(fn);
  }
  return symbols;
}

/** What in BODY could reach the session through the lock (project functions that use sessions). */
export function reachesSessions(plan: FilePlan, body: ts.Node, seen = new Set<ts.Node>()): string | null {
  let found: string | null = null;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const declaration = plan.checker.getResolvedSignature(node)?.getDeclaration();
      if (declaration && plan.model.isRunFile(declaration) && !seen.has(declaration)) {
        seen.add(declaration);
        if (usesSessions(plan, declaration, seen)) found = node.expression.getText();
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

const SESSION_OWNERS = new Set(['SessionManager', 'ContextSwitcherSession', 'SessionData', 'SessionSecurity', 'SessionConcurrency', 'SessionLockManager']);
const SESSION_FUNCTIONS = new Set(['getSessionData', 'registerSessionData', 'createSessionConcurrency', 'getSessionLockManager']);

function usesSessions(plan: FilePlan, fn: ts.Node, seen: Set<ts.Node>): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isPropertyAccessExpression(node) &&
      ['manager', 'record', 'data', 'security', 'concurrency', 'lockManager'].includes(plan.model.kindOf(node.expression)?.kind ?? '')
    )
      found = true;
    else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const target = plan.model.callTarget(node);
      if (target && (target.owner === null ? SESSION_FUNCTIONS.has(target.member) : SESSION_OWNERS.has(target.owner))) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return found || reachesSessions(plan, fn, seen) !== null;
}

interface Section {
  /** The node the rewrite replaces. */
  node: ts.Node;
  id: ts.Expression;
  /** The code that ran under the lock. */
  body: ts.Block | ts.Expression;
  /** The callback (`withLock`, `synchronizedUpdate`), or null for an acquire/release block. */
  callback: ts.ArrowFunction | ts.FunctionExpression | null;
  version: ts.Expression | null;
}

/** Rewrites BODY's uses of the session to state edits; a reason when one has no state form. */
export function mapBody(plan: FilePlan, body: readonly ts.Node[], aliases: Set<ts.Symbol>, state: string): { used: boolean; problem: string | null } {
  // All or nothing: a use with no state form undoes the ones already rewritten.
  const checkpoint = plan.checkpoint();
  let used = false;
  let problem: string | null = null;
  const visit = (node: ts.Node): void => {
    if (problem) return;
    if (ts.isIdentifier(node) && aliases.has(plan.checker.getSymbolAtLocation(node) as ts.Symbol)) {
      const parent = node.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === node && toStateOp(plan, parent, state)) {
        used = true;
        // The rewritten call's arguments may still hold other rewrites: keep walking them.
        const call = ts.isCallExpression(parent.parent) && parent.parent.expression === parent ? parent.parent : null;
        for (const argument of call?.arguments ?? []) visit(argument);
        return;
      }
      problem = `\`${parent.getText()}\` uses the locked session in a way the update's state cannot express`;
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const node of body) visit(node);
  if (problem) plan.rollback(checkpoint);
  return { used, problem };
}

/** `return`, `break`, `continue` at the section's own level (not in nested functions or loops). */
function controlFlow(body: ts.Node): { returns: boolean; jumps: boolean } {
  let returns = false;
  let jumps = false;
  const visit = (node: ts.Node, inLoop: boolean): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node)) returns = true;
    if ((ts.isBreakStatement(node) || ts.isContinueStatement(node)) && (!inLoop || node.label)) jumps = true;
    const loop = inLoop || ts.isIterationStatement(node, false) || ts.isSwitchStatement(node);
    ts.forEachChild(node, (child) => visit(child, loop));
  };
  ts.forEachChild(body, (child) => visit(child, false));
  return { returns, jumps };
}

function hasAwait(body: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) found = true;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

function migrateSection(plan: FilePlan, section: Section): void {
  const session = sessionFor(plan, section.id, section.node);
  if (!session) {
    return plan.block(
      section.node,
      "no session for this lock's id in scope (`const session = await manager.getSession(id)` guarded by `if (!session) return`): put the section in `await session.atomicUpdate((state) => …)` by hand",
    );
  }
  const reaching = reachesSessions(plan, section.body);
  if (reaching) {
    return plan.block(
      section.node,
      `this locked section calls ${reaching}, which uses sessions: inside \`session.atomicUpdate\` a call on the same session would wait forever; move that call out of the section, then run again`,
    );
  }
  const taken = identifierTexts(section.body);
  const state = taken.has('state') ? 'sessionState' : 'state';
  const aliases = aliasesOf(plan, session, section.id, section.node);
  const { used, problem } = mapBody(plan, [section.body], aliases, state);
  if (problem) return plan.block(section.node, `${problem}: rewrite the section on \`state\` by hand`);
  plan.updateRanges.push([section.node.getStart(), section.node.end]);
  const version = section.version;
  if (version) plan.mark(section.node, EXPECTED_VERSION_NOTE);

  if (section.callback) {
    const callback = section.callback;
    const parameter = used ? state : '';
    plan.replace(section.node, (text) => {
      const head = text(callback);
      const withState = callback.parameters.length === 0 && parameter !== '' ? insertParameter(head, callback, parameter) : head;
      return `${session.text}.atomicUpdate(${withState}${version ? `, ${text(version)}` : ''})`;
    });
    return;
  }
  // acquire / try / finally
  const { returns, jumps } = controlFlow(section.body);
  if (jumps)
    return plan.block(section.node, 'the locked section breaks out of a loop around it: rewrite it with `await session.atomicUpdate((state) => …)` by hand');
  const body = section.body as ts.Block;
  const last = body.statements[body.statements.length - 1];
  if (returns && !(last && (ts.isReturnStatement(last) || ts.isThrowStatement(last)))) {
    return plan.block(section.node, 'the locked section returns on some paths only: rewrite it with `await session.atomicUpdate((state) => …)` by hand');
  }
  const asyncPrefix = hasAwait(body) ? 'async ' : '';
  plan.replace(section.node, (text) => {
    const inner = text(body).slice(1, -1);
    return `${returns ? 'return ' : ''}await ${session.text}.atomicUpdate(${asyncPrefix}(${used ? state : ''}) => {${inner}});`;
  });
  plan.requireAsync(section.node);
}

/** `async () => …` → `async (state) => …`, in the callback's rendered text. */
function insertParameter(rendered: string, callback: ts.ArrowFunction | ts.FunctionExpression, parameter: string): string {
  const offset = callback.parameters.pos - callback.getStart();
  if (rendered.slice(offset - 1, offset) === '(') return `${rendered.slice(0, offset)}${parameter}${rendered.slice(offset)}`;
  return rendered;
}

function inlineCallback(node: ts.Expression | undefined): ts.ArrowFunction | ts.FunctionExpression | null {
  const bare = node ? skipOuter(node) : undefined;
  return bare && (ts.isArrowFunction(bare) || ts.isFunctionExpression(bare)) && bare.parameters.length === 0 ? bare : null;
}

function acquireSection(plan: FilePlan, declaration: ts.VariableStatement, call: ts.CallExpression): Section | string {
  const holder = declaration.parent;
  const declared = declaration.declarationList.declarations[0];
  if (!declared || !ts.isIdentifier(declared.name) || (!ts.isBlock(holder) && !ts.isSourceFile(holder)))
    return 'the lock is not held in `const release = await …acquireLock(id)`';
  const release = plan.checker.getSymbolAtLocation(declared.name);
  const next = holder.statements[holder.statements.indexOf(declaration) + 1];
  const finallyOnlyReleases =
    next &&
    ts.isTryStatement(next) &&
    !next.catchClause &&
    next.finallyBlock?.statements.length === 1 &&
    ((statement) =>
      ts.isExpressionStatement(statement) &&
      ts.isCallExpression(statement.expression) &&
      ts.isIdentifier(statement.expression.expression) &&
      plan.checker.getSymbolAtLocation(statement.expression.expression) === release)(next.finallyBlock.statements[0] as ts.Statement);
  if (!next || !ts.isTryStatement(next) || !finallyOnlyReleases) return 'the lock is not released in the `finally` of the `try` right after it';
  const id = call.arguments[0];
  if (!id) return 'acquireLock without an id';
  const releaseUses = [...identifierUses(plan, next.tryBlock, release)];
  if (releaseUses.length > 0) return 'the section calls its release function itself';
  return { node: declaration, id, body: next.tryBlock, callback: null, version: null, ...{ end: next } } as Section & { end: ts.Statement };
}

function* identifierUses(plan: FilePlan, root: ts.Node, symbol: ts.Symbol | undefined): Generator<ts.Identifier> {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (ts.isIdentifier(node) && symbol && plan.checker.getSymbolAtLocation(node) === symbol) yield node;
    ts.forEachChild(node, (child) => void stack.push(child));
  }
}

/** Rewrites every locked section of the file (or blocks it, with the reason). */
export function migrateLocks(plan: FilePlan): void {
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || plan.isCovered(node)) return;
    const target = plan.model.callTarget(node);
    if (!target || (target.owner !== 'SessionLockManager' && target.owner !== 'SessionConcurrency')) return;
    const receiver = node.expression.expression;
    const statement = ts.isAwaitExpression(node.parent) ? node.parent.parent : node.parent;
    switch (`${target.owner}.${target.member}`) {
      case 'SessionLockManager.withLock': {
        const callback = inlineCallback(node.arguments[1]);
        const id = node.arguments[0];
        if (!callback || !id)
          return plan.block(node, 'withLock with a callback defined elsewhere: move its body into `await session.atomicUpdate((state) => …)` by hand');
        const body = ts.isBlock(callback.body) ? callback.body : callback.body;
        return migrateSection(plan, { node, id, body, callback, version: null });
      }
      case 'SessionConcurrency.synchronizedUpdate': {
        const callback = inlineCallback(node.arguments[0]);
        const id = helperId(plan, receiver);
        if (!callback || !id)
          return plan.block(
            node,
            'synchronizedUpdate with a callback defined elsewhere (or on a concurrency object of unknown session): use `await session.atomicUpdate((state) => …)` by hand',
          );
        return migrateSection(plan, { node, id, body: callback.body, callback, version: node.arguments[1] ?? null });
      }
      case 'SessionLockManager.acquireLock': {
        const declaration = ts.findAncestor(node, ts.isVariableStatement);
        const found = declaration ? acquireSection(plan, declaration, node) : 'the lock is not held in `const release = await …acquireLock(id)`';
        if (typeof found === 'string') return plan.block(node, `${found}: use \`await session.atomicUpdate((state) => …)\``);
        const tryStatement = (found as Section & { end: ts.Statement }).end;
        return migrateSection(plan, { ...found, node: spanning(found.node as ts.Statement, tryStatement) });
      }
      case 'SessionLockManager.removeLock':
      case 'SessionLockManager.clearAll':
      case 'SessionConcurrency.recordAccess':
      case 'SessionConcurrency.cleanup':
        if (statement && ts.isExpressionStatement(statement)) return plan.removeStatement(statement);
        return plan.block(node, `${target.member} has nothing to do on core (sessions lock themselves): remove the call`);
      default:
        return plan.block(
          node,
          `${target.owner}#${target.member} has no core equivalent: core sessions lock themselves (use \`session.atomicUpdate\`, \`session.version\`)`,
        );
    }
  };
  visit(plan.sourceFile);
}

/** A synthetic node covering two adjacent statements (the acquire and its try), for one replacement. */
function spanning(first: ts.Statement, last: ts.Statement): ts.Node {
  return { getStart: () => first.getStart(), end: last.end, parent: first.parent, pos: first.pos, kind: first.kind } as unknown as ts.Node;
}
