/**
 * The old error classes took `(message, context)`, a free-form record for
 * logging; core's take `(message, { cause, expected, actual, … })`. The
 * context is dropped — it never reached the message — unless somewhere in
 * the project an old error's `.context` is read, which then blocks (see
 * members.ts). The classes themselves are renamed with the other old names.
 */
import ts from 'typescript';
import type { FilePlan } from './file-plan.js';

const ERROR_CLASSES = new Set(['SessionError', 'SessionCleanupError', 'SecurityError', 'ConcurrencyError']);

/** Drops the old context argument of old error constructions. */
export function migrateErrors(plan: FilePlan): void {
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    if (!ts.isNewExpression(node) || !node.arguments || node.arguments.length < 2) return;
    if (!ERROR_CLASSES.has(plan.model.oldName(node.expression) ?? '')) return;
    if (plan.model.readsErrorContext) return;
    const [message, context] = node.arguments;
    if (!message || !context) return;
    // `new SecurityError(msg, { sessionId })` → `new SecurityError(msg)` (the class is renamed later).
    plan.edits.replace(message.end, context.end, '');
  };
  visit(plan.sourceFile);
}
