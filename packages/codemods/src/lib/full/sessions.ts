/**
 * Which core session a rewritten call goes through, and which pool a
 * lookup by id uses. A call never moves to another pool than the one its
 * sessions live in: the session for an id is a variable in scope that holds
 * it (fetched, created or looked up by that same id), and a pool is chosen
 * only when its slot is where the sessions with data were created.
 */
import { dirname, relative } from 'node:path';
import ts from 'typescript';
import type { Slot } from '../model/slots.js';
import { enclosingFunction, sameValue, skipOuter, statementsOf } from './expressions.js';
import type { FilePlan } from './file-plan.js';
import { isListedRecord } from './listed.js';

const SESSION_KINDS = new Set(['record', 'data']);

/** The id a session-valued initializer is for (`await m.getSession(id)`, `getSessionData(id)`, `new ContextSwitcherSession(id, …)`, `await f(id, …)`). */
function idOfSessionSource(plan: FilePlan, initializer: ts.Expression): ts.Expression | null {
  const node = skipOuter(ts.isAwaitExpression(skipOuter(initializer)) ? (skipOuter(initializer) as ts.AwaitExpression).expression : initializer);
  if (ts.isConditionalExpression(node)) return idOfSessionSource(plan, node.whenTrue);
  if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return null;
  const first = node.arguments?.[0];
  if (!first) return null;
  const target = plan.model.callTarget(node);
  if (target) {
    const fetchers = ['getSession', 'requireSession', 'createSession', 'getSessionData', 'constructor'];
    if (
      fetchers.includes(target.member) &&
      (target.owner === null || target.owner === 'SessionManager' || target.owner === 'ContextSwitcherSession' || target.owner === 'SessionData')
    )
      return first;
    return null;
  }
  // A function of the project that is handed the id and returns a session: the session for that id.
  return SESSION_KINDS.has(plan.model.kindOf(initializer)?.kind ?? '') ? first : null;
}

/** The variable (declaration) holding the session for `id` where `site` is, and whether it is proven non-null there. */
export function sessionFor(plan: FilePlan, id: ts.Expression, site: ts.Node): ts.Identifier | null {
  const { checker } = plan;
  const bare = skipOuter(id);
  // `x.sessionId` of a session value is that session (an entry of listActiveSessions() is only its info).
  if (
    ts.isPropertyAccessExpression(bare) &&
    bare.name.text === 'sessionId' &&
    ts.isIdentifier(bare.expression) &&
    SESSION_KINDS.has(plan.model.kindOf(bare.expression)?.kind ?? '') &&
    !isListedRecord(plan, bare.expression)
  ) {
    const info = plan.model.kindOf(bare.expression);
    if (!info?.nullable || provenNonNull(plan, bare.expression, site)) return bare.expression;
  }
  for (let scope: ts.Node | undefined = site.parent; scope && !ts.isSourceFile(scope.parent ?? scope); scope = scope.parent) {
    const statements = ts.isBlock(scope) || ts.isSourceFile(scope) ? scope.statements : null;
    if (statements) {
      for (const statement of statements) {
        if (statement.getStart() >= site.getStart()) break;
        if (!ts.isVariableStatement(statement)) continue;
        for (const declaration of statement.declarationList.declarations) {
          if (!ts.isIdentifier(declaration.name) || !declaration.initializer || (declaration.pos <= site.pos && site.end <= declaration.end)) continue;
          const kind = plan.model.kindOf(declaration.name)?.kind ?? '';
          if (!SESSION_KINDS.has(kind)) continue;
          const sourceId = idOfSessionSource(plan, declaration.initializer);
          if (sourceId && sameValue(checker, sourceId, id) && provenNonNull(plan, declaration.name, site)) return declaration.name;
        }
      }
    }
    if (ts.isFunctionLike(scope)) {
      for (const parameter of scope.parameters) {
        if (
          ts.isIdentifier(parameter.name) &&
          SESSION_KINDS.has(plan.model.kindOf(parameter.name)?.kind ?? '') &&
          !isListedRecord(plan, parameter.name) &&
          ts.isPropertyAccessExpression(bare) &&
          bare.name.text === 'sessionId' &&
          sameValue(checker, bare.expression, parameter.name)
        ) {
          return parameter.name;
        }
      }
    }
  }
  return null;
}

/** `if (!s) return/throw`, `if (s === null) …`, `if (!(s && …)) return` before the site, or the site inside `if (s) {…}` / `s ? site : …`. */
export function provenNonNull(plan: FilePlan, variable: ts.Identifier, site: ts.Node): boolean {
  const info = plan.model.kindOf(variable);
  if (info && !info.nullable) return true;
  const symbol = plan.checker.getSymbolAtLocation(variable);
  const isIt = (node: ts.Expression): boolean => ts.isIdentifier(skipOuter(node)) && plan.checker.getSymbolAtLocation(skipOuter(node)) === symbol;
  const testsAbsent = (test: ts.Expression): boolean => {
    const node = skipOuter(test);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const operand = skipOuter(node.operand);
      if (isIt(operand)) return true;
      if (ts.isBinaryExpression(operand) && operand.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return isIt(operand.left);
    }
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(node.operatorToken.kind)) {
      return (isIt(node.left) && isNullish(node.right)) || (isIt(node.right) && isNullish(node.left));
    }
    return false;
  };
  const testsPresent = (test: ts.Expression): boolean => {
    const node = skipOuter(test);
    if (isIt(node)) return true;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
      return testsPresent(node.left) || testsPresent(node.right);
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(node.operatorToken.kind)) {
      return (isIt(node.left) && isNullish(node.right)) || (isIt(node.right) && isNullish(node.left));
    }
    return false;
  };
  for (let child: ts.Node = site, parent = site.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child && testsPresent(parent.expression)) return true;
    if (ts.isConditionalExpression(parent) && parent.whenTrue === child && testsPresent(parent.condition)) return true;
    if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      parent.right === child &&
      testsPresent(parent.left)
    )
      return true;
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      for (const statement of parent.statements) {
        if (statement === child || statement.getStart() >= site.getStart()) break;
        if (ts.isIfStatement(statement) && !statement.elseStatement && testsAbsent(statement.expression) && exits(statementsOf(statement.thenStatement)))
          return true;
      }
    }
    if (ts.isFunctionLike(parent)) break;
  }
  return false;
}

function isNullish(node: ts.Expression): boolean {
  const bare = skipOuter(node);
  return bare.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(bare) && bare.text === 'undefined');
}

function exits(statements: readonly ts.Statement[]): boolean {
  const last = statements[statements.length - 1];
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last) || (ts.isBlock(last) && exits(last.statements)));
}

/** A manager expression to call `requireSession` on, its slot matching where the data's sessions were created. */
export interface PoolChoice {
  /** Source text that evaluates to the manager at the site (may contain `await`). */
  text: string;
  async: boolean;
}

function pick(candidates: readonly { text: string; async: boolean; slot: Slot | null }[], wanted: ReadonlySet<Slot>): PoolChoice | null {
  const matching = candidates.filter((candidate) => candidate.slot !== null && wanted.has(candidate.slot));
  const first = matching[0];
  return first ? { text: first.text, async: first.async } : null;
}

/**
 * The pool that holds the sessions `getSessionData(id)` looked up: a manager
 * in reach (a local, a parameter, `this.field`, a module binding, a getter)
 * whose slot is the one data-registering sessions were created on; else an
 * export of another file of the run with that slot, imported. Null when
 * there is no single such pool.
 */
export function poolFor(plan: FilePlan, site: ts.Node, imports: { add(file: string, name: string): string }): PoolChoice | null {
  const wanted = plan.model.dataSlots();
  if (wanted.size !== 1) return null;
  const { checker } = plan;
  const candidates: { text: string; async: boolean; slot: Slot | null }[] = [];
  for (const symbol of checker.getSymbolsInScope(site, ts.SymbolFlags.Variable | ts.SymbolFlags.Function | ts.SymbolFlags.Alias)) {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!declaration || declaration.getSourceFile().isDeclarationFile) continue;
    const type = checker.getTypeOfSymbolAtLocation(symbol, site);
    const info = kindOfType(plan, type);
    if (info?.kind === 'manager' && !info.nullable && ts.isIdentifier((declaration as ts.NamedDeclaration).name ?? declaration)) {
      candidates.push({ text: symbol.getName(), async: false, slot: slotOfName(plan, declaration) });
      continue;
    }
    const getter = getterReturning(plan, symbol, type);
    if (getter) candidates.push({ text: getter.async ? `(await ${symbol.getName()}())` : `${symbol.getName()}()`, async: getter.async, slot: getter.slot });
  }
  const klass = ts.findAncestor(site, ts.isClassLike);
  if (klass && thisIsInstance(site, klass)) {
    const thisType = checker.getTypeAtLocation(klass);
    for (const property of thisType.getProperties()) {
      const declaration = property.valueDeclaration;
      if (!declaration) continue;
      const info = kindOfType(plan, checker.getTypeOfSymbolAtLocation(property, site));
      if (info?.kind !== 'manager' || info.nullable) continue;
      const name = (declaration as ts.NamedDeclaration).name;
      candidates.push({ text: `this.${property.getName()}`, async: false, slot: name && ts.isIdentifier(name) ? plan.model.slots.slotOf(name) : null });
    }
  }
  const local = pick(candidates, wanted);
  if (local) return local;
  // An export of another file of the run that reaches the pool.
  for (const sourceFile of plan.model.sourceFiles()) {
    if (sourceFile === plan.sourceFile) continue;
    const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
    for (const exported of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
      const type = checker.getTypeOfSymbol(exported);
      const getter = getterReturning(plan, exported, type);
      if (!getter || getter.slot === null || !wanted.has(getter.slot)) continue;
      const local = imports.add(sourceFile.fileName, exported.getName());
      return { text: getter.async ? `(await ${local}())` : `${local}()`, async: getter.async };
    }
  }
  return null;
}

function kindOfType(plan: FilePlan, type: ts.Type) {
  return plan.model.typeInfo(type);
}

function slotOfName(plan: FilePlan, declaration: ts.Declaration): Slot | null {
  const identifier = (declaration as ts.NamedDeclaration).name;
  return identifier && ts.isIdentifier(identifier) ? plan.model.slots.slotOf(identifier) : null;
}

/** Inside a method of the class (or an arrow function within one), where `this` is the instance. */
function thisIsInstance(site: ts.Node, klass: ts.ClassLikeDeclaration): boolean {
  let fn = enclosingFunction(site);
  while (fn && ts.isArrowFunction(fn)) fn = enclosingFunction(fn);
  return fn !== null && fn.parent === klass && !ts.isFunctionDeclaration(fn) && !ts.isFunctionExpression(fn);
}

/** A function with no required parameters that returns a non-null manager (or a promise of one), and the slot of what it returns. */
function getterReturning(plan: FilePlan, symbol: ts.Symbol, type: ts.Type): { async: boolean; slot: Slot | null } | null {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  const resolved = declaration && ts.isImportSpecifier(declaration) ? plan.checker.getAliasedSymbol(symbol) : symbol;
  const fn = resolved.valueDeclaration;
  if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isVariableDeclaration(fn))) return null;
  const signatures = plan.checker.getSignaturesOfType(resolved === symbol ? type : plan.checker.getTypeOfSymbol(resolved), ts.SignatureKind.Call);
  // A getter takes nothing: a function with (even optional) parameters may build or change the pool.
  const signature = signatures.find((candidate) => candidate.getParameters().length === 0);
  if (!signature) return null;
  let returned = signature.getReturnType();
  let async = false;
  const awaited = plan.checker.getAwaitedType(returned);
  if (awaited && awaited !== returned) {
    returned = awaited;
    async = true;
  }
  const info = plan.model.typeInfo(returned);
  if (info?.kind !== 'manager' || info.nullable) return null;
  const body = ts.isFunctionDeclaration(fn) ? fn : fn.initializer && ts.isFunctionLike(fn.initializer) ? fn.initializer : null;
  const slot = body && ts.isFunctionLike(body) ? slotOfReturns(plan, body as ts.FunctionLikeDeclaration) : null;
  return { async, slot };
}

function slotOfReturns(plan: FilePlan, fn: ts.FunctionLikeDeclaration): Slot | null {
  if (!fn.body) return null;
  const returns: ts.Expression[] = [];
  if (!ts.isBlock(fn.body)) returns.push(fn.body);
  else {
    const visit = (node: ts.Node): void => {
      if (ts.isReturnStatement(node) && node.expression) returns.push(node.expression);
      if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
    };
    ts.forEachChild(fn.body, visit);
  }
  const slots = new Set(returns.map((expression) => plan.model.slots.slotOf(expression)));
  return slots.size === 1 ? ([...slots][0] ?? null) : null;
}

/** A relative specifier from one file to another, without its TypeScript extension. */
export function relativeSpecifier(from: string, to: string): string {
  let specifier = relative(dirname(from), to)
    .replace(/\\/g, '/')
    .replace(/\.(ts|tsx|mts|cts)$/, '');
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  return specifier;
}
