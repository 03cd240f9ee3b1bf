/**
 * Old members → core, by what the receiver is (the checker knows: a
 * manager, a session record, session data, a client binding, the stats, an
 * analysis). Reads and calls that core has under the same name stay; the
 * rest follow the table below, `await`ed where core is async (the function
 * around them becomes async, see async.ts). A member with no counterpart
 * blocks the migration of the file, with the reason.
 */
import ts from 'typescript';
import { adaptDate, adaptThreads, isWritten, oldStatsField, oldStatsProjection } from './adapt.js';
import { isStable, skipOuter } from './expressions.js';
import type { FilePlan } from './file-plan.js';
import { isListedRecord } from './listed.js';
import { ACCESS_COUNT_NOTE, VERSION_NOTE } from './notes.js';

type Text = (node: ts.Node) => string;

interface Site {
  plan: FilePlan;
  access: ts.PropertyAccessExpression;
  call: ts.CallExpression | null;
  /** Text of the receiver, as edited. */
  r: (text: Text) => string;
  args: readonly ts.Expression[];
}

function same(): void {}

function rename(site: Site, to: string): void {
  site.plan.replace(site.access.name, () => to);
}

function replaceCall(site: Site, render: (text: Text) => string, precedence: 'primary' | 'unary' | 'binary' | 'conditional' = 'primary', async = false): void {
  if (async) site.plan.requireAsync(site.access);
  replaceOptional(site, site.call ?? site.access, render, precedence);
}

/** An optional access (`x?.member`) whose rewrite uses `x` other than as a receiver: `(x == null ? undefined : …)`. */
function replaceOptional(site: Site, node: ts.Node, render: (text: Text) => string, precedence: 'primary' | 'unary' | 'binary' | 'conditional'): void {
  const { plan, access } = site;
  if (!access.questionDotToken) return plan.replace(node, render, precedence);
  if (!isStable(access.expression)) return plan.block(access, 'an optional call on a computed receiver: store the receiver in a variable, then run again');
  plan.replace(node, (text) => `${text(access.expression)} == null ? undefined : ${render(text)}`, 'conditional');
  continueChain(plan, node);
}

/** After `a?.b` became `(a == null ? undefined : …)`, the rest of the chain (`.c`) must short-circuit by itself: `?.c`. */
function continueChain(plan: FilePlan, replaced: ts.Node): void {
  let current = replaced;
  let parent = current.parent;
  while (
    parent &&
    ts.isOptionalChain(parent) &&
    (parent as ts.PropertyAccessExpression | ts.CallExpression | ts.ElementAccessExpression).expression === current
  ) {
    const chained = parent as ts.PropertyAccessExpression | ts.CallExpression | ts.ElementAccessExpression;
    if (!chained.questionDotToken) {
      if (ts.isPropertyAccessExpression(chained)) plan.edits.insert(chained.name.getStart() - 1, '?');
      else if (ts.isCallExpression(chained)) plan.edits.insert(chained.arguments.pos - 1, '?.');
      else plan.edits.insert(chained.argumentExpression.getStart() - 1, '?.');
    }
    current = chained;
    parent = current.parent;
  }
}

function arg(site: Site, index: number, text: Text): string {
  const node = site.args[index];
  return node ? text(node) : 'undefined';
}

function upsertThread(site: Site): void {
  const { plan, call } = site;
  const thread = site.args[0];
  if (!call || !thread) return plan.block(site.access, 'addThread without a thread');
  const statement = ts.isAwaitExpression(call.parent) ? call.parent.parent : call.parent;
  const indent = plan.indentAt(site.access);
  const unit = plan.indentUnit;
  const simple = ts.isIdentifier(skipOuter(thread));
  // The old addThread replaced a thread of the same name; core's refuses one. Keep the old upsert.
  plan.requireAsync(site.access);
  const body = (text: Text): string =>
    simple
      ? `(state) => {\n${indent}${unit}state.threads.set(${text(thread)}.name, ${text(thread)});\n${indent}}`
      : `(state) => {\n${indent}${unit}const thread = ${reindent(text(thread), indent, indent + unit)};\n${indent}${unit}state.threads.set(thread.name, thread);\n${indent}}`;
  if (!ts.isExpressionStatement(statement)) return plan.block(site.access, 'addThread used as a value (it returned nothing): call it as a statement');
  replaceOptional(site, call, (text) => `await ${site.r(text)}.atomicUpdate(${body(text)})`, 'unary');
}

function reindent(text: string, from: string, to: string): string {
  return text
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(from) ? to + line.slice(from.length) : line))
    .join('\n');
}

/** Members shared by the old session record and session data. */
function sessionMember(site: Site, member: string, isRecord: boolean): void {
  const { plan, access, call } = site;
  const r = site.r;
  switch (call ? `${member}()` : member) {
    case 'sessionId':
      return same();
    case 'topic':
      if (isWritten(access)) return topicWrite(site);
      return same();
    case 'createdAt':
      return adaptDate(
        plan,
        access,
        (text) => `${r(text)}.createdAt`,
        (text) => `${r(text)}.createdAtMs`,
      );
    case 'threads':
      if (access.questionDotToken) return plan.block(access, 'optional access to threads: use `await session.getAllThreads()`');
      return adaptThreads(plan, access, r);
    case 'analyses': {
      const parent = access.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'length' && !isWritten(parent))
        return plan.replace(parent, (text) => `${r(text)}.analysisCount`);
      return plan.block(access, 'the analyses array is used directly: core exposes `analysisCount`, `getLastAnalysis()` and `exportState().analyses`');
    }
    case 'addThread()':
      return upsertThread(site);
    case 'getThread()': {
      // Old: undefined for a missing thread; core: null. Where `??` follows anyway, the difference does not show.
      const parent = (call ?? access).parent;
      const coalesced = ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken && parent.left === (call ?? access);
      if (coalesced) return replaceCall(site, (text) => `await ${r(text)}.getThread(${arg(site, 0, text)})`, 'unary', true);
      return replaceCall(site, (text) => `(await ${r(text)}.getThread(${arg(site, 0, text)})) ?? undefined`, 'binary', true);
    }
    case 'removeThread()':
      return replaceCall(site, (text) => `await ${r(text)}.removeThread(${arg(site, 0, text)})`, 'unary', true);
    case 'recordAnalysis()':
      // Core counts active and abstaining perspectives itself (an answer of exactly `[NO_RESPONSE]` abstains).
      return replaceCall(site, (text) => `await ${r(text)}.recordAnalysis(${arg(site, 0, text)}, ${arg(site, 1, text)})`, 'unary', true);
    case 'getLastAnalysis()':
      return replaceCall(site, (text) => `await ${r(text)}.getLastAnalysis()`, 'unary', true);
  }
  if (isRecord) return recordMember(site, member);
  return dataMember(site, member);
}

function topicWrite(site: Site): void {
  const { plan, access } = site;
  const assignment = access.parent as ts.BinaryExpression;
  if (!ts.isExpressionStatement(assignment.parent) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken)
    return plan.block(access, 'the topic is changed inside an expression: write it as `await session.atomicUpdate((state) => { state.topic = … })`');
  plan.requireAsync(access);
  plan.replace(
    assignment.parent,
    (text) =>
      `await ${site.r(text)}.atomicUpdate((state) => {\n${plan.indentAt(access)}${plan.indentUnit}state.topic = ${text(assignment.right)};\n${plan.indentAt(access)}});`,
  );
}

function recordMember(site: Site, member: string): void {
  const { plan, access, call } = site;
  const r = site.r;
  switch (call ? `${member}()` : member) {
    case 'clientBinding':
      if (isWritten(access)) return plan.block(access, 'the client binding is replaced: core makes and checks bindings itself');
      return replaceCall(site, (text) => `(await ${r(text)}.getSessionInfo()).client_binding`, 'primary', true);
    case 'version':
      plan.mark(access, VERSION_NOTE);
      return same();
    case 'accessCount':
      plan.mark(access, ACCESS_COUNT_NOTE);
      return replaceCall(site, (text) => `(await ${r(text)}.getSessionInfo()).metrics.access_count`, 'primary', true);
    case 'lastAccessed':
      return replaceCall(site, (text) => `new Date((await ${r(text)}.getVersionInfo()).lastAccessed)`, 'primary', true);
    default:
      return plan.block(access, `the old session's ${member} has no core counterpart (security events and access bookkeeping live inside core's Session)`);
  }
}

function dataMember(site: Site, member: string): void {
  const { plan, access, call } = site;
  const r = site.r;
  switch (call ? `${member}()` : member) {
    case 'getThreadCount()':
      return replaceCall(site, (text) => `${r(text)}.threadCount`);
    case 'getAnalysisCount()':
      return replaceCall(site, (text) => `${r(text)}.analysisCount`);
    case 'getThreadNames()':
      return replaceCall(site, (text) => `[...(await ${r(text)}.getAllThreads()).keys()]`, 'primary', true);
    case 'clearAnalyses()':
      return replaceCall(
        site,
        (text) => `await ${r(text)}.atomicUpdate((state) => {\n${plan.indentAt(access)}${plan.indentUnit}state.analyses = [];\n${plan.indentAt(access)}})`,
        'unary',
        true,
      );
    default:
      return plan.block(access, `SessionData#${member} has no core counterpart: use the Session's own methods (getAllThreads, getLastAnalysis, exportState)`);
  }
}

function managerMember(site: Site, member: string): void {
  const { plan, access, call } = site;
  const r = site.r;
  // Methods core has under the same name, called or taken as a reference (`manager.getSession.bind(manager)`).
  if (
    [
      'getSession',
      'removeSession',
      'listActiveSessions',
      'cleanupExpiredSessions',
      'getStats',
      'getMostRecentSession',
      'maxSessions',
      'sessionTtlHours',
    ].includes(member)
  )
    return same();
  switch (call ? `${member}()` : member) {
    case 'startCleanupTask()':
      return rename(site, 'startBackgroundCleanup');
    case 'stopCleanupTask()':
      return rename(site, 'stopBackgroundCleanup');
    case 'cleanupIntervalMinutes':
      return plan.replace(access, (text) => `${r(text)}.cleanupIntervalSeconds / 60`, 'binary');
    case 'sessionContext()': {
      const topic = site.args[1];
      if (!topic || site.args.length !== 3)
        return plan.block(access, 'sessionContext with an unusual argument list: use `manager.withSession(id, { topic }, fn)`');
      rename(site, 'withSession');
      const bare = skipOuter(topic);
      const unset = bare.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(bare) && bare.text === 'undefined');
      return plan.replace(topic, (text) => (unset ? '{}' : ts.isIdentifier(bare) && bare.text === 'topic' ? '{ topic }' : `{ topic: ${text(topic)} }`));
    }
    case '_isExpired()': {
      const session = site.args[0];
      if (!session) return plan.block(access, '_isExpired without a session');
      return replaceCall(site, (text) => `${text(session)}.isExpired(${r(text)}.sessionTtlHours)`);
    }
    case 'getSessionAtomic()':
      plan.mark(access, VERSION_NOTE);
      return replaceCall(
        site,
        (text) => `${r(text)}.getSession(${arg(site, 0, text)}).then((session) => [session, session?.version ?? -1]${plan.js ? '' : ' as const'})`,
      );
    case 'validateSessionVersion()': {
      const expected = site.args[1];
      if (!expected || !isStable(expected))
        return plan.block(access, 'validateSessionVersion with a computed version: compare `(await manager.getSession(id))?.version` yourself');
      plan.mark(access, VERSION_NOTE);
      return replaceCall(site, (text) => `${r(text)}.getSession(${arg(site, 0, text)}).then((session) => session?.version === ${text(expected)})`);
    }
    default:
      return plan.block(
        access,
        `SessionManager#${member} has no core counterpart (addSession is part of the create sequence, \`await manager.createSession(id, { topic })\`)`,
      );
  }
}

/** An entry of `listActiveSessions()`: core's SessionInfo, a snapshot with snake_case fields. */
function infoMember(site: Site, member: string): void {
  const { plan, access, call } = site;
  const r = site.r;
  const field = (name: string): void => plan.replace(access, (text) => `${r(text)}${access.questionDotToken ? '?.' : '.'}${name}`);
  switch (call ? `${member}()` : member) {
    case 'sessionId':
      return field('session_id');
    case 'topic':
      return same();
    case 'createdAt':
      return adaptDate(plan, access, (text) => `${r(text)}.created_at`, null);
    case 'version':
      plan.mark(access, VERSION_NOTE);
      return same();
    case 'clientBinding':
      return field('client_binding');
    case 'threads': {
      const parent = access.parent;
      if (
        ts.isCallExpression(parent) &&
        parent.arguments[0] === access &&
        ts.isPropertyAccessExpression(parent.expression) &&
        parent.expression.getText() === 'Object.keys'
      ) {
        return plan.replace(parent, (text) => `${r(text)}.thread_names`);
      }
      return plan.block(
        access,
        "threads of a listed session: listActiveSessions() now gives each session's info (thread_names); fetch the session with `await manager.requireSession(id)` for its threads",
      );
    }
    case 'analyses': {
      const parent = access.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'length') return plan.replace(parent, (text) => `${r(text)}.analysis_count`);
      return plan.block(access, "analyses of a listed session: listActiveSessions() now gives each session's info; fetch the session for its analyses");
    }
    default:
      return plan.block(
        access,
        `${member} of a listed session: listActiveSessions() now gives each session's info (a snapshot), not the session; fetch it with \`await manager.requireSession(id)\``,
      );
  }
}

function bindingMember(site: Site, member: string): void {
  const { plan, access, call } = site;
  const r = site.r;
  const dot = access.questionDotToken ? '?.' : '.';
  const lengthOf = (field: string): void => {
    const parent = access.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'length') return plan.replace(parent, (text) => `${r(text)}${dot}${field}`);
    return plan.block(access, `the binding's ${member} list is read: core's binding summary only counts it (${field})`);
  };
  switch (call ? `${member}()` : member) {
    case 'isSuspicious()':
      return plan.replace(call as ts.CallExpression, (text) => `${r(text)}${dot}is_suspicious`);
    case 'validationFailures':
      return plan.replace(access, (text) => `${r(text)}${dot}validation_failures`);
    case 'securityFlags':
      return lengthOf('security_flags_count');
    case 'toolUsageSequence':
      return lengthOf('tool_usage_count');
    case 'lastValidated':
      return adaptDate(plan, access, (text) => `${r(text)}${dot}last_validated`, null);
    default:
      return plan.block(
        access,
        `the client binding's ${member} is not exposed by core (it keeps the binding inside the session; its summary has validation_failures, last_validated, security_flags_count, is_suspicious, tool_usage_count)`,
      );
  }
}

function statsMember(site: Site, member: string): void {
  const { plan, access } = site;
  if (['active_sessions', 'max_sessions', 'session_ttl_hours'].includes(member)) return same();
  if (!isStable(access.expression))
    return plan.block(access, `${member} of a computed stats value: store \`await manager.getStats()\` in a variable, then run again`);
  // Inside a template literal, `${stats.capacity_used}` becomes `${(…).toFixed(1)}%` rather than a template in a template.
  const span = access.parent;
  if (member === 'capacity_used' && ts.isTemplateSpan(span) && span.expression === access) {
    plan.replace(access, (text) => `((${text(access.expression)}.active_sessions / ${text(access.expression)}.max_sessions) * 100).toFixed(1)`);
    plan.edits.insert(span.literal.getStart() + 1, '%');
    return;
  }
  plan.replace(access, (text) => oldStatsField(member, text(access.expression)) ?? text(access), member === 'capacity_used' ? 'primary' : 'conditional');
}

function analysisMember(site: Site, member: string, entry: boolean): void {
  const { plan, access, call } = site;
  const r = site.r;
  if (['prompt', 'responses', 'activeCount', 'abstainedCount'].includes(member)) return same();
  if (entry && member === 'active_count') return rename(site, 'activeCount');
  if (entry && member === 'abstained_count') return rename(site, 'abstainedCount');
  if (member === 'timestamp') return entry ? same() : adaptDate(plan, access, (text) => `${r(text)}.timestamp`, null);
  if (call && member === 'toDict') return rename(site, 'toJSON');
  plan.block(access, `the analysis record's ${member} has no core counterpart`);
}

/**
 * A stats value that leaves the code whole — a property of an object
 * literal, spread, an array element, serialised — keeps the old shape (the
 * code's clients read it). Read field by field, handed to a function typed
 * for it, or returned, it stays core's and its reads are rewritten.
 */
function projectEscapingStats(plan: FilePlan, expression: ts.Expression): void {
  let node: ts.Node = expression;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAwaitExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  const escapes =
    ts.isPropertyAssignment(parent) ||
    ts.isShorthandPropertyAssignment(parent) ||
    ts.isSpreadAssignment(parent) ||
    ts.isSpreadElement(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && !typedForStats(plan, parent, node as ts.Expression));
  if (escapes) oldStatsProjection(plan, ts.isShorthandPropertyAssignment(parent) ? parent.name : (node as ts.Expression));
}

/** The parameter the value is passed to is declared as the old stats. */
function typedForStats(plan: FilePlan, call: ts.CallExpression, argument: ts.Expression): boolean {
  const declaration = plan.checker.getResolvedSignature(call)?.getDeclaration();
  const parameter = declaration?.parameters?.[call.arguments.indexOf(argument)];
  if (!parameter) return false;
  return plan.model.typeInfo(plan.checker.getTypeAtLocation(parameter))?.kind === 'stats';
}

/** An identifier that reads a value (not a declaration's name, a property name or a type). */
function isValueReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if ((parent as ts.NamedDeclaration).name === identifier && !ts.isShorthandPropertyAssignment(parent)) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return false;
  if (ts.isQualifiedName(parent) || ts.isTypeReferenceNode(parent)) return false;
  return true;
}

const HANDLED_KINDS = new Set(['manager', 'record', 'data', 'binding', 'stats', 'analysis', 'entry', 'error']);

/** Rewrites every old member read or call of the file by the table above. */
export function migrateMembers(plan: FilePlan): void {
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    if (ts.isPropertyAccessExpression(node) && !plan.isCovered(node)) visitAccess(plan, node);
    if (
      (ts.isCallExpression(node) || ts.isIdentifier(node) || ts.isAwaitExpression(node)) &&
      !plan.isCovered(node) &&
      plan.model.kindOf(node as ts.Expression)?.kind === 'stats'
    ) {
      const isDeclaration = ts.isIdentifier(node) && !isValueReference(node);
      const isInner = ts.isCallExpression(node) && ts.isAwaitExpression(node.parent);
      if (!isDeclaration && !isInner && !ts.isPropertyAccessExpression(node.parent)) projectEscapingStats(plan, node as ts.Expression);
    }
  };
  visit(plan.sourceFile);
}

function visitAccess(plan: FilePlan, access: ts.PropertyAccessExpression): void {
  const info = plan.model.kindOf(access.expression);
  if (!info || !HANDLED_KINDS.has(info.kind)) return;
  // Only the old class's own members: a subclass's members are the project's.
  const symbol = plan.checker.getSymbolAtLocation(access.name);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  if (!declaration || !plan.model.isOldDeclaration(declaration)) return;
  const parent = access.parent;
  const call = ts.isCallExpression(parent) && parent.expression === access ? parent : null;
  const site: Site = { plan, access, call, r: (text) => text(access.expression), args: call?.arguments ?? [] };
  const member = access.name.text;
  switch (info.kind) {
    case 'manager':
      return managerMember(site, member);
    case 'record':
      if (isListedRecord(plan, access.expression)) return infoMember(site, member);
      return sessionMember(site, member, true);
    case 'data':
      return sessionMember(site, member, false);
    case 'binding':
      return bindingMember(site, member);
    case 'stats':
      return statsMember(site, member);
    case 'analysis':
      return analysisMember(site, member, false);
    case 'entry':
      return analysisMember(site, member, true);
    case 'error':
      if (member === 'context')
        plan.block(access, "the old error's context object is read: core errors carry { cause, expected, actual } instead; keep what you need in the message");
      return;
  }
}
