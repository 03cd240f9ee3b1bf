/**
 * Small questions about AST nodes that every transform asks. The `babel`
 * parser (used for .js) produces ESTree shapes (`Literal`, `Property`) while
 * `ts`/`tsx` produce Babel shapes (`StringLiteral`, `ObjectProperty`), so
 * these helpers accept both.
 */
import type { ASTNode, ASTPath, CallExpression, Identifier, JSCodeshift, ObjectExpression } from 'jscodeshift';
import { isMarkerComment } from './migration-marker.js';

type AnyNode = ASTNode & { type: string; [key: string]: unknown };

function asAny(node: unknown): AnyNode | null {
  return node !== null && typeof node === 'object' && typeof (node as { type?: unknown }).type === 'string' ? (node as AnyNode) : null;
}

/** The value of a string literal (either AST shape, or a template without expressions). */
export function stringValue(node: unknown): string | null {
  const n = asAny(node);
  if (n === null) return null;
  if ((n.type === 'StringLiteral' || n.type === 'Literal') && typeof n['value'] === 'string') return n['value'];
  if (n.type === 'TemplateLiteral') {
    const quasis = n['quasis'] as { value: { cooked?: string | null } }[];
    const expressions = n['expressions'] as unknown[];
    if (expressions.length === 0 && quasis.length === 1) return quasis[0]?.value.cooked ?? null;
  }
  return null;
}

export function isObjectProperty(node: unknown): node is AnyNode & { key: ASTNode; value: ASTNode; computed?: boolean; shorthand?: boolean } {
  const n = asAny(node);
  return n !== null && (n.type === 'ObjectProperty' || (n.type === 'Property' && n['kind'] === 'init' && n['method'] !== true));
}

/** The static name of a property key (`a`, `'a'`), or null when computed. */
export function propertyKeyName(property: { key: ASTNode; computed?: boolean }): string | null {
  if (property.computed === true) return null;
  const key = asAny(property.key);
  if (key?.type === 'Identifier') return key['name'] as string;
  return stringValue(property.key);
}

export function makeProperty(j: JSCodeshift, key: string, value: ASTNode, estree: boolean): ASTNode {
  const keyNode = j.identifier(key);
  const shorthand = value.type === 'Identifier' && (value as Identifier).name === key;
  const property = estree
    ? j.property('init', keyNode, value as Parameters<JSCodeshift['property']>[2])
    : j.objectProperty(keyNode, value as Parameters<JSCodeshift['objectProperty']>[1]);
  (property as { shorthand?: boolean }).shorthand = shorthand;
  return property;
}

/** `require('x')` with one string argument: returns 'x'. */
export function requiredSpecifier(node: unknown): string | null {
  const n = asAny(node);
  if (n?.type !== 'CallExpression') return null;
  const callee = asAny(n['callee']);
  const args = n['arguments'] as unknown[];
  if (callee?.type !== 'Identifier' || callee['name'] !== 'require' || args.length !== 1) return null;
  return stringValue(args[0]);
}

/** `x.name(...)` (also `x?.name(...)`): the call's receiver and method name. */
export function methodCall(node: unknown): { receiver: ASTNode; method: string; call: CallExpression } | null {
  const n = asAny(node);
  if (n?.type !== 'CallExpression' && n?.type !== 'OptionalCallExpression') return null;
  const callee = asAny(n['callee']);
  if (callee === null || (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression')) return null;
  if (callee['computed'] === true) return null;
  const property = asAny(callee['property']);
  if (property?.type !== 'Identifier') return null;
  return { receiver: callee['object'] as ASTNode, method: property['name'] as string, call: n as unknown as CallExpression };
}

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
  'MethodDefinition',
]);

export function isFunctionNode(node: unknown): boolean {
  const n = asAny(node);
  return n !== null && FUNCTION_TYPES.has(n.type);
}

/** The nearest function around a path, or null at module level. */
export function enclosingFunction(path: ASTPath): ASTPath | null {
  let current: ASTPath | null = path.parent as ASTPath | null;
  while (current) {
    if (isFunctionNode(current.node)) return current;
    current = current.parent as ASTPath | null;
  }
  return null;
}

/**
 * What ast-types' scope objects offer (jscodeshift types `path.scope` as
 * `any`). A block-scoped declaration gets its function's scope.
 */
export interface ScopeLike {
  readonly isGlobal: boolean;
  /** The path of the node that opens the scope (a function, the program). */
  readonly path: ASTPath;
  /** The scope that declares `name`, from this one outwards; null when none does. */
  lookup(name: string): ScopeLike | null;
  getBindings(): Record<string, ASTPath[]>;
}

export function scopeOf(path: ASTPath): ScopeLike | null {
  return (path as unknown as { scope?: ScopeLike | null }).scope ?? null;
}

/** The declarator of `name` where `path` is, when exactly one declaration binds it (`const x = …`). */
export function soleDeclarator(path: ASTPath, name: string): ASTPath | null {
  const bindings = scopeOf(path)?.lookup(name)?.getBindings()[name];
  if (bindings?.length !== 1) return null;
  const declarator = bindings[0]?.parent as ASTPath | null | undefined;
  return declarator?.node.type === 'VariableDeclarator' ? declarator : null;
}

/** Source text of a side-effect-free expression (an identifier, a member chain, a literal), else null. */
export function stableText(j: JSCodeshift, node: ASTNode | null | undefined): string | null {
  if (!node) return null;
  const simple = (n: ASTNode): boolean => {
    const any = n as { type: string; object?: ASTNode; computed?: boolean; property?: ASTNode };
    if (any.type === 'Identifier' || any.type === 'StringLiteral' || any.type === 'Literal' || any.type === 'ThisExpression') return true;
    if (any.type === 'MemberExpression' && any.object && any.property) return simple(any.object) && (!any.computed || simple(any.property));
    return false;
  };
  return simple(node) ? j(node).toSource() : null;
}

/** `await` may be inserted here: inside an async function (never at module level, never in a sync callback). */
export function canAwaitAt(path: ASTPath): boolean {
  const fn = enclosingFunction(path);
  if (fn === null) return false;
  const node = fn.node as AnyNode;
  if (node.type === 'MethodDefinition') return (asAny(node['value'])?.['async'] ?? false) === true;
  return node['async'] === true;
}

const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'StaticBlock', 'TSModuleBlock', 'SwitchCase']);

/** The statement (an element of a statement list) that contains a path: markers go above it. */
export function enclosingStatement(path: ASTPath): ASTPath | null {
  let current: ASTPath | null = path;
  while (current) {
    const parent = current.parent as ASTPath | null;
    if (parent && STATEMENT_LISTS.has((parent.node as AnyNode).type) && Array.isArray(current.parentPath?.value)) {
      return current;
    }
    current = parent;
  }
  return null;
}

/** True when the path is an identifier used as a TypeScript type (not `typeof X`, which names a value). */
export function isTypePosition(path: ASTPath): boolean {
  let current: ASTPath = path;
  for (;;) {
    const parent = current.parent as ASTPath | null;
    if (!parent) return false;
    const type: string = (parent.node as AnyNode).type;
    if (type === 'TSQualifiedName') {
      current = parent;
      continue;
    }
    return (
      type === 'TSTypeReference' ||
      type === 'TSExpressionWithTypeArguments' ||
      type === 'TSInterfaceHeritage' ||
      type === 'TSClassImplements' ||
      type === 'TSImportType'
    );
  }
}

/** Property keys, member names and labels share the Identifier node type without naming a binding. */
export function isReferenceIdentifier(path: ASTPath): boolean {
  const parent = path.parent as ASTPath | null;
  if (!parent) return false;
  const parentNode = parent.node as AnyNode;
  const field = path.name;
  const parentType: string = parentNode.type;
  switch (parentType) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return field !== 'property' || parentNode['computed'] === true;
    case 'Property':
    case 'ObjectProperty':
    case 'ClassProperty':
    case 'ClassPrivateProperty':
    case 'PropertyDefinition':
    case 'ObjectMethod':
    case 'ClassMethod':
    case 'MethodDefinition':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
    case 'TSEnumMember':
    case 'TSAbstractMethodDefinition':
    case 'TSDeclareMethod':
      return field !== 'key' || parentNode['computed'] === true;
    case 'TSQualifiedName':
      return field === 'left';
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
      return false;
    case 'ExportSpecifier': {
      // `export { X } from 'm'` names m's export, not a binding of this file.
      const declaration = parent.parent?.node as { source?: unknown } | undefined;
      return field === 'local' && !declaration?.source;
    }
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    case 'MetaProperty':
      return false;
    default:
      return true;
  }
}

export function isObjectExpression(node: unknown): node is ObjectExpression {
  return asAny(node)?.type === 'ObjectExpression';
}

/**
 * An expression parsed from text. Recast prints what it parsed verbatim,
 * while a new object literal built with the builders always spreads over
 * several lines; `{ topic }` should stay `{ topic }`.
 */
export function parseExpression(j: JSCodeshift, code: string): ASTNode {
  const declarator = j(`const expression = ${code};`).find(j.VariableDeclarator).paths()[0]?.node as { init?: ASTNode } | undefined;
  if (!declarator?.init) throw new Error(`could not build: ${code}`);
  return declarator.init;
}

/** Makes recast print a node afresh (its children are still reused), e.g. to drop parentheses it kept. */
export function reprint(path: ASTPath): void {
  const { loc: _loc, original: _original, start: _start, end: _end, extra: _extra, ...rest } = path.node as unknown as Record<string, unknown>;
  path.replace(rest as unknown as ASTNode);
}

/**
 * Replaces a statement in place, keeping its comments (markers excepted:
 * they were about the old code) and its location: recast derives the blank
 * lines around a statement from its location, so the replacement sits
 * exactly where the old code was.
 */
export function replaceKeepingComments(path: ASTPath, replacement: ASTNode): void {
  const old = path.node as { comments?: { value: string }[] | null; loc?: unknown };
  const target = replacement as { comments?: unknown[] | null; loc?: unknown };
  // Markers described the code being replaced: they go with it.
  const kept = (old.comments ?? []).filter((comment) => !isMarkerComment(comment));
  if (kept.length > 0) target.comments = [...kept, ...(target.comments ?? [])];
  if (old.loc) target.loc = old.loc;
  path.replace(replacement);
}

/** Removes a statement, moving its leading comments (a file header, say) to the next statement. Markers go with it. */
export function removeStatement(j: JSCodeshift, path: ASTPath): void {
  removeStatements(j, [path]);
}

/**
 * Removes statements of one or more statement lists. Their leading comments
 * (markers excepted: they were about the removed code) move, in order, to
 * the next statement that stays; at the end of a list, below the last one
 * that stays. A developer's note is never dropped with the code it sat on.
 */
export function removeStatements(j: JSCodeshift, paths: readonly ASTPath[]): void {
  type Comment = { type: string; value: string; leading?: boolean; trailing?: boolean };
  type Commented = { comments?: Comment[] | null };
  const removing = new Set<unknown>(paths.map((path) => path.node));
  // How many moved comments each receiving statement already got in front of its own.
  const received = new Map<Commented, number>();
  for (const path of paths) {
    const container = path.parentPath?.value as Commented[] | undefined;
    const leading = ((path.node as Commented).comments ?? []).filter((comment) => comment.leading !== false && !isMarkerComment(comment));
    if (leading.length === 0 || !Array.isArray(container)) continue;
    const index = container.indexOf(path.node as Commented);
    const next = container.slice(index + 1).find((node) => !removing.has(node));
    const previous = container
      .slice(0, index)
      .reverse()
      .find((node) => !removing.has(node));
    if (next) {
      // Fresh comment nodes: recast would otherwise keep the old spacing around them.
      const copies = leading.map((comment) =>
        comment.type === 'CommentBlock' || comment.type === 'Block' ? j.commentBlock(comment.value, true, false) : j.commentLine(comment.value, true, false),
      );
      const comments = next.comments ?? [];
      const at = received.get(next) ?? 0;
      next.comments = [...comments.slice(0, at), ...copies, ...comments.slice(at)];
      received.set(next, at + copies.length);
    } else if (previous) {
      // Kept with their location, so recast prints them on their own lines below `previous`.
      previous.comments = [...(previous.comments ?? []), ...leading.map((comment) => ({ ...comment, leading: false, trailing: true }))];
    }
  }
  for (const path of paths) {
    const container = path.parentPath?.value as unknown[] | undefined;
    const index = Array.isArray(container) ? container.indexOf(path.node) : -1;
    // Indices shift as siblings go: prune through a fresh path to the node.
    if (index !== -1) ((path.parentPath as ASTPath).get(index) as ASTPath).prune();
    else path.prune();
  }
}
