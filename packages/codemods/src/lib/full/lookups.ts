/**
 * `getSessionData(id)` → the session for that id. The old registry was
 * process-wide; core keeps a session's data on the session, which lives in
 * one pool. So the lookup becomes the session variable already in scope for
 * that id (the same object, no lookup at all), or `await pool.requireSession(id)`
 * on the pool where the data-registering sessions were created — a manager in
 * reach whose slot is that pool, or an export of another file that returns it.
 * Anything else would risk looking in another pool, and blocks.
 */
import ts from 'typescript';
import type { FilePlan } from './file-plan.js';
import { poolFor, relativeSpecifier, sessionFor } from './sessions.js';

/** Rewrites every `getSessionData(id)` of the file (or blocks it). */
export function migrateLookups(plan: FilePlan): void {
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    if (!ts.isCallExpression(node) || plan.isCovered(node)) return;
    const target = plan.model.callTarget(node);
    if (target?.owner !== null || target.member !== 'getSessionData') return;
    const id = node.arguments[0];
    if (!id) return;
    const session = sessionFor(plan, id, node);
    if (session) {
      plan.replace(node, () => session.text);
      return;
    }
    const imports = { add: (file: string, name: string) => plan.importFrom(relativeSpecifier(plan.sourceFile.fileName, file), name) };
    const pool = poolFor(plan, node, imports);
    if (!pool) {
      plan.block(
        node,
        'getSessionData: no single pool in reach that holds the sessions this data was registered for; call `await manager.requireSession(id)` on the manager the session was created on',
      );
      return;
    }
    plan.requireAsync(node);
    plan.replace(node, (text) => `await ${pool.text}.requireSession(${text(id)})`, 'unary');
  };
  visit(plan.sourceFile);
}
