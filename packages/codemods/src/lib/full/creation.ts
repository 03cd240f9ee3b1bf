/**
 * The old create sequence → `manager.createSession`:
 *
 *   const session = new ContextSwitcherSession(id, new Date(), { topic });
 *   const security = new SessionSecurity(id);
 *   session.clientBinding = security.createClientBinding(key);
 *   const added = await manager.addSession(session);
 *   if (!added) throw new SessionError('full');
 *   const data = new SessionData(id, session.createdAt, topic);
 *   registerSessionData(data);
 * →
 *   const session = await manager.createSession(id, { topic }).catch((error: unknown) => {
 *     throw error instanceof SessionCapacityError ? new SessionError('full') : error;
 *   });
 *   const data = session;
 *
 * The capacity check keeps its exact behaviour (core throws
 * SessionCapacityError where addSession returned false); a check that
 * returns becomes `if (session === null) …` on a `.catch` that yields null.
 * The binding is made by core (the manager's key ring signs it), so the key
 * is not passed; a note names it, to be configured on the manager. Core's session IS the session data, so `new SessionData` for the
 * same id becomes an alias and `registerSessionData` goes.
 */
import ts from 'typescript';
import { alwaysExits, identifierTexts, referencesIn, sameValue, skipOuter, statementsOf } from './expressions.js';
import type { FilePlan } from './file-plan.js';
import { secretKeyNote, UNCHECKED_CAPACITY_NOTE } from './notes.js';

interface AddStep {
  /** The statement holding the addSession call. */
  statement: ts.Statement;
  manager: ts.Expression;
  /** The `if (!added) …` (or `if (!(await m.addSession(s))) …`) statement, when there is one. */
  check: ts.IfStatement | null;
}

function isNew(plan: FilePlan, node: ts.Node | undefined, oldClass: string): node is ts.NewExpression {
  return node !== undefined && ts.isNewExpression(node) && plan.model.oldName(node.expression) === oldClass;
}

/** `await M.addSession(S)` → M. */
function addSessionOf(plan: FilePlan, node: ts.Node | undefined, session: ts.Symbol): ts.Expression | null {
  if (!node) return null;
  const awaited = skipOuter(node as ts.Expression);
  if (!ts.isAwaitExpression(awaited)) return null;
  const call = skipOuter(awaited.expression);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return null;
  if (plan.model.callTarget(call)?.member !== 'addSession') return null;
  const [argument] = call.arguments;
  if (!argument || !ts.isIdentifier(argument) || plan.checker.getSymbolAtLocation(argument) !== session) return null;
  return call.expression.expression;
}

/** The statement awaits `manager.addSession(session)` somewhere in it. */
function addsSession(plan: FilePlan, statement: ts.Statement, session: ts.Symbol): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isAwaitExpression(node) && addSessionOf(plan, node, session)) found = true;
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return found;
}

function negationOf(plan: FilePlan, test: ts.Expression, symbol: ts.Symbol): boolean {
  const node = skipOuter(test);
  return (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.ExclamationToken &&
    ts.isIdentifier(skipOuter(node.operand)) &&
    plan.checker.getSymbolAtLocation(skipOuter(node.operand)) === symbol
  );
}

function findAdd(plan: FilePlan, statements: readonly ts.Statement[], from: number, session: ts.Symbol): AddStep | string {
  for (let index = from; index < statements.length; index++) {
    const statement = statements[index] as ts.Statement;
    if (ts.isExpressionStatement(statement)) {
      const manager = addSessionOf(plan, statement.expression, session);
      if (manager) return { statement, manager, check: null };
    }
    if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) {
      const declaration = statement.declarationList.declarations[0] as ts.VariableDeclaration;
      const manager = addSessionOf(plan, declaration.initializer, session);
      if (manager) {
        if (!ts.isIdentifier(declaration.name)) return 'the result of addSession is destructured';
        const added = plan.checker.getSymbolAtLocation(declaration.name);
        const next = statements[index + 1];
        const check = next && ts.isIfStatement(next) && !next.elseStatement && added && negationOf(plan, next.expression, added) ? next : null;
        const uses = added ? referencesIn(plan.checker, plan.sourceFile, added).filter((reference) => reference !== declaration.name) : [];
        if (uses.length !== (check ? 1 : 0))
          return `the result of addSession (${declaration.name.text}) is used beyond an \`if (!${declaration.name.text})\` check`;
        return { statement, manager, check };
      }
    }
    if (ts.isIfStatement(statement) && !statement.elseStatement) {
      const test = skipOuter(statement.expression);
      if (ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken) {
        const manager = addSessionOf(plan, test.operand, session);
        if (manager) return { statement, manager, check: statement };
      }
    }
    if (referencesIn(plan.checker, statement, session).length > 0) return 'the session is used before it is added to the manager';
  }
  return 'the session is never added with `await manager.addSession(session)` in this block';
}

/** `sec.createClientBinding(key)` or `new SessionSecurity(id).createClientBinding(key)`: the security variable (if any), and the key. */
function bindingSource(plan: FilePlan, expression: ts.Expression): { security: ts.Identifier | null; key: ts.Expression | null } | null {
  const call = skipOuter(expression);
  if (!ts.isCallExpression(call) || plan.model.callTarget(call)?.member !== 'createClientBinding' || !ts.isPropertyAccessExpression(call.expression))
    return null;
  const receiver = skipOuter(call.expression.expression);
  const key = call.arguments[0] ?? null;
  if (ts.isIdentifier(receiver)) return { security: receiver, key };
  return isNew(plan, receiver, 'SessionSecurity') ? { security: null, key } : null;
}

function migrateSequence(plan: FilePlan, statement: ts.VariableStatement, construction: ts.NewExpression): void {
  const block = statement.parent;
  if (!ts.isBlock(block))
    return plan.block(construction, 'a session built at module level: create it inside a function with `await manager.createSession(id, { topic })`');
  const declaration = statement.declarationList.declarations[0] as ts.VariableDeclaration;
  const sessionName = declaration.name as ts.Identifier;
  const session = plan.checker.getSymbolAtLocation(sessionName);
  if (!session) return;
  const [id, createdAt, init, ...extra] = construction.arguments ?? [];
  if (!id || extra.length > 0)
    return plan.block(construction, 'a ContextSwitcherSession built with unusual arguments: create it with `await manager.createSession(id, { topic })`');
  if (
    createdAt &&
    !(
      ts.isNewExpression(createdAt) &&
      ts.isIdentifier(createdAt.expression) &&
      createdAt.expression.text === 'Date' &&
      (createdAt.arguments?.length ?? 0) === 0
    )
  ) {
    return plan.block(
      construction,
      'the session is created with a createdAt other than now: core sets it itself; restore such sessions with manager.restoreSession(state) instead',
    );
  }
  let topic: ts.Expression | null = null;
  let bindingInit: ts.Expression | null = null;
  if (init) {
    if (!ts.isObjectLiteralExpression(init))
      return plan.block(init, 'the session init is not an object literal: create it with `await manager.createSession(id, { topic })`');
    for (const property of init.properties) {
      const name = property.name && ts.isIdentifier(property.name) ? property.name.text : null;
      const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : null;
      if (name === 'topic' && value) topic = value;
      else if (name === 'clientBinding' && value) bindingInit = value;
      else
        return plan.block(property, 'the session init holds more than { topic, clientBinding }: create it with `await manager.createSession(id, { topic })`');
    }
  }
  const statements = block.statements;
  const index = statements.indexOf(statement);
  const removed: ts.Statement[] = [];
  const securities: ts.Identifier[] = [];
  /** The keys the old bindings were signed with: core's manager signs with its own key ring, so each gets a note. */
  const keys: ts.Expression[] = [];
  if (bindingInit) {
    const source = bindingSource(plan, bindingInit);
    if (!source)
      return plan.block(bindingInit, 'the clientBinding comes from somewhere other than SessionSecurity#createClientBinding: core makes the binding itself');
    if (source.security) securities.push(source.security);
    if (source.key) keys.push(source.key);
  }
  // Up to the addSession: `session.clientBinding = security.createClientBinding(key);` goes, nothing else may use the session.
  let scan = index + 1;
  for (; scan < statements.length; scan++) {
    const next = statements[scan] as ts.Statement;
    const assignment =
      ts.isExpressionStatement(next) && ts.isBinaryExpression(next.expression) && next.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
        ? next.expression
        : null;
    const left = assignment?.left;
    if (
      assignment &&
      left &&
      ts.isPropertyAccessExpression(left) &&
      left.name.text === 'clientBinding' &&
      ts.isIdentifier(left.expression) &&
      plan.checker.getSymbolAtLocation(left.expression) === session
    ) {
      const source = bindingSource(plan, assignment.right);
      if (!source)
        return plan.block(next, 'the clientBinding is assigned from something other than SessionSecurity#createClientBinding: core makes the binding itself');
      if (source.security) securities.push(source.security);
      if (source.key) keys.push(source.key);
      removed.push(next);
      continue;
    }
    if (addsSession(plan, next, session)) break;
    if (referencesIn(plan.checker, next, session).length > 0)
      return plan.block(
        next,
        'the session is used before it is added to the manager: create it with `await manager.createSession(id, { topic })` first, then use it',
      );
  }
  const add = findAdd(plan, statements, scan, session);
  if (typeof add === 'string') return plan.block(construction, `${add}: create the session with \`await manager.createSession(id, { topic })\``);
  // The manager expression moves up to the session's declaration: nothing it names may be declared in between.
  const between = statements.slice(index + 1, statements.indexOf(add.statement));
  const declaredBetween = new Set(between.flatMap((s) => (ts.isVariableStatement(s) ? s.declarationList.declarations.map((d) => d.name.getText()) : [])));
  if ([...identifierTexts(add.manager)].some((name) => declaredBetween.has(name)))
    return plan.block(add.manager, 'the manager is computed after the session is built: move it up, then run again');

  // A security object made only for this binding goes with it.
  for (const security of securities) {
    const symbol = plan.checker.getSymbolAtLocation(security);
    const securityDeclaration = symbol?.valueDeclaration;
    if (!symbol || !securityDeclaration || !ts.isVariableDeclaration(securityDeclaration) || !isNew(plan, securityDeclaration.initializer, 'SessionSecurity'))
      continue;
    const holder = securityDeclaration.parent.parent;
    const uses = referencesIn(plan.checker, block, symbol).filter((reference) => reference !== securityDeclaration.name);
    if (uses.length === 1 && ts.isVariableStatement(holder) && holder.declarationList.declarations.length === 1) removed.push(holder);
  }

  const options = topic === null ? '' : ts.isIdentifier(topic) && topic.text === 'topic' ? ', { topic }' : null;
  const check = add.check;
  const indent = plan.indentAt(statement);
  const unit = plan.indentUnit;
  let tail: () => string = () => '';
  if (check) {
    const taken = identifierTexts(check);
    const name = ['error', 'failure', 'reason'].find((candidate) => !taken.has(candidate)) ?? 'caught';
    const error = plan.param(name, 'unknown');
    const body = statementsOf(check.thenStatement);
    if (!alwaysExits(body))
      return plan.block(
        check,
        'the capacity check after addSession does not always return or throw: createSession throws SessionCapacityError when the pool is full; handle it by hand',
      );
    const capacity = plan.core('SessionCapacityError');
    const onlyThrows = !containsReturn(check.thenStatement);
    if (onlyThrows && body.length === 1 && ts.isThrowStatement(body[0] as ts.Statement) && (body[0] as ts.ThrowStatement).expression) {
      const thrown = (body[0] as ts.ThrowStatement).expression as ts.Expression;
      tail = () =>
        `.catch((${error}) => {\n${indent}${unit}throw ${name} instanceof ${capacity} ? ${plan.moved(thrown, indent + unit)} : ${name};\n${indent}})`;
      plan.removeStatement(check, true);
    } else if (onlyThrows) {
      tail = () =>
        `.catch((${error}) => {\n${indent}${unit}if (!(${name} instanceof ${capacity})) throw ${name};\n${body.map((s) => `${indent}${unit}${plan.moved(s, indent + unit)}`).join('\n')}\n${indent}})`;
      plan.removeStatement(check, true);
    } else {
      tail = () => `.catch((${error}) => {\n${indent}${unit}if (${name} instanceof ${capacity}) return null;\n${indent}${unit}throw ${name};\n${indent}})`;
      // The check stays where it was, now on the session.
      plan.replace(check.expression, () => `${sessionName.text} === null`);
    }
  } else {
    plan.mark(statement, UNCHECKED_CAPACITY_NOTE);
  }
  for (const key of keys) plan.mark(statement, secretKeyNote(key));
  if (add.statement !== check) removed.push(add.statement);
  for (const statementToRemove of removed) plan.removeStatement(statementToRemove);
  const rendered = tail;
  if (options === null) {
    plan.replace(
      construction,
      (text) => `await ${text(add.manager)}.createSession(${text(id)}, { topic: ${text(topic as ts.Expression)} })${rendered()}`,
      'unary',
    );
  } else {
    plan.replace(construction, (text) => `await ${text(add.manager)}.createSession(${text(id)}${options})${rendered()}`, 'unary');
  }
  aliasSessionData(plan, block, index, sessionName, id, topic);
}

function containsReturn(node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (ts.isReturnStatement(child)) found = true;
    if (!found && !ts.isFunctionLike(child)) ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** `const data = new SessionData(id, session.createdAt, topic)` after the session → `const data = session`; its `registerSessionData(data)` goes. */
function aliasSessionData(plan: FilePlan, block: ts.Block, from: number, session: ts.Identifier, id: ts.Expression, topic: ts.Expression | null): void {
  const sameData = (init: ts.NewExpression): boolean | 'topic' => {
    const [dataId, , dataTopic] = init.arguments ?? [];
    if (!dataId || !sameValue(plan.checker, dataId, id)) return false;
    const topicMatches =
      dataTopic === undefined
        ? topic === null
        : (topic !== null && sameValue(plan.checker, dataTopic, topic)) ||
          (ts.isPropertyAccessExpression(dataTopic) && dataTopic.name.text === 'topic' && sameValue(plan.checker, dataTopic.expression, session));
    return topicMatches ? true : 'topic';
  };
  for (const statement of block.statements.slice(from + 1)) {
    // `registerSessionData(new SessionData(id, session.createdAt, topic))`: the session is its own data.
    if (
      ts.isExpressionStatement(statement) &&
      ts.isCallExpression(statement.expression) &&
      plan.model.callTarget(statement.expression)?.member === 'registerSessionData'
    ) {
      const [data] = statement.expression.arguments;
      if (data && isNew(plan, skipOuter(data), 'SessionData')) {
        const verdict = sameData(skipOuter(data) as ts.NewExpression);
        if (verdict === true) plan.removeStatement(statement);
        else if (verdict === 'topic')
          plan.block(data, 'the session data gets a different topic than its session: core keeps one topic per session; decide which, then run again');
      }
      continue;
    }
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (!isNew(plan, init, 'SessionData') || !ts.isIdentifier(declaration.name)) continue;
      const [dataId, , dataTopic] = init.arguments ?? [];
      if (!dataId || !sameValue(plan.checker, dataId, id)) continue;
      const topicMatches =
        dataTopic === undefined
          ? topic === null
          : (topic !== null && sameValue(plan.checker, dataTopic, topic)) ||
            (ts.isPropertyAccessExpression(dataTopic) && dataTopic.name.text === 'topic' && sameValue(plan.checker, dataTopic.expression, session));
      if (!topicMatches) {
        plan.block(init, 'the session data gets a different topic than its session: core keeps one topic per session; decide which, then run again');
        continue;
      }
      plan.replace(init, () => session.text);
      const symbol = plan.checker.getSymbolAtLocation(declaration.name);
      for (const other of block.statements) {
        if (!ts.isExpressionStatement(other) || !ts.isCallExpression(other.expression)) continue;
        const call = other.expression;
        const argument = call.arguments[0];
        if (
          plan.model.callTarget(call)?.member === 'registerSessionData' &&
          argument &&
          ts.isIdentifier(argument) &&
          plan.checker.getSymbolAtLocation(argument) === symbol
        )
          plan.removeStatement(other);
      }
    }
  }
}

/** Rewrites every create sequence of the file (or blocks it, with the reason). */
export function migrateCreation(plan: FilePlan): void {
  const visit = (node: ts.Node): void => {
    if (isNew(plan, node, 'ContextSwitcherSession')) {
      const declaration = node.parent;
      const statement = declaration?.parent?.parent;
      if (
        ts.isVariableDeclaration(declaration) &&
        declaration.initializer === node &&
        ts.isIdentifier(declaration.name) &&
        statement &&
        ts.isVariableStatement(statement) &&
        statement.declarationList.declarations.length === 1
      ) {
        migrateSequence(plan, statement, node);
      } else {
        plan.block(
          node,
          'a ContextSwitcherSession built outside `const session = new ContextSwitcherSession(…)`: create it with `await manager.createSession(id, { topic })`',
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(plan.sourceFile);
  // SessionData built apart from its session, and registrations left over, are for a human.
  const check = (node: ts.Node): void => {
    if (isNew(plan, node, 'SessionData') && !plan.isCovered(node))
      plan.block(
        node,
        'SessionData built without its session in this function: core keeps threads and analyses on the Session; use the session the data belongs to',
      );
    if (ts.isCallExpression(node) && plan.model.callTarget(node)?.member === 'registerSessionData' && !plan.isCovered(node))
      plan.block(node, 'registerSessionData for data that is not the session made in this function: core needs no registry; use the session itself');
    ts.forEachChild(node, check);
  };
  check(plan.sourceFile);
}
