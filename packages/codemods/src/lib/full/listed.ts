/**
 * `listActiveSessions()` returned the session records themselves; core's
 * returns a `SessionInfo` per id (a snapshot: `session_id`, `topic`,
 * `created_at`, `thread_names`, `client_binding`, …). A value that comes out
 * of that map — `Object.values(list).map((s) => …)`, `for (const s of
 * Object.values(list))`, `list[id]` — is such an info, so its reads move to
 * the info's fields (members.ts) and it is never taken for a live session.
 */
import ts from 'typescript';
import { skipOuter } from './expressions.js';
import type { FilePlan } from './file-plan.js';

/** `await manager.listActiveSessions()`, directly or through a variable holding it. */
function isListedMap(plan: FilePlan, expression: ts.Expression): boolean {
  let node = skipOuter(expression);
  if (ts.isIdentifier(node)) {
    const declaration = plan.checker.getSymbolAtLocation(node)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
    node = skipOuter(declaration.initializer);
  }
  if (ts.isAwaitExpression(node)) node = skipOuter(node.expression);
  return ts.isCallExpression(node) && plan.model.callTarget(node)?.member === 'listActiveSessions';
}

/** `Object.values(map)` / `Object.entries(map)` of a listed map: which of the two, or null. */
function objectOfListed(plan: FilePlan, expression: ts.Expression): 'values' | 'entries' | null {
  const node = skipOuter(expression);
  if (
    !ts.isCallExpression(node) ||
    !ts.isPropertyAccessExpression(node.expression) ||
    !ts.isIdentifier(node.expression.expression) ||
    node.expression.expression.text !== 'Object'
  )
    return null;
  const method = node.expression.name.text;
  const [argument] = node.arguments;
  if (!argument || !isListedMap(plan, argument)) return null;
  return method === 'values' || method === 'entries' ? method : null;
}

/** Whether a binding name, in its declaration, receives a listed value. */
function bindsListed(plan: FilePlan, name: ts.BindingName | ts.Identifier): boolean {
  let node: ts.Node = name;
  // `[id, info]` of an entry.
  const inEntry = ts.isBindingElement(node.parent) && ts.isArrayBindingPattern(node.parent.parent) && node.parent.parent.elements.indexOf(node.parent) === 1;
  if (inEntry) node = node.parent.parent;
  const holder = node.parent;
  const wanted = inEntry ? 'entries' : 'values';
  if (ts.isParameter(holder) && holder.name === node) {
    const fn = holder.parent;
    const call = fn.parent;
    if (ts.isCallExpression(call) && call.arguments[0] === fn && fn.parameters[0] === holder && ts.isPropertyAccessExpression(call.expression)) {
      return objectOfListed(plan, call.expression.expression) === wanted;
    }
    return false;
  }
  if (ts.isVariableDeclaration(holder) && holder.name === node) {
    const loop = holder.parent.parent;
    if (ts.isForOfStatement(loop)) return objectOfListed(plan, loop.expression) === wanted;
    const init = holder.initializer ? skipOuter(holder.initializer) : null;
    return !inEntry && init !== null && ts.isElementAccessExpression(init) && isListedMap(plan, init.expression);
  }
  return false;
}

/** Whether an expression is an entry of `listActiveSessions()` (a SessionInfo in core). */
export function isListedRecord(plan: FilePlan, expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  if (ts.isElementAccessExpression(node)) return isListedMap(plan, node.expression);
  if (!ts.isIdentifier(node)) return false;
  const declaration = plan.checker.getSymbolAtLocation(node)?.valueDeclaration;
  if (!declaration) return false;
  const name = (declaration as ts.NamedDeclaration).name;
  return name !== undefined && ts.isIdentifier(name) && bindsListed(plan, name);
}
