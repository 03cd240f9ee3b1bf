/** Small facts about TypeScript expressions that the rewriting steps share. */
import ts from 'typescript';

/** How tightly a generated expression binds, to parenthesise it where its parent needs more. */
export type Precedence = 'primary' | 'unary' | 'binary' | 'conditional' | 'arrow';

const RANK: Record<Precedence, number> = { primary: 4, unary: 3, binary: 2, conditional: 1, arrow: 0 };

/** Whether an expression of `precedence` must be parenthesised where `node` stands. */
export function needsParens(node: ts.Node, precedence: Precedence): boolean {
  const parent = node.parent;
  const rank = RANK[precedence];
  if (!parent) return false;
  if (
    ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isNonNullExpression(parent)) && parent.expression === node) ||
    ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === node) ||
    (ts.isTaggedTemplateExpression(parent) && parent.tag === node)
  ) {
    return rank < RANK.primary;
  }
  if (
    ts.isPrefixUnaryExpression(parent) ||
    ts.isPostfixUnaryExpression(parent) ||
    ts.isAwaitExpression(parent) ||
    ts.isTypeOfExpression(parent) ||
    ts.isVoidExpression(parent) ||
    ts.isDeleteExpression(parent)
  ) {
    return rank < RANK.unary;
  }
  if (ts.isBinaryExpression(parent)) return rank < RANK.primary && !(rank === RANK.unary && parent.operatorToken.kind !== ts.SyntaxKind.AsteriskAsteriskToken);
  if (ts.isConditionalExpression(parent)) return parent.condition === node ? rank <= RANK.conditional : false;
  if (ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) return rank < RANK.unary;
  if (ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent)) return false;
  return false;
}

/** Parentheses and other wrappers that do not change a value. */
export function skipOuter(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current))
    current = current.expression;
  return current;
}

/** An expression that may be evaluated twice without a different result or a side effect: `x`, `this.x`, `a.b.c`, a literal. */
export function isStable(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  if (
    ts.isIdentifier(node) ||
    node.kind === ts.SyntaxKind.ThisKeyword ||
    ts.isStringLiteral(node) ||
    ts.isNumericLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node)
  )
    return true;
  if (ts.isPropertyAccessExpression(node)) return !node.questionDotToken && isStable(node.expression);
  return false;
}

/** The same value, judged by the checker (same variable) or by text for stable member chains. */
export function sameValue(checker: ts.TypeChecker, a: ts.Expression, b: ts.Expression): boolean {
  const x = skipOuter(a);
  const y = skipOuter(b);
  if (ts.isIdentifier(x) && ts.isIdentifier(y)) {
    const sx = valueSymbol(checker, x);
    return sx !== undefined && sx === valueSymbol(checker, y);
  }
  if (ts.isPropertyAccessExpression(x) && ts.isPropertyAccessExpression(y))
    return x.name.text === y.name.text && sameValue(checker, x.expression, y.expression);
  if ((ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) && (ts.isStringLiteral(y) || ts.isNoSubstitutionTemplateLiteral(y)))
    return x.text === y.text;
  if (x.kind === ts.SyntaxKind.ThisKeyword && y.kind === ts.SyntaxKind.ThisKeyword) return true;
  return false;
}

/** The variable an identifier reads (for `{ topic }`, the variable `topic`, not the property). */
export function valueSymbol(checker: ts.TypeChecker, identifier: ts.Identifier): ts.Symbol | undefined {
  return ts.isShorthandPropertyAssignment(identifier.parent)
    ? checker.getShorthandAssignmentValueSymbol(identifier.parent)
    : checker.getSymbolAtLocation(identifier);
}

/** The function (or the file, at module level) whose body holds a node. */
export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | null {
  let current = node.parent;
  while (current && !ts.isSourceFile(current)) {
    if (
      ts.isFunctionDeclaration(current) ||
      ts.isFunctionExpression(current) ||
      ts.isArrowFunction(current) ||
      ts.isMethodDeclaration(current) ||
      ts.isConstructorDeclaration(current) ||
      ts.isGetAccessorDeclaration(current) ||
      ts.isSetAccessorDeclaration(current)
    ) {
      return current;
    }
    if (ts.isClassStaticBlockDeclaration(current) || ts.isPropertyDeclaration(current)) return null;
    current = current.parent;
  }
  return null;
}

/** Whether a function is declared `async`. */
export function isAsync(fn: ts.FunctionLikeDeclaration): boolean {
  return (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
}

/** The statement (a member of a block or of the file) that holds a node. */
export function enclosingStatement(node: ts.Node): ts.Statement | null {
  let current: ts.Node | undefined = node;
  while (current && !ts.isSourceFile(current)) {
    const parent: ts.Node | undefined = current.parent;
    if (
      parent &&
      (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) &&
      ts.isStatement(current)
    )
      return current;
    current = parent;
  }
  return null;
}

/** Every identifier in a subtree that refers to `symbol`. */
export function referencesIn(checker: ts.TypeChecker, root: ts.Node, symbol: ts.Symbol): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && checker.getSymbolAtLocation(node) === symbol) found.push(node);
    else if (ts.isShorthandPropertyAssignment(node) && checker.getShorthandAssignmentValueSymbol(node) === symbol) found.push(node.name);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** The identifiers a subtree mentions (for choosing names that shadow nothing). */
export function identifierTexts(root: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return names;
}

/** True when every path through a statement list ends in `return` or `throw`. */
export function alwaysExits(statements: readonly ts.Statement[]): boolean {
  const last = statements[statements.length - 1];
  if (!last) return false;
  if (ts.isReturnStatement(last) || ts.isThrowStatement(last)) return true;
  if (ts.isBlock(last)) return alwaysExits(last.statements);
  if (ts.isIfStatement(last)) return last.elseStatement !== undefined && alwaysExits([last.thenStatement]) && alwaysExits([last.elseStatement]);
  return false;
}

/** The statements of a block, or the statement itself. */
export function statementsOf(statement: ts.Statement): readonly ts.Statement[] {
  return ts.isBlock(statement) ? statement.statements : [statement];
}
