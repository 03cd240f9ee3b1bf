/**
 * Questions about session variables: which variable holds the session for
 * an id at a given place, how a session variable is used, and making its
 * calls fit core's `Session` (whose operations all return promises).
 */
import type { ASTNode, ASTPath, Identifier, JSCodeshift } from 'jscodeshift';
import { canAwaitAt, isReferenceIdentifier, methodCall } from './ast.js';
import type { RuleContext } from './context.js';

/** Core `Session` operations, all asynchronous (the old ones were synchronous). */
export const ASYNC_SESSION_METHODS = new Set([
  'addThread',
  'getThread',
  'removeThread',
  'getAllThreads',
  'recordAnalysis',
  'getLastAnalysis',
  'getSessionInfo',
  'getVersionInfo',
  'validateVersion',
  'validateSecurity',
  'atomicUpdate',
  'clearSecurityFlags',
  'exportState',
]);

/** What old code did with a session object that core's `Session` also offers, under the same name. */
const SESSION_PROPERTIES = new Set(['sessionId']);

/**
 * Pool methods that give a core session for an id (their first argument).
 * `getSession` exists on the old manager too: its result only counts as a
 * core session when the file's manager is (or becomes) core's.
 */
const CORE_ONLY_PROVIDERS = new Set(['createSession', 'requireSession']);

interface ScopeLike {
  lookup(name: string): ScopeLike | null;
  getBindings(): Record<string, ASTPath[]>;
  path: ASTPath;
}

function scopeOf(path: ASTPath): ScopeLike | null {
  return (path as unknown as { scope?: ScopeLike | null }).scope ?? null;
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

/** `await X.getSession(id)` / `requireSession` / `createSession`: the id argument. */
function providedSessionId(init: ASTNode | null | undefined, poolSessionsAreCore: boolean): ASTNode | null {
  if (init?.type !== 'AwaitExpression') return null;
  const call = methodCall((init as { argument: ASTNode }).argument);
  if (!call || !(CORE_ONLY_PROVIDERS.has(call.method) || (call.method === 'getSession' && poolSessionsAreCore))) return null;
  return (call.call.arguments[0] as ASTNode | undefined) ?? null;
}

export function isSessionProvider(init: ASTNode | null | undefined, poolSessionsAreCore: boolean): boolean {
  return providedSessionId(init, poolSessionsAreCore) !== null;
}

/**
 * The variable holding the core session for `id` where `site` is: the
 * nearest earlier `const s = await <pool>.getSession(id)` (or
 * `requireSession` / `createSession`) in an enclosing block, or the
 * callback parameter of `withSession(id, …, (s) => …)`. Null when none (or
 * when a nearer declaration shadows it).
 */
export function sessionVariableFor(j: JSCodeshift, site: ASTPath, id: ASTNode, poolSessionsAreCore: boolean): string | null {
  const idText = stableText(j, id);
  if (idText === null) return null;
  let child: ASTPath = site;
  let current = site.parent as ASTPath | null;
  while (current) {
    const node = current.node as { type: string; body?: unknown; params?: ASTNode[] };
    const list = node.type === 'BlockStatement' || node.type === 'Program' ? (node.body as ASTNode[]) : null;
    if (list) {
      const index = list.indexOf(child.node);
      for (let i = index - 1; i >= 0; i--) {
        const statement = list[i] as { type: string; declarations?: { id: ASTNode; init?: ASTNode | null }[] };
        if (statement.type !== 'VariableDeclaration') continue;
        for (const declarator of statement.declarations ?? []) {
          if (declarator.id.type !== 'Identifier') continue;
          if (stableText(j, providedSessionId(declarator.init, poolSessionsAreCore)) !== idText) continue;
          const name = (declarator.id as Identifier).name;
          return resolvesToSameDeclaration(site, current, name) ? name : null;
        }
      }
    }
    // withSession(id, options, (session) => { … })
    if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') {
      const call = methodCall(current.parent?.node);
      const param = node.params?.[0];
      if (call?.method === 'withSession' && current.parent && param?.type === 'Identifier' && stableText(j, call.call.arguments[0] as ASTNode) === idText) {
        return (param as Identifier).name;
      }
    }
    child = current;
    current = current.parent as ASTPath | null;
  }
  return null;
}

function resolvesToSameDeclaration(site: ASTPath, declaredIn: ASTPath, name: string): boolean {
  const atSite = scopeOf(site)?.lookup(name);
  const atDeclaration = scopeOf(declaredIn)?.lookup(name);
  return atSite !== undefined && atSite === atDeclaration && (atSite?.getBindings()[name]?.length ?? 0) === 1;
}

export type SessionUse =
  /** `s.method(...)` with `method` a core Session operation. */
  | { kind: 'call'; path: ASTPath; method: string }
  /** `s.sessionId` */
  | { kind: 'property'; path: ASTPath }
  /** `void s`: evaluated and dropped, whatever its type */
  | { kind: 'discarded'; path: ASTPath }
  /** Anything core's Session cannot stand in for: described for the marker. */
  | { kind: 'escape'; path: ASTPath; description: string };

/** The references of a local variable (or parameter), excluding its declaration. Null when its scope is ambiguous. */
export function localReferences(j: JSCodeshift, declaration: ASTPath, name: string): ASTPath<Identifier>[] | null {
  const scope = scopeOf(declaration)?.lookup(name) ?? null;
  if (!scope) return null;
  // ast-types gives block-scoped declarations their function's scope: two `const x` in one function are ambiguous.
  if ((scope.getBindings()[name]?.length ?? 0) !== 1) return null;
  const references: ASTPath<Identifier>[] = [];
  j(scope.path)
    .find(j.Identifier, { name })
    .forEach((path: ASTPath<Identifier>) => {
      if (!isReferenceIdentifier(path) || scopeOf(path)?.lookup(name) !== scope) return;
      const parent = path.parent?.node as { type: string; id?: ASTNode } | undefined;
      if (parent?.type === 'VariableDeclarator' && parent.id === path.node) return;
      if (path.name === 'params' || (path.parent?.node as { params?: ASTNode[] } | undefined)?.params?.includes(path.node)) return;
      references.push(path);
    });
  return references;
}

/** Sorts each reference of a session variable into what core supports and what it does not. */
export function classifySessionUses(references: readonly ASTPath[]): SessionUse[] {
  return references.map((reference): SessionUse => {
    const parent = reference.parent as ASTPath | null;
    const parentNode = parent?.node as { type: string; object?: ASTNode; property?: ASTNode & { name?: string }; computed?: boolean } | undefined;
    if (parent && (parentNode?.type === 'MemberExpression' || parentNode?.type === 'OptionalMemberExpression') && reference.name === 'object' && parentNode.computed !== true) {
      const member = parentNode.property?.name ?? '';
      const grand = parent.parent as ASTPath | null;
      const isCall = (grand?.node.type === 'CallExpression' || grand?.node.type === 'OptionalCallExpression') && parent.name === 'callee';
      if (isCall && ASYNC_SESSION_METHODS.has(member)) return { kind: 'call', path: grand as ASTPath, method: member };
      const isWrite = grand?.node.type === 'AssignmentExpression' && parent.name === 'left';
      if (!isCall && !isWrite && SESSION_PROPERTIES.has(member)) return { kind: 'property', path: parent };
      return { kind: 'escape', path: reference, description: isCall ? `.${member}()` : `.${member}` };
    }
    if (parentNode?.type === 'UnaryExpression' && (parentNode as { operator?: string }).operator === 'void') return { kind: 'discarded', path: reference };
    const how =
      parentNode?.type === 'ReturnStatement'
        ? 'returned'
        : parentNode?.type === 'CallExpression' || parentNode?.type === 'NewExpression'
          ? 'passed to a function'
          : parentNode?.type === 'Property' || parentNode?.type === 'ObjectProperty' || parentNode?.type === 'ArrayExpression'
            ? 'stored in an object'
            : parentNode?.type === 'AssignmentExpression'
              ? 'assigned'
              : 'used as a value';
    return { kind: 'escape', path: reference, description: how };
  });
}

/** Uses core does not support, listed once each for a marker (`.threads, passed to a function`). */
export function describeEscapes(uses: readonly SessionUse[]): string | null {
  const descriptions = [...new Set(uses.flatMap((use) => (use.kind === 'escape' ? [use.description] : [])))];
  return descriptions.length === 0 ? null : descriptions.join(', ');
}

/** A session call that needs `await` where none may be inserted. */
export function callsNeedingAwaitOutsideAsync(uses: readonly SessionUse[]): SessionUse[] {
  return uses.filter((use) => use.kind === 'call' && !isAwaited(use.path) && !canAwaitAt(use.path));
}

function isAwaited(call: ASTPath): boolean {
  let current = call.parent as ASTPath | null;
  while (current?.node.type === 'ParenthesizedExpression' || current?.node.type === 'TSNonNullExpression') current = current.parent as ASTPath | null;
  return current?.node.type === 'AwaitExpression';
}

/**
 * Makes a session variable's calls fit core: `await` where missing (only
 * inside async functions; elsewhere a marker), and `recordAnalysis(p, r,
 * active, abstained)` → `recordAnalysis(p, r)` (core counts them itself).
 */
export function adaptSessionCalls(context: RuleContext, uses: readonly SessionUse[], variable: string): void {
  const { j } = context;
  for (const use of uses) {
    if (use.kind !== 'call' || context.isAcknowledged(use.path)) continue;
    const call = use.path.node as { arguments: ASTNode[] };
    if (use.method === 'recordAnalysis' && call.arguments.length === 4) {
      call.arguments = call.arguments.slice(0, 2);
    }
    if (isAwaited(use.path)) continue;
    if (canAwaitAt(use.path)) {
      use.path.replace(j.awaitExpression(use.path.node as Parameters<JSCodeshift['awaitExpression']>[0]));
    } else {
      context.mark(use.path, `${variable}.${use.method}() returns a promise on core's Session: await it (this function is not async)`);
    }
  }
}

/** Module-level names imported from core (or its sibling modules under `--target relative`): local → core name. */
export function coreImportLocals(j: JSCodeshift, root: ReturnType<JSCodeshift>): Map<string, string> {
  const locals = new Map<string, string>();
  root.find(j.ImportDeclaration).forEach((path) => {
    const specifier = (path.node.source as { value?: unknown }).value;
    if (typeof specifier !== 'string' || !isCoreModuleSpecifier(specifier)) return;
    for (const s of path.node.specifiers ?? []) {
      if (s.type === 'ImportSpecifier' && s.local) locals.set(String(s.local.name), String(s.imported.name));
    }
  });
  return locals;
}

function isCoreModuleSpecifier(specifier: string): boolean {
  if (specifier === '@sessionkit/core') return true;
  if (!specifier.startsWith('.')) return false;
  const file = specifier.slice(specifier.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/, '');
  return file === 'session';
}

/** Variables that hold a core session: from `await <pool>.getSession/requireSession/createSession(…)`, core-`Session`-typed parameters, `withSession` callbacks. */
export function coreSessionVariables(j: JSCodeshift, root: ReturnType<JSCodeshift>, poolSessionsAreCore: boolean): { name: string; declaration: ASTPath }[] {
  const found: { name: string; declaration: ASTPath }[] = [];
  root.find(j.VariableDeclarator).forEach((path) => {
    if (path.node.id.type === 'Identifier' && isSessionProvider(path.node.init as ASTNode | null, poolSessionsAreCore)) {
      found.push({ name: path.node.id.name, declaration: path });
    }
  });
  const sessionTypes = new Set([...coreImportLocals(j, root)].flatMap(([local, imported]) => (imported === 'Session' ? [local] : [])));
  root.find(j.Function).forEach((fn) => {
    const params = (fn.node as { params: ASTNode[] }).params;
    params.forEach((param, index) => {
      if (param.type !== 'Identifier') return;
      const name = (param as Identifier).name;
      const annotation = (param as { typeAnnotation?: { typeAnnotation?: { type: string; typeName?: ASTNode } } }).typeAnnotation?.typeAnnotation;
      const typed = annotation?.type === 'TSTypeReference' && annotation.typeName?.type === 'Identifier' && sessionTypes.has((annotation.typeName as Identifier).name);
      const call = methodCall(fn.parent?.node);
      const sessionCallback = index === 0 && call?.method === 'withSession' && fn.parent?.node === call.call && (call.call.arguments as ASTNode[])[2] === fn.node;
      if (typed || sessionCallback) found.push({ name, declaration: fn.get('params', index) as ASTPath });
    });
  });
  return found;
}
