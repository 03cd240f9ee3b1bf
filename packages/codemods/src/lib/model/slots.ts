/**
 * Where a manager value comes from: its "slot". Two expressions with the
 * same slot are the same pool at run time. A slot is the instantiation site
 * (`new SessionPool(…)`), or a variable that is assigned more than once (the
 * module's `let manager`), or a getter whose returns do not agree. Constants,
 * parameters whose every caller passes the same slot, fields set once from
 * such a parameter, and functions that always return the same slot are
 * followed through, across files.
 */
import ts from 'typescript';
import { resolveAlias } from './old-api.js';

/** The identity of a pool: an instantiation, or a variable, field, parameter or getter that holds one. */
export type Slot = ts.Symbol | ts.Node;

/** What slot resolution needs from the project model. */
export interface SlotIndex {
  readonly checker: ts.TypeChecker;
  /** Calls (and `new`) whose resolved declaration is this function-like node. */
  callsOf(declaration: ts.Node): readonly (ts.CallExpression | ts.NewExpression)[];
  /** `new C(…)` sites of a project class. */
  instantiationsOf(classSymbol: ts.Symbol): readonly ts.NewExpression[];
}

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAwaitExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current)
    ) {
      current = current.expression;
    } else return current;
  }
}

/** Resolves expressions to their slots (memoised). */
export class SlotResolver {
  readonly #cache = new Map<ts.Node, Slot | null>();
  readonly #busy = new Set<ts.Node>();

  constructor(private readonly index: SlotIndex) {}

  slotOf(expression: ts.Expression): Slot | null {
    const node = unwrap(expression);
    if (this.#cache.has(node)) return this.#cache.get(node) ?? null;
    if (this.#busy.has(node)) return null;
    this.#busy.add(node);
    let slot: Slot | null = null;
    try {
      slot = this.#compute(node);
    } finally {
      this.#busy.delete(node);
    }
    this.#cache.set(node, slot);
    return slot;
  }

  #compute(node: ts.Expression): Slot | null {
    const { checker } = this.index;
    if (ts.isNewExpression(node)) return node;
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      const type = checker.getTypeAtLocation(node);
      const symbol = type.getSymbol();
      return symbol ? this.#instances(symbol) : null;
    }
    if (ts.isIdentifier(node)) {
      const symbol = checker.getSymbolAtLocation(node);
      return symbol ? this.#ofSymbol(resolveAlias(checker, symbol)) : null;
    }
    if (ts.isPropertyAccessExpression(node)) {
      const symbol = checker.getSymbolAtLocation(node.name);
      return symbol ? this.#ofSymbol(resolveAlias(checker, symbol)) : null;
    }
    if (ts.isCallExpression(node)) {
      const declaration = checker.getResolvedSignature(node)?.getDeclaration();
      if (!declaration || !('body' in declaration) || !declaration.body) return null;
      const returns = returnedExpressions(declaration as ts.FunctionLikeDeclaration);
      const slots = new Set(returns.map((expression) => this.slotOf(expression)));
      if (slots.size === 1 && !slots.has(null)) return [...slots][0] ?? null;
      const symbol = declaration.name ? checker.getSymbolAtLocation(declaration.name) : undefined;
      return symbol ?? declaration;
    }
    if (
      ts.isBinaryExpression(node) &&
      (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || node.operatorToken.kind === ts.SyntaxKind.EqualsToken)
    ) {
      return this.slotOf(node.left);
    }
    return null;
  }

  /** All instances of a class are one pool when the project builds it once. */
  #instances(classSymbol: ts.Symbol): Slot {
    const sites = this.index.instantiationsOf(classSymbol);
    return sites.length === 1 && sites[0] ? sites[0] : classSymbol;
  }

  #ofSymbol(symbol: ts.Symbol): Slot | null {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!declaration) return symbol;
    if (ts.isVariableDeclaration(declaration)) {
      const constant = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
      if (constant && declaration.initializer) return this.slotOf(declaration.initializer) ?? symbol;
      return symbol;
    }
    if (ts.isShorthandPropertyAssignment(declaration)) {
      const value = this.index.checker.getShorthandAssignmentValueSymbol(declaration);
      return value ? this.#ofSymbol(resolveAlias(this.index.checker, value)) : symbol;
    }
    if (ts.isPropertyAssignment(declaration)) return this.slotOf(declaration.initializer) ?? symbol;
    if (ts.isParameter(declaration)) return this.#ofParameter(declaration) ?? symbol;
    if (ts.isPropertyDeclaration(declaration)) {
      if (declaration.initializer) return this.slotOf(declaration.initializer) ?? symbol;
      return this.#assignedInConstructor(declaration.parent, symbol.getName()) ?? symbol;
    }
    // JavaScript classes declare fields by assigning `this.x = …` in the constructor.
    if (ts.isPropertyAccessExpression(declaration) && ts.isBinaryExpression(declaration.parent)) {
      const klass = ts.findAncestor(declaration, ts.isClassLike);
      return (klass && this.#assignedInConstructor(klass, symbol.getName())) ?? symbol;
    }
    return symbol;
  }

  #assignedInConstructor(klass: ts.ClassLikeDeclaration, name: string): Slot | null {
    const constructor = klass.members.find(ts.isConstructorDeclaration);
    if (!constructor?.body) return null;
    const assigned: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        node.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        node.left.name.text === name
      ) {
        assigned.push(node.right);
      }
      if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
    };
    ts.forEachChild(constructor.body, visit);
    return assigned.length === 1 && assigned[0] ? this.slotOf(assigned[0]) : null;
  }

  /** A parameter every caller fills from the same slot is that slot. */
  #ofParameter(parameter: ts.ParameterDeclaration): Slot | null {
    const fn = parameter.parent;
    if (!ts.isFunctionLike(fn)) return null;
    const position = fn.parameters.indexOf(parameter);
    let calls: readonly (ts.CallExpression | ts.NewExpression)[];
    if (ts.isConstructorDeclaration(fn)) {
      const symbol = this.index.checker.getSymbolAtLocation((fn.parent as ts.ClassDeclaration).name ?? fn.parent);
      calls = symbol ? this.index.instantiationsOf(symbol) : [];
    } else {
      calls = this.index.callsOf(fn);
    }
    if (calls.length === 0) return null;
    const slots = new Set(
      calls.map((call) => {
        const argument = call.arguments?.[position];
        return argument ? this.slotOf(argument) : null;
      }),
    );
    return slots.size === 1 && !slots.has(null) ? ([...slots][0] ?? null) : null;
  }
}

/** The expressions a function returns (an arrow's expression body counts). */
export function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return found;
}
