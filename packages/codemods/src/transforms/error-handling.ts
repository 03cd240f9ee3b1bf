/**
 * Phase 2, step by step: the old error classes → core's.
 *
 * `SecurityError` → `SessionSecurityError`, `ConcurrencyError` →
 * `SessionConcurrencyError` wherever they appear (`catch`/`instanceof`,
 * `throw new`, types); `SessionError` and `SessionCleanupError` keep their
 * names and come from core. The old constructors took a context object as
 * second argument, core's take `{ cause, expected, actual, errors, issues }`:
 * any other second argument is dropped with a marker.
 */
import type { ASTNode, ASTPath } from 'jscodeshift';
import { isObjectExpression, isObjectProperty, propertyKeyName } from '../lib/ast.js';
import type { Rule, RuleContext } from '../lib/context.js';
import { defineTransform } from '../lib/define-transform.js';
import { migrateNames, migrateReexports } from './imports.js';

export const ERROR_NAMES: ReadonlyMap<string, string> = new Map([
  ['SecurityError', 'SessionSecurityError'],
  ['ConcurrencyError', 'SessionConcurrencyError'],
  ['SessionError', 'SessionError'],
  ['SessionCleanupError', 'SessionCleanupError'],
]);

const CORE_ERROR_OPTIONS = new Set(['cause', 'expected', 'actual', 'errors', 'issues']);

function fitsCoreOptions(argument: ASTNode): boolean {
  if (!isObjectExpression(argument)) return false;
  return argument.properties.every((property) => {
    if (!isObjectProperty(property)) return false;
    const key = propertyKeyName(property);
    return key !== null && CORE_ERROR_OPTIONS.has(key);
  });
}

/** `new SecurityError(message, { sessionId })`: the context object has no place in core's options. */
function dropOldContextArguments(context: RuleContext): void {
  const { j } = context;
  for (const use of context.oldUses()) {
    if (!ERROR_NAMES.has(use.name) || use.path.name !== 'callee') continue;
    const construction = use.path.parent as ASTPath;
    if (construction.node.type !== 'NewExpression' || context.isAcknowledged(construction)) continue;
    const args = (construction.node as { arguments: ASTNode[] }).arguments;
    const second = args[1];
    if (args.length < 2 || !second || fitsCoreOptions(second)) continue;
    const dropped = j(second).toSource().replace(/\s+/g, ' ');
    (construction.node as { arguments: ASTNode[] }).arguments = args.slice(0, 1);
    context.mark(
      construction,
      `dropped the old error context (${dropped.length > 60 ? `${dropped.slice(0, 57)}...` : dropped}): core errors take { cause, expected, actual }; put what matters into the message`,
    );
  }
}

export const rule: Rule = {
  name: 'error-handling',
  run(context) {
    dropOldContextArguments(context);
    migrateNames(context, ERROR_NAMES);
    migrateReexports(context, new Set(['SessionError', 'SessionCleanupError']));
  },
};

export default defineTransform([rule]);
