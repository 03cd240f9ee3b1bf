/**
 * Questions about session variables: which variable holds the session for
 * an id at a given place, how a session variable is used, and making its
 * calls fit core's `Session` (whose operations all return promises).
 */
import type { ASTNode, ASTPath, Identifier, JSCodeshift } from 'jscodeshift';
import { canAwaitAt, enclosingFunction, isReferenceIdentifier, methodCall, scopeOf, stableText } from './ast.js';
import type { RuleContext } from './context.js';
import { isCoreSpecifier } from './legacy-modules.js';
import { insideLockSection } from './lock-sections.js';

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
  /**
   * `s.method(...)` with `method` a core Session operation; `locked` when it
   * runs holding a session's lock (see lock-sections.ts), where core cannot
   * run it while the lock is held.
   */
  | { kind: 'call'; path: ASTPath; method: string; locked: boolean }
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
    if (
      parent &&
      (parentNode?.type === 'MemberExpression' || parentNode?.type === 'OptionalMemberExpression') &&
      reference.name === 'object' &&
      parentNode.computed !== true
    ) {
      const member = parentNode.property?.name ?? '';
      const grand = parent.parent as ASTPath | null;
      const isCall = (grand?.node.type === 'CallExpression' || grand?.node.type === 'OptionalCallExpression') && parent.name === 'callee';
      if (isCall && ASYNC_SESSION_METHODS.has(member))
        return { kind: 'call', path: grand as ASTPath, method: member, locked: insideLockSection(grand as ASTPath) };
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

/**
 * Uses core does not support, listed once each for a marker (`.threads,
 * passed to a function`). A call inside a lock section is one: on core it
 * would wait for the lock its own section holds.
 */
export function describeEscapes(uses: readonly SessionUse[]): string | null {
  const descriptions = new Set(uses.flatMap((use) => (use.kind === 'escape' ? [use.description] : [])));
  const locked = [...new Set(uses.flatMap((use) => (use.kind === 'call' && use.locked ? [`.${use.method}()`] : [])))];
  if (locked.length > 0) descriptions.add(`${locked.join(', ')} inside a session lock (core's lock is not re-entrant)`);
  return descriptions.size === 0 ? null : [...descriptions].join(', ');
}

/** A session call that needs `await` where none may be inserted. */
export function callsNeedingAwaitOutsideAsync(j: JSCodeshift, uses: readonly SessionUse[]): SessionUse[] {
  return uses.filter((use) => use.kind === 'call' && resultUse(j, use.path) === 'value' && !canAwaitAt(use.path));
}

/**
 * What the code around a call does with its result: `awaited` it already;
 * treats it as a `promise` (`.then/.catch/.finally`, hands it to
 * `Promise.all` and friends or to `expect(…).resolves`, `void`s it, keeps it
 * in a variable or array that is awaited or so handled, returns it from a
 * callback whose results are); or uses it as a `value` — everything else,
 * which is what code written for the old synchronous API does.
 */
export type ResultUse = 'awaited' | 'promise' | 'value';

/** Wrappers that pass a value through unchanged. */
const TRANSPARENT_TYPES = new Set([
  'ParenthesizedExpression',
  'TSNonNullExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
  'TypeCastExpression',
]);
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);
const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'any', 'race', 'resolve']);

function memberName(node: ASTNode | null | undefined): string | null {
  const member = node as { type?: string; computed?: boolean; property?: { type: string; name?: string } } | null | undefined;
  if ((member?.type !== 'MemberExpression' && member?.type !== 'OptionalMemberExpression') || member.computed === true) return null;
  return member.property?.type === 'Identifier' ? (member.property.name ?? null) : null;
}

/** `Promise.all(…)` and friends, or `expect(…)` followed by `.resolves` / `.rejects`: calls that take a promise. */
function takesPromise(call: ASTPath): boolean {
  const node = call.node as { callee: ASTNode & { object?: ASTNode & { name?: string }; name?: string } };
  if (node.callee.object?.type === 'Identifier' && node.callee.object.name === 'Promise' && PROMISE_COMBINATORS.has(memberName(node.callee) ?? '')) return true;
  if (node.callee.type === 'Identifier' && node.callee.name === 'expect') return ['resolves', 'rejects'].includes(memberName(call.parent?.node) ?? '');
  return false;
}

/** `function f(): Promise<T>` (or `PromiseLike<T>`): its return value is meant to be a promise. */
function returnsPromiseType(fn: ASTNode | null | undefined): boolean {
  const annotation = (fn as { returnType?: { typeAnnotation?: { type: string; typeName?: { type: string; name?: string } } } | null } | null | undefined)
    ?.returnType?.typeAnnotation;
  return (
    annotation?.type === 'TSTypeReference' && annotation.typeName?.type === 'Identifier' && ['Promise', 'PromiseLike'].includes(annotation.typeName.name ?? '')
  );
}

export function resultUse(j: JSCodeshift, path: ASTPath, followVariables = true): ResultUse {
  let child = path;
  let parent = path.parent as ASTPath | null;
  while (parent && TRANSPARENT_TYPES.has(parent.node.type)) {
    child = parent;
    parent = parent.parent as ASTPath | null;
  }
  if (!parent) return 'value';
  const node = parent.node as ASTNode & { type: string; operator?: string; id?: ASTNode };
  switch (node.type) {
    case 'AwaitExpression':
      return 'awaited';
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return child.name === 'object' && PROMISE_METHODS.has(memberName(node) ?? '') ? 'promise' : 'value';
    case 'CallExpression':
    case 'OptionalCallExpression':
      return child.name !== 'callee' && takesPromise(parent) ? 'promise' : 'value';
    case 'ArrayExpression':
    case 'SpreadElement':
      return resultUse(j, parent, followVariables) === 'value' ? 'value' : 'promise';
    case 'ConditionalExpression':
      return child.name === 'test' ? 'value' : resultUse(j, parent, followVariables);
    case 'UnaryExpression':
      return node.operator === 'void' ? 'promise' : 'value';
    case 'VariableDeclarator': {
      if (!followVariables || child.name !== 'init' || node.id?.type !== 'Identifier') return 'value';
      const references = localReferences(j, parent, (node.id as Identifier).name) ?? [];
      return references.some((reference) => resultUse(j, reference, false) !== 'value') ? 'promise' : 'value';
    }
    case 'ReturnStatement':
    case 'ArrowFunctionExpression': {
      if (node.type === 'ArrowFunctionExpression' && child.name !== 'body') return 'value';
      const fn = node.type === 'ArrowFunctionExpression' ? parent : enclosingFunction(parent);
      // Returned from a function declared to return a promise…
      if (returnsPromiseType(fn?.node)) return 'promise';
      // …or from a callback (`ids.map((id) => s.getThread(id))`) whose results are handled as promises.
      const caller = fn?.parent as ASTPath | null | undefined;
      const isArgument = fn?.parentPath?.name === 'arguments' && (caller?.node.type === 'CallExpression' || caller?.node.type === 'OptionalCallExpression');
      return isArgument && caller && resultUse(j, caller, followVariables) !== 'value' ? 'promise' : 'value';
    }
    default:
      return 'value';
  }
}

/**
 * Makes a session variable's calls fit core: `await` where the result is
 * used as a value (only inside async functions and outside lock sections;
 * elsewhere a marker), never where it is already awaited or handled as a
 * promise; and `recordAnalysis(p, r, active, abstained)` → `recordAnalysis(p,
 * r)` (core counts them itself).
 */
export function adaptSessionCalls(context: RuleContext, uses: readonly SessionUse[], variable: string): void {
  const { j } = context;
  for (const use of uses) {
    if (use.kind !== 'call' || context.isAcknowledged(use.path)) continue;
    const call = use.path.node as { arguments: ASTNode[] };
    if (use.method === 'recordAnalysis' && call.arguments.length === 4) {
      call.arguments = call.arguments.slice(0, 2);
    }
    if (resultUse(j, use.path) !== 'value') continue;
    if (use.locked) {
      context.mark(
        use.path,
        `${variable}.${use.method}() runs inside a lock on a session (maybe this one): core's lock is not re-entrant, so awaited there it would wait for the lock forever; change the \`state\` that atomicUpdate passes, or move the call out of the locked section`,
      );
    } else if (canAwaitAt(use.path)) {
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
    if (typeof specifier !== 'string' || !isCoreSpecifier(specifier)) return;
    for (const s of path.node.specifiers ?? []) {
      if (s.type === 'ImportSpecifier' && s.local) locals.set(String(s.local.name), String(s.imported.name));
    }
  });
  return locals;
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
      const typed =
        annotation?.type === 'TSTypeReference' && annotation.typeName?.type === 'Identifier' && sessionTypes.has((annotation.typeName as Identifier).name);
      const call = methodCall(fn.parent?.node);
      const sessionCallback =
        index === 0 && call?.method === 'withSession' && fn.parent?.node === call.call && (call.call.arguments as ASTNode[])[2] === fn.node;
      if (typed || sessionCallback) found.push({ name, declaration: fn.get('params', index) as ASTPath });
    });
  });
  return found;
}
