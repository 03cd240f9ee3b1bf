/**
 * Phase 2, step by step: the old create sequence → `manager.createSession`.
 *
 *   const session = new ContextSwitcherSession(id, new Date(), { topic });
 *   const security = new SessionSecurity(id);
 *   session.clientBinding = security.createClientBinding(secretKey);
 *   const added = await manager.addSession(session);
 *   if (!added) throw new SessionError('full');
 * →
 *   const session = await manager.createSession(id, { topic });
 *
 * with a marker for the dropped `if (!added)` (createSession throws
 * `SessionCapacityError` instead) and one for the per-call secret key (keys
 * live on the manager now). The sequence is only rewritten when every use
 * of the session is one core's `Session` supports; otherwise, and for any
 * shape not shown above, the code stays as it is with a marker.
 */
import type { ASTNode, ASTPath, Identifier, JSCodeshift } from 'jscodeshift';
import {
  canAwaitAt,
  isObjectExpression,
  isObjectProperty,
  methodCall,
  parseExpression,
  propertyKeyName,
  removeStatements,
  soleDeclarator,
} from '../lib/ast.js';
import type { Rule, RuleContext } from '../lib/context.js';
import { defineTransform } from '../lib/define-transform.js';
import { exposedOldTypes, markExposures } from '../lib/exposed-types.js';
import { managerHeldByImporters } from '../lib/manager-api.js';
import { isMarkerComment } from '../lib/migration-marker.js';
import type { OldUse } from '../lib/old-bindings.js';
import { adaptSessionCalls, callsNeedingAwaitOutsideAsync, classifySessionUses, describeEscapes, localReferences } from '../lib/sessions.js';
import { KEY_RING_REASON } from './session-operations.js';

export const CAPACITY_CHECK_REASON =
  'removed the `if (!added)` check after addSession: createSession throws SessionCapacityError when the pool is full (handle it where this is called if needed)';

const MANUAL = 'create it with `await manager.createSession(id, { topic })` by hand';

type Statement = ASTNode & { type: string };

interface Sequence {
  /** Statements to remove (besides the session declaration, which is replaced). */
  remove: Statement[];
  manager: ASTNode;
  key: ASTNode | null;
  droppedCapacityCheck: boolean;
}

function isNegationOf(test: ASTNode, name: string): boolean {
  const node = test as { type: string; operator?: string; argument?: ASTNode };
  return (
    node.type === 'UnaryExpression' && node.operator === '!' && (node.argument as Identifier | undefined)?.name === name && node.argument?.type === 'Identifier'
  );
}

/** `await M.addSession(session)` → M. */
function addSessionManager(node: ASTNode | null | undefined, session: string): ASTNode | null {
  if (node?.type !== 'AwaitExpression') return null;
  const call = methodCall((node as { argument: ASTNode }).argument);
  const args = call?.call.arguments as ASTNode[] | undefined;
  if (!call || call.method !== 'addSession' || args?.length !== 1 || (args[0] as Identifier).name !== session || args[0]?.type !== 'Identifier') return null;
  return call.receiver;
}

/** `M.addSession(session)` anywhere in these statements without `await` (as source text), else null. */
function unawaitedAddSession(j: JSCodeshift, statements: readonly Statement[], session: string): string | null {
  for (const statement of statements) {
    const found = j(statement)
      .find(j.CallExpression)
      .filter((path) => {
        const call = methodCall(path.node);
        const [argument] = (call?.call.arguments ?? []) as ASTNode[];
        return (
          call?.method === 'addSession' &&
          argument?.type === 'Identifier' &&
          (argument as Identifier).name === session &&
          path.parent?.node.type !== 'AwaitExpression'
        );
      })
      .paths()[0];
    if (found) return j(found.node).toSource();
  }
  return null;
}

function identifiersIn(j: JSCodeshift, node: ASTNode): Set<string> {
  const names = new Set<string>();
  j(node)
    .find(j.Identifier)
    .forEach((path) => {
      names.add(path.node.name);
    });
  if (node.type === 'Identifier') names.add((node as Identifier).name);
  return names;
}

function declaredNames(statement: Statement): string[] {
  if (statement.type === 'VariableDeclaration') {
    return (statement as unknown as { declarations: { id: ASTNode }[] }).declarations.flatMap((d) =>
      d.id.type === 'Identifier' ? [(d.id as Identifier).name] : [],
    );
  }
  if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') {
    const id = (statement as { id?: Identifier | null }).id;
    return id ? [id.name] : [];
  }
  return [];
}

/**
 * Finds the rest of the sequence after `const <session> = new ContextSwitcherSession(…)`
 * in the same block, or says why it cannot be migrated.
 */
function findSequence(
  context: RuleContext,
  list: Statement[],
  start: number,
  session: string,
  securityClass: (node: ASTNode) => boolean,
  initBinding: ASTNode | null,
  inAsyncFunction: boolean,
): Sequence | string {
  const { j } = context;
  const remove: Statement[] = [];
  let key: ASTNode | null = null;
  let security: string | null = null;

  // The binding: `session.clientBinding = sec.createClientBinding(key)` (or in the init object).
  const bindingCall = (node: ASTNode | null | undefined): { security: string; key: ASTNode | null } | null => {
    const call = methodCall(node);
    if (!call || call.method !== 'createClientBinding' || call.receiver.type !== 'Identifier') return null;
    return { security: (call.receiver as Identifier).name, key: (call.call.arguments as ASTNode[])[0] ?? null };
  };
  if (initBinding) {
    const found = bindingCall(initBinding);
    if (!found) return 'its clientBinding comes from somewhere other than SessionSecurity#createClientBinding';
    ({ security, key } = found);
  }

  let manager: ASTNode | null = null;
  let droppedCapacityCheck = false;
  const declaredBetween = new Set<string>();
  for (let index = start + 1; index < list.length && manager === null; index++) {
    const statement = list[index] as Statement;
    const expression = statement.type === 'ExpressionStatement' ? (statement as unknown as { expression: ASTNode }).expression : null;

    // session.clientBinding = security.createClientBinding(key);
    if (expression?.type === 'AssignmentExpression') {
      const assignment = expression as unknown as { left: ASTNode & { object?: ASTNode; property?: Identifier }; right: ASTNode };
      if (
        assignment.left.type === 'MemberExpression' &&
        (assignment.left.object as Identifier | undefined)?.name === session &&
        assignment.left.property?.name === 'clientBinding'
      ) {
        const found = bindingCall(assignment.right);
        if (!found || security !== null) return 'its clientBinding is assigned from something other than one SessionSecurity#createClientBinding';
        ({ security, key } = found);
        remove.push(statement);
        continue;
      }
    }
    // await manager.addSession(session);
    const awaited = addSessionManager(expression, session);
    if (awaited) {
      manager = awaited;
      remove.push(statement);
      break;
    }
    // const added = await manager.addSession(session); [if (!added) …]
    if (statement.type === 'VariableDeclaration') {
      const declarations = (statement as unknown as { declarations: { id: ASTNode; init?: ASTNode | null }[] }).declarations;
      const only = declarations.length === 1 ? declarations[0] : undefined;
      const found = only ? addSessionManager(only.init, session) : null;
      if (found && only?.id.type === 'Identifier') {
        const added = (only.id as Identifier).name;
        const following = list[index + 1] as (Statement & { test?: ASTNode; alternate?: ASTNode | null }) | undefined;
        const checks = following?.type === 'IfStatement' && !following.alternate && following.test !== undefined && isNegationOf(following.test, added);
        const declaration = context.root
          .find(j.VariableDeclarator, { id: { name: added } })
          .filter((p) => p.node === only)
          .paths()[0];
        const references = declaration ? localReferences(j, declaration, added) : null;
        if (references === null || references.length !== (checks ? 1 : 0))
          return `the result of addSession (${added}) is used beyond an \`if (!${added})\` check`;
        manager = found;
        remove.push(statement);
        if (checks && following) {
          remove.push(following);
          droppedCapacityCheck = true;
        }
        break;
      }
    }
    // if (!(await manager.addSession(session))) …
    if (statement.type === 'IfStatement') {
      const test = (statement as unknown as { test: ASTNode; alternate?: ASTNode | null }).test as { type: string; operator?: string; argument?: ASTNode };
      const found = test.type === 'UnaryExpression' && test.operator === '!' ? addSessionManager(test.argument, session) : null;
      if (found && !(statement as unknown as { alternate?: ASTNode | null }).alternate) {
        manager = found;
        remove.push(statement);
        droppedCapacityCheck = true;
        break;
      }
    }
    for (const name of declaredNames(statement)) declaredBetween.add(name);
  }
  if (manager === null) {
    const added = unawaitedAddSession(j, list.slice(start + 1), session);
    if (added === null) return 'the session is not added with `await manager.addSession(session)` later in this block';
    return inAsyncFunction
      ? `the session is added with \`${added}\`, not awaited: await it first unless something relies on it running in the background`
      : `the session is added with \`${added}\`, not awaited: this function is not async, and createSession must be awaited`;
  }
  for (const name of identifiersIn(j, manager)) {
    if (declaredBetween.has(name)) return `the manager expression uses ${name}, declared after the session`;
  }

  // The SessionSecurity used for the binding, when its only job was that binding.
  if (security !== null) {
    const securityIndex = list.findIndex((statement) => {
      if (statement.type !== 'VariableDeclaration') return false;
      const declarations = (statement as unknown as { declarations: { id: ASTNode; init?: ASTNode | null }[] }).declarations;
      return (
        declarations.length === 1 &&
        (declarations[0]?.id as Identifier).name === security &&
        declarations[0]?.init != null &&
        securityClass(declarations[0].init)
      );
    });
    if (securityIndex === -1) return `${security} is not a \`new SessionSecurity(id)\` declared in this block`;
    const declarator = context.root
      .find(j.VariableDeclarator)
      .filter((p) => p.parent?.node === list[securityIndex])
      .paths()[0];
    const references = declarator ? localReferences(j, declarator, security) : null;
    if (references === null || references.length !== 1) return `${security} (SessionSecurity) is used for more than this binding`;
    remove.push(list[securityIndex] as Statement);
  }
  return { remove, manager, key, droppedCapacityCheck };
}

type Mode = 'check' | 'apply' | 'mark';

/**
 * One `new ContextSwitcherSession(…)`: `check` says whether it can be
 * migrated (changing nothing), `apply` migrates it or marks why not, `mark`
 * only writes the given reason (the whole file stays on the old manager).
 */
function migrateConstruction(context: RuleContext, use: OldUse, oldNodes: Map<ASTNode, OldUse>, mode: Mode, blockedReason = ''): boolean {
  const fail = (path: ASTPath, reason: string): boolean => {
    if (mode !== 'check') context.mark(path, reason);
    return false;
  };
  const { j } = context;
  const construction = use.path.parent as ASTPath;
  if (use.path.name !== 'callee' || construction.node.type !== 'NewExpression' || context.isAcknowledged(construction)) return true;
  const declarator = construction.parent as ASTPath;
  const declaratorNode = declarator.node as { type: string; id?: ASTNode; init?: ASTNode };
  const declaration = declarator.parent as ASTPath | null;
  const list = declaration?.parentPath?.value as Statement[] | undefined;
  const declarationNode = declaration?.node as { type: string; declarations?: unknown[] } | undefined;
  if (
    declaratorNode.type !== 'VariableDeclarator' ||
    declaratorNode.id?.type !== 'Identifier' ||
    declaratorNode.init !== construction.node ||
    declarationNode?.type !== 'VariableDeclaration' ||
    declarationNode.declarations?.length !== 1 ||
    !Array.isArray(list) ||
    !declaration
  ) {
    return fail(construction, `a ContextSwitcherSession built outside \`const session = new ContextSwitcherSession(…)\`: ${MANUAL}`);
  }
  const session = (declaratorNode.id as Identifier).name;
  const [id, createdAt, init, ...extra] = (construction.node as { arguments: ASTNode[] }).arguments;
  const createdNow =
    createdAt === undefined ||
    (createdAt.type === 'NewExpression' &&
      (createdAt as { callee: Identifier }).callee.name === 'Date' &&
      (createdAt as { arguments: unknown[] }).arguments.length === 0);
  if (!id || extra.length > 0 || !createdNow) {
    return fail(construction, `the session is created with a createdAt other than now: createSession cannot do that (Session.restoreFromState can); ${MANUAL}`);
  }
  let initBinding: ASTNode | null = null;
  let hasTopic = false;
  if (init !== undefined) {
    const properties = isObjectExpression(init) ? init.properties : null;
    const usable = properties?.every((property) => isObjectProperty(property) && ['topic', 'clientBinding'].includes(propertyKeyName(property) ?? ''));
    if (!properties || !usable) {
      return fail(construction, `the session init holds more than { topic, clientBinding }: ${MANUAL}`);
    }
    for (const property of properties) {
      if (!isObjectProperty(property)) continue;
      if (propertyKeyName(property) === 'topic') hasTopic = true;
      else initBinding = property.value;
    }
  }

  const references = localReferences(j, declarator, session);
  if (references === null) {
    return fail(construction, `${session} is declared more than once in this function: ${MANUAL}`);
  }
  const index = list.indexOf(declaration.node as Statement);
  const securityClass = (node: ASTNode): boolean =>
    node.type === 'NewExpression' && oldNodes.get((node as { callee: ASTNode }).callee)?.name === 'SessionSecurity';
  const sequence = findSequence(context, list, index, session, securityClass, initBinding, canAwaitAt(construction));
  if (typeof sequence === 'string') {
    return fail(construction, `${sequence}: ${MANUAL}`);
  }

  // Every other use of the session must be something core's Session does.
  const removed = new Set<ASTNode>(sequence.remove);
  const inSequence = (path: ASTPath): boolean => {
    for (let current: ASTPath | null = path; current; current = current.parent as ASTPath | null) if (removed.has(current.node)) return true;
    return false;
  };
  const uses = classifySessionUses(references.filter((reference) => !inSequence(reference)));
  const escapes = describeEscapes(uses);
  if (escapes !== null) {
    return fail(construction, `${session} is used in ways core's Session does not support (${escapes}): ${MANUAL}`);
  }
  if (!canAwaitAt(construction) || callsNeedingAwaitOutsideAsync(j, uses).length > 0) {
    return fail(construction, `createSession must be awaited and this code is not in an async function: ${MANUAL}`);
  }
  if (mode === 'check') return true;
  if (mode === 'mark') return fail(construction, blockedReason);

  // The init object is reused as is (`{ topic }` keeps its text), or re-rendered on one line without clientBinding.
  let options: ASTNode[] = [];
  if (init !== undefined && isObjectExpression(init) && hasTopic) {
    const topicOnly = init.properties.filter((property) => isObjectProperty(property) && propertyKeyName(property) === 'topic');
    options = [initBinding === null ? init : parseExpression(j, `{ ${topicOnly.map((property) => j(property).toSource()).join(', ')} }`)];
  }
  const created = j.awaitExpression(
    j.callExpression(j.memberExpression(sequence.manager as Parameters<JSCodeshift['memberExpression']>[0], j.identifier('createSession')), [
      id,
      ...options,
    ] as Parameters<JSCodeshift['callExpression']>[1]),
  );
  // In source order, so each developer comment on a removed statement moves down to the next statement that stays.
  const inOrder = [...sequence.remove].sort((a, b) => list.indexOf(a) - list.indexOf(b)).filter((statement) => list.includes(statement));
  removeStatements(
    j,
    inOrder.map((statement) => (declaration.parentPath as ASTPath).get(list.indexOf(statement)) as ASTPath),
  );
  // The declaration stays (only its initializer changes), so recast keeps the spacing around it.
  // Markers an earlier run left on it were about the old sequence.
  const statement = declaration.node as unknown as { comments?: { value: string }[] | null };
  if (statement.comments) statement.comments = statement.comments.filter((comment) => !isMarkerComment(comment));
  construction.replace(created);
  if (sequence.droppedCapacityCheck) context.mark(declaration, CAPACITY_CHECK_REASON);
  if (sequence.key !== null) context.mark(declaration, KEY_RING_REASON);
  const sessionUses = classifySessionUses(localReferences(j, declaration.get('declarations', 0) as ASTPath, session) ?? []);
  adaptSessionCalls(context, sessionUses, session);
  return true;
}

/** addSession calls that no create sequence in the file accounts for. */
function looseAddSessions(context: RuleContext, builtSessions: ReadonlySet<ASTNode | null>): ASTPath[] {
  const { j } = context;
  return context.root
    .find(j.CallExpression)
    .filter((path) => {
      const call = methodCall(path.node);
      if (call?.method !== 'addSession' || context.isAcknowledged(path)) return false;
      const argument = (call.call.arguments as ASTNode[])[0];
      return !(argument?.type === 'Identifier' && builtSessions.has(soleDeclarator(path, (argument as Identifier).name)?.node ?? null));
    })
    .paths();
}

const LOOSE_ADD_SESSION_REASON =
  'addSession(session) is gone from core: build and add the session in one step with `await manager.createSession(id, { topic })`';

export const rule: Rule = {
  name: 'session-creation',
  run(context) {
    const uses = context.oldUses();
    const oldNodes = new Map(uses.map((use) => [use.path.node, use]));
    const constructions = uses.filter((use) => use.name === 'ContextSwitcherSession');
    const builtSessions = new Set<ASTNode | null>(
      constructions.flatMap((use) => {
        const declarator = use.path.parent?.parent as ASTPath | undefined;
        return declarator?.node.type === 'VariableDeclarator' ? [declarator.node] : [];
      }),
    );
    const loose = looseAddSessions(context, builtSessions);
    // createSession lives on core's manager only: while some addSession in this file stays, the
    // file's old SessionManager stays too, and so does every create sequence of the file.
    const usesOldManager = uses.some((use) => use.name === 'SessionManager');
    const stuck = constructions.filter((use) => !migrateConstruction(context, use, oldNodes, 'check')).length + loose.length;
    const heldByImporters = usesOldManager && managerHeldByImporters(context);
    const blocked = usesOldManager && (stuck > 0 || heldByImporters);
    const blockedReason =
      stuck > 0
        ? `this file keeps the old SessionManager (${stuck} addSession call${stuck === 1 ? '' : 's'} cannot move to createSession), so this create sequence stays too: ${MANUAL}`
        : `this file keeps the old SessionManager (other files of this run get it from here, see the marker on the export), so this create sequence stays too: ${MANUAL}`;
    if (heldByImporters) markExposures(context, exposedOldTypes(context));
    for (const use of constructions) migrateConstruction(context, use, oldNodes, blocked ? 'mark' : 'apply', blockedReason);
    for (const path of loose) context.mark(path, LOOSE_ADD_SESSION_REASON);
  },
};

export default defineTransform([rule]);
