/**
 * Binding checks → `session.validateSecurity(tool)`:
 *
 *   const security = new SessionSecurity(id, session.clientBinding);
 *   if (!security.validateBinding(key)) throw new SecurityError('bad binding');
 *   await session.recordAccess(tool);
 * →
 *   await session.validateSecurity(tool).catch((error: unknown) => {
 *     throw error instanceof SessionSecurityError ? new SessionSecurityError('bad binding') : error;
 *   });
 *
 * The app's own error (and message) is kept; the access is recorded by the
 * check itself (core records the tool), so a `recordAccess` on the same
 * session right after goes. The key passed to the check goes too (core
 * checks with the manager's key ring): a note names it, to be configured on
 * the manager. A check used as a value becomes a boolean
 * (`await session.validateSecurity().then(() => true, …false)`). The session
 * is the one the id refers to in scope (sessions.ts); without one, the site
 * blocks the migration.
 */
import ts from 'typescript';
import { identifierTexts, sameValue, skipOuter, statementsOf } from './expressions.js';
import type { FilePlan } from './file-plan.js';
import { secretKeyNote } from './notes.js';
import { sessionFor } from './sessions.js';

/** The `new SessionSecurity(id, …)` a receiver stands for (a variable holding one, or the expression itself). */
export function securityConstruction(plan: FilePlan, receiver: ts.Expression): ts.NewExpression | null {
  const node = skipOuter(receiver);
  if (ts.isNewExpression(node) && plan.model.oldName(node.expression) === 'SessionSecurity') return node;
  if (!ts.isIdentifier(node)) return null;
  const declaration = plan.checker.getSymbolAtLocation(node)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return null;
  const init = skipOuter(declaration.initializer);
  return ts.isNewExpression(init) && plan.model.oldName(init.expression) === 'SessionSecurity' ? init : null;
}

/** `session.recordAccess(tool)` statements on this session after `from` in the same block. */
function followingRecordAccess(plan: FilePlan, from: ts.Statement, session: ts.Identifier): ts.ExpressionStatement | null {
  const block = from.parent;
  if (!ts.isBlock(block) && !ts.isSourceFile(block)) return null;
  const statements = block.statements;
  for (const statement of statements.slice(statements.indexOf(from) + 1)) {
    if (!ts.isExpressionStatement(statement)) continue;
    const call = skipOuter(
      ts.isAwaitExpression(skipOuter(statement.expression)) ? (skipOuter(statement.expression) as ts.AwaitExpression).expression : statement.expression,
    );
    if (
      ts.isCallExpression(call) &&
      ts.isPropertyAccessExpression(call.expression) &&
      plan.model.callTarget(call)?.member === 'recordAccess' &&
      sameValue(plan.checker, call.expression.expression, session)
    )
      return statement;
  }
  return null;
}

function freeName(node: ts.Node, preferred: readonly string[]): string {
  const taken = identifierTexts(node);
  return preferred.find((name) => !taken.has(name)) ?? `${preferred[0]}_`;
}

/** `await S.validateSecurity(tool).then(() => true, (error) => { if (error instanceof SessionSecurityError) return false; throw error; })` */
export function validityCheck(plan: FilePlan, session: string, tool: string, around: ts.Node): string {
  const securityError = plan.core('SessionSecurityError');
  const name = freeName(around, ['error', 'failure']);
  return `await ${session}.validateSecurity(${tool}).then(() => true, (${plan.param(name, 'unknown')}) => {\n${plan.indentAt(around)}${plan.indentUnit}if (${name} instanceof ${securityError}) return false;\n${plan.indentAt(around)}${plan.indentUnit}throw ${name};\n${plan.indentAt(around)}})`;
}

function migrateCheck(plan: FilePlan, call: ts.CallExpression, session: ts.Identifier): void {
  plan.requireAsync(call);
  // The key checked against goes: core checks with the manager's key ring, which must hold it.
  const [key] = call.arguments;
  if (key) plan.mark(call, secretKeyNote(key));
  let tool = '';
  const statement = ts.findAncestor(call, (node): node is ts.Statement => ts.isStatement(node) && (ts.isBlock(node.parent) || ts.isSourceFile(node.parent)));
  const access = statement ? followingRecordAccess(plan, statement, session) : null;
  if (access && !plan.isCovered(access)) {
    const accessCall = skipOuter(
      ts.isAwaitExpression(skipOuter(access.expression)) ? (skipOuter(access.expression) as ts.AwaitExpression).expression : access.expression,
    ) as ts.CallExpression;
    const [toolArgument] = accessCall.arguments;
    if (toolArgument) tool = toolArgument.getText();
    plan.removeStatement(access);
  }
  const ifStatement = statement && ts.isIfStatement(statement) ? statement : null;
  const test = ifStatement ? skipOuter(ifStatement.expression) : null;
  const negated = test && ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken && skipOuter(test.operand) === call;
  if (ifStatement && negated && !ifStatement.elseStatement) {
    const body = statementsOf(ifStatement.thenStatement);
    const only = body.length === 1 ? body[0] : undefined;
    if (only && ts.isThrowStatement(only) && only.expression) {
      const thrown = only.expression;
      const securityError = plan.core('SessionSecurityError');
      const name = freeName(ifStatement, ['error', 'failure']);
      const indent = plan.indentAt(ifStatement);
      plan.replace(
        ifStatement,
        (text) =>
          `await ${session.text}.validateSecurity(${tool}).catch((${plan.param(name, 'unknown')}) => {\n${indent}${plan.indentUnit}throw ${name} instanceof ${securityError} ? ${reindent(text(thrown), plan.indentAt(thrown), indent + plan.indentUnit)} : ${name};\n${indent}});`,
      );
      return;
    }
  }
  plan.replace(call, () => validityCheck(plan, session.text, tool, call), 'unary');
}

function reindent(text: string, from: string, to: string): string {
  return text
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(from) ? to + line.slice(from.length) : line))
    .join('\n');
}

/** Rewrites the binding checks and access records of the file. */
export function migrateSecurity(plan: FilePlan): void {
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || plan.isCovered(node)) return;
    const target = plan.model.callTarget(node);
    if (!target) return;
    const receiver = node.expression.expression;
    if (target.owner === 'SessionSecurity' && target.member === 'validateBinding') {
      const construction = securityConstruction(plan, receiver);
      const id = construction?.arguments?.[0];
      const session = id ? sessionFor(plan, id, node) : null;
      if (!session)
        return plan.block(
          node,
          'no session for this binding check in scope (`const session = await manager.getSession(id)` guarded by `if (!session) return`): check it with `await session.validateSecurity(toolName)`',
        );
      migrateCheck(plan, node, session);
      return;
    }
    if (target.owner === 'SessionSecurity' && target.member !== 'createClientBinding') {
      const construction = securityConstruction(plan, receiver);
      const id = construction?.arguments?.[0];
      const session = id ? sessionFor(plan, id, node) : null;
      if (target.member === 'isSessionSuspicious' && session) {
        plan.requireAsync(node);
        return plan.replace(node, () => `((await ${session.text}.getSessionInfo()).client_binding?.is_suspicious ?? false)`);
      }
      return plan.block(
        node,
        `SessionSecurity#${target.member} has no core counterpart: core keeps the security events inside the session (its summary is in \`(await session.getSessionInfo()).client_binding\` and \`recent_security_events\`)`,
      );
    }
    if (target.owner === 'ContextSwitcherSession' && target.member === 'isBindingValid' && ts.isIdentifier(skipOuter(receiver))) {
      migrateCheck(plan, node, skipOuter(receiver) as ts.Identifier);
      return;
    }
    if (target.owner === 'ContextSwitcherSession' && target.member === 'recordAccess') {
      // Core records every access (and the tool, on validateSecurity): the call goes.
      const statement = node.parent && ts.isAwaitExpression(node.parent) ? node.parent.parent : node.parent;
      if (statement && ts.isExpressionStatement(statement)) plan.removeStatement(statement);
      else plan.block(node, 'recordAccess used as a value: core records accesses itself; remove the call');
    }
  };
  visit(plan.sourceFile);
}
