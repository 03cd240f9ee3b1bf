/**
 * Where code runs holding a session's lock, and what such code reaches.
 *
 * Core's per-session lock is not re-entrant: while `session.atomicUpdate(async
 * () => …)` runs, every other operation on that session waits for the update
 * to finish, so one the update itself awaits never settles. The old lock
 * blocks (`const release = await lm.acquireLock(id); try { … } finally {
 * release(); }`, `lm.withLock(id, fn)`, `concurrency.synchronizedUpdate(fn)`)
 * take that same lock through the adapter. So a session call inside any of
 * them must not become an awaited core operation, and a lock block whose
 * body works on the session must not become an `atomicUpdate` callback.
 */
import type { ASTNode, ASTPath, Identifier, JSCodeshift } from 'jscodeshift';
import { isFunctionNode, isReferenceIdentifier, methodCall, scopeOf, stableText } from './ast.js';

/** Methods whose function argument runs holding a session's lock (core's, and the old ones the adapter maps onto it). */
const LOCKED_CALLBACK_METHODS = new Set(['atomicUpdate', 'withLock', 'synchronizedUpdate']);

/** Methods that hand out a session (or the old data object of one) for an id, on any manager, old or core. */
const SESSION_PROVIDER_METHODS = new Set([
  'getSession',
  'requireSession',
  'createSession',
  'peekSession',
  'withSession',
  'sessionContext',
  'getSessionAtomic',
  'getSessionData',
]);

/** Patterns between a declared name and its declarator (`const [session] = …`, `const { data } = …`). */
const PATTERN_TYPES = new Set(['ArrayPattern', 'ObjectPattern', 'ObjectProperty', 'Property', 'AssignmentPattern', 'RestElement']);

/** `const release = await <lock manager>.acquireLock(id)`: the statement that opens an old lock block. */
export function lockAcquisition(statement: unknown): { release: string; receiver: ASTNode; id: ASTNode | undefined } | null {
  const node = statement as { type?: string; declarations?: { id: ASTNode; init?: ASTNode | null }[] } | null | undefined;
  const declarator = node?.type === 'VariableDeclaration' && node.declarations?.length === 1 ? node.declarations[0] : undefined;
  if (declarator?.id.type !== 'Identifier' || declarator.init?.type !== 'AwaitExpression') return null;
  const call = methodCall((declarator.init as { argument: ASTNode }).argument);
  if (call?.method !== 'acquireLock') return null;
  return { release: (declarator.id as Identifier).name, receiver: call.receiver, id: (call.call.arguments as ASTNode[])[0] };
}

/** Whether `path` runs holding a session lock: inside a locked callback, or in the `try` of an old lock block. */
export function insideLockSection(path: ASTPath): boolean {
  let child: ASTPath = path;
  let current = path.parent as ASTPath | null;
  while (current) {
    const call = isFunctionNode(child.node) ? methodCall(current.node) : null;
    if (call && LOCKED_CALLBACK_METHODS.has(call.method) && (call.call.arguments as ASTNode[]).includes(child.node)) return true;
    if (current.node.type === 'TryStatement' && child.name === 'block') {
      const list = current.parentPath?.value as unknown[] | undefined;
      const index = typeof current.name === 'number' ? current.name : -1;
      if (Array.isArray(list) && index > 0 && lockAcquisition(list[index - 1]) !== null) return true;
    }
    child = current;
    current = current.parent as ASTPath | null;
  }
  return false;
}

/** The local names under which a file knows the session types, classes and the old `getSessionData`. */
export interface SessionNames {
  /** Types whose values are sessions or their data: `Session`, `SessionData`, `ContextSwitcherSession`, and aliases. */
  readonly types: ReadonlySet<string>;
  /** Functions and classes that make or fetch one: `getSessionData`, `new ContextSwitcherSession`, and aliases. */
  readonly makers: ReadonlySet<string>;
}

/** Every type name a type annotation mentions (`Session | null` → Session). */
function typeNamesIn(j: JSCodeshift, annotation: ASTNode | null | undefined): string[] {
  if (!annotation) return [];
  return j(annotation)
    .find(j.TSTypeReference)
    .nodes()
    .flatMap((reference) => {
      const name = reference.typeName as { type: string; name?: string; right?: { name?: string } };
      return name.type === 'Identifier' && name.name ? [name.name] : name.right?.name ? [name.right.name] : [];
    });
}

/** A call that makes or fetches a session: a provider method, `getSessionData(…)`, `new ContextSwitcherSession(…)`. */
function makesSession(node: ASTNode, names: SessionNames): boolean {
  const type = node.type;
  if (type !== 'CallExpression' && type !== 'NewExpression' && type !== 'OptionalCallExpression') return false;
  const method = methodCall(node)?.method;
  if (method !== undefined && SESSION_PROVIDER_METHODS.has(method)) return true;
  const callee = (node as { callee: ASTNode & { name?: string; property?: { name?: string } } }).callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.property?.name;
  return name !== undefined && names.makers.has(name);
}

/** The expression, or part of it, makes or fetches a session (`await getSessionManager().requireSession(id)`). */
function producesSession(j: JSCodeshift, node: ASTNode, names: SessionNames): boolean {
  // A collection's `find` looks below its root only.
  return (
    makesSession(node, names) ||
    j(node)
      .find(j.Node)
      .some((path) => makesSession(path.node as ASTNode, names))
  );
}

/**
 * A binding (the identifier of a declaration) that holds, or may hold, a
 * session or its data: typed as one, initialized or assigned from something
 * that makes or fetches one, or the session parameter of a `withSession`
 * callback.
 */
function isSessionBinding(j: JSCodeshift, binding: ASTPath, names: SessionNames): boolean {
  const node = binding.node as Identifier & { typeAnnotation?: { typeAnnotation?: ASTNode } | null };
  if (typeNamesIn(j, node.typeAnnotation?.typeAnnotation).some((name) => names.types.has(name))) return true;
  let holder = binding.parent as ASTPath | null;
  while (holder && PATTERN_TYPES.has(holder.node.type)) holder = holder.parent as ASTPath | null;
  const declarator = holder?.node as { type: string; init?: ASTNode | null } | undefined;
  if (declarator?.type === 'VariableDeclarator' && declarator.init && producesSession(j, declarator.init, names)) return true;
  if (holder && isFunctionNode(holder.node)) {
    const call = methodCall(holder.parent?.node);
    if (call && (call.method === 'withSession' || call.method === 'sessionContext')) return true;
  }
  const scope = scopeOf(binding);
  if (!scope) return false;
  return j(scope.path)
    .find(j.AssignmentExpression, { left: { type: 'Identifier', name: node.name } })
    .some((assignment) => producesSession(j, assignment.node.right as ASTNode, names));
}

/** The function an identifier names where `at` is, when this file declares it (`function f() {}`, `const f = () => …`). */
function localFunction(at: ASTPath, name: string): ASTPath | null {
  const bindings = scopeOf(at)?.lookup(name)?.getBindings()[name];
  if (bindings?.length !== 1) return null;
  const binding = bindings[0];
  const declaration = binding?.parent as ASTPath | null | undefined;
  // The name must be what the declaration declares, not one of its parameters.
  if (!binding || !declaration || binding.name !== 'id') return null;
  if (declaration.node.type === 'FunctionDeclaration') return declaration;
  const init = (declaration.node as { type: string; init?: ASTNode | null }).init;
  return declaration.node.type === 'VariableDeclarator' && init && isFunctionNode(init) ? (declaration.get('init') as ASTPath) : null;
}

/**
 * What in these statements (or functions) may reach the locked session,
 * described for a marker, or null when nothing does. Looked for: the
 * session variable itself, the lock's id, any variable that holds or may
 * hold a session or its data, anything that fetches a session, `this`, and
 * the same in the functions of this file they call. Functions from other
 * modules are not followed.
 */
export function whatReachesTheSession(
  j: JSCodeshift,
  bodies: readonly ASTPath[],
  lock: { session: string | null; id: ASTNode | undefined },
  names: SessionNames,
): string | null {
  const found = new Set<string>();
  const idText = stableText(j, lock.id);
  const idName = lock.id?.type === 'Identifier' ? (lock.id as Identifier).name : null;
  const visited = new Set<ASTNode>();
  const holdsSession = new Map<ASTNode, boolean>();
  const isSession = (binding: ASTPath): boolean => {
    let known = holdsSession.get(binding.node);
    if (known === undefined) holdsSession.set(binding.node, (known = isSessionBinding(j, binding, names)));
    return known;
  };
  const visit = (body: ASTPath): void => {
    if (visited.has(body.node)) return;
    visited.add(body.node);
    j(body)
      .find(j.Node)
      .forEach((nodePath) => {
        const path = nodePath as unknown as ASTPath;
        const node = path.node as ASTNode & { type: string };
        if (node.type === 'ThisExpression') {
          found.add('`this`');
        } else if (node.type === 'Identifier' && isReferenceIdentifier(path)) {
          const name = (node as Identifier).name;
          if (name === lock.session) found.add(name);
          else if (name === idName) found.add(`its id ${name}`);
          else if (scopeOf(path)?.lookup(name)?.getBindings()[name]?.some(isSession) === true) found.add(name);
        } else if (node.type === 'MemberExpression' && idName === null && idText !== null && stableText(j, node) === idText) {
          found.add(`its id ${idText}`);
        } else if (node.type === 'CallExpression' || node.type === 'NewExpression') {
          if (makesSession(node, names)) found.add(`${node.type === 'NewExpression' ? 'new ' : ''}${j(node.callee as ASTNode).toSource()}(…)`);
          const callee = (node as { callee: ASTNode }).callee;
          const called = node.type === 'CallExpression' && callee.type === 'Identifier' ? localFunction(path, (callee as Identifier).name) : null;
          if (called) visit(called);
        }
      });
  };
  for (const body of bodies) visit(body);
  return found.size === 0 ? null : [...found].join(', ');
}

/**
 * What in a locked callback (`withLock(id, fn)`, `synchronizedUpdate(fn)`)
 * may reach the locked session, as `whatReachesTheSession` says; a callback
 * that is not a function of this file cannot be looked into, so it may.
 */
export function whatCallbackReaches(
  j: JSCodeshift,
  callback: ASTPath,
  lock: { session: string | null; id: ASTNode | undefined },
  names: SessionNames,
): string | null {
  const node = callback.node as ASTNode & { name?: string };
  const fn = isFunctionNode(node) ? callback : node.type === 'Identifier' && node.name ? localFunction(callback, node.name) : null;
  if (fn === null) return `${j(node).toSource()} is defined elsewhere`;
  return whatReachesTheSession(j, [fn], lock, names);
}
