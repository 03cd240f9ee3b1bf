/**
 * Session operations inside a locked section, as edits of the `state` that
 * `session.atomicUpdate((state) => …)` hands its callback. Core's lock is
 * not re-entrant: inside its own update, a call on the session would wait
 * for the update forever. So a section that works on its session is
 * rewritten to work on the state instead, which is what the section's lock
 * protected in the first place. Everything here is synchronous.
 */
import ts from 'typescript';
import { identifierTexts, skipOuter } from './expressions.js';
import type { FilePlan } from './file-plan.js';

/** Rewrites one use of the session (`receiver` is an alias of it) to the state; false when there is no state form. */
export function toStateOp(plan: FilePlan, access: ts.PropertyAccessExpression, state: string): boolean {
  const member = access.name.text;
  const parent = access.parent;
  const call = ts.isCallExpression(parent) && parent.expression === access ? parent : null;
  const statement = call && ts.isExpressionStatement(call.parent) ? call.parent : null;
  const args = call?.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const arg = (index: number): ts.Expression | undefined => args[index];
  switch (call ? `${member}()` : member) {
    case 'addThread()': {
      const thread = arg(0);
      if (!thread || !call) return false;
      if (ts.isIdentifier(skipOuter(thread))) {
        plan.replace(call, (text) => `${state}.threads.set(${text(thread)}.name, ${text(thread)})`);
        return true;
      }
      if (!statement) return false;
      const name = freshName(statement, 'thread');
      const indent = plan.indentAt(statement);
      plan.replace(statement, (text) => `const ${name} = ${text(thread)};\n${indent}${state}.threads.set(${name}.name, ${name});`);
      return true;
    }
    case 'getThread()':
      return replaceCall(plan, call, (text) => `${state}.threads.get(${text(arg(0) as ts.Expression)})`);
    case 'removeThread()':
      return replaceCall(plan, call, (text) => `${state}.threads.delete(${text(arg(0) as ts.Expression)})`);
    case 'recordAnalysis()': {
      const [prompt, responses] = args;
      if (!prompt || !responses || !call) return false;
      const record = plan.core('AnalysisRecord');
      const push = (text: (node: ts.Node) => string): string =>
        `${state}.analyses.push(${record}.fromResponses(${text(prompt)}, ${text(responses)}, new Date().toISOString()))`;
      if (statement) {
        const indent = plan.indentAt(statement);
        plan.replace(statement, (text) => `${push(text)};\n${indent}${state}.metrics.recordAnalysis(0);`);
      } else {
        plan.replace(call, (text) => `(${push(text)}, ${state}.metrics.recordAnalysis(0))`);
      }
      return true;
    }
    case 'getLastAnalysis()':
      if (!call) return false;
      plan.replace(call, () => `${state}.analyses.at(-1) ?? null`, 'binary');
      return true;
    case 'getThreadCount()':
      return replaceCall(plan, call, () => `${state}.threadCount`);
    case 'getAnalysisCount()':
      return replaceCall(plan, call, () => `${state}.analysisCount`);
    case 'getThreadNames()':
      return replaceCall(plan, call, () => `[...${state}.threads.keys()]`);
    case 'recordAccess()':
      if (!statement) return false;
      plan.removeStatement(statement);
      return true;
    case 'topic':
    case 'version':
    case 'sessionId':
      plan.replace(access, () => `${state}.${member}`);
      return true;
    case 'clientBinding':
      plan.replace(access, () => `${state}.clientBinding?.summary() ?? null`, 'binary');
      return true;
    case 'createdAt':
      return dateOfState(plan, access, state);
    case 'threads':
      return threadsOfState(plan, access, state);
    default:
      return false;
  }
}

function replaceCall(plan: FilePlan, call: ts.CallExpression | null, render: (text: (node: ts.Node) => string) => string): boolean {
  if (!call) return false;
  plan.replace(call, render);
  return true;
}

function dateOfState(plan: FilePlan, access: ts.PropertyAccessExpression, state: string): boolean {
  const outer = access.parent;
  if (ts.isPropertyAccessExpression(outer) && ts.isCallExpression(outer.parent) && outer.parent.arguments.length === 0) {
    if (outer.name.text === 'toISOString') return replaceCall(plan, outer.parent, () => `${state}.createdAt`);
    if (outer.name.text === 'getTime' || outer.name.text === 'valueOf') return replaceCall(plan, outer.parent, () => `${state}.createdAtMs`);
  }
  plan.replace(access, () => `new Date(${state}.createdAtMs)`);
  return true;
}

function threadsOfState(plan: FilePlan, access: ts.PropertyAccessExpression, state: string): boolean {
  const parent = access.parent;
  if (
    ts.isCallExpression(parent) &&
    parent.arguments[0] === access &&
    ts.isPropertyAccessExpression(parent.expression) &&
    ts.isIdentifier(parent.expression.expression) &&
    parent.expression.expression.text === 'Object'
  ) {
    const method = parent.expression.name.text;
    if (method === 'values') return replaceCall(plan, parent, () => `[...${state}.threads.values()]`);
    if (method === 'keys') return replaceCall(plan, parent, () => `[...${state}.threads.keys()]`);
    if (method === 'entries') return replaceCall(plan, parent, () => `[...${state}.threads]`);
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === access && !isAssigned(parent)) {
    plan.replace(parent, (text) => `${state}.threads.get(${text(parent.argumentExpression)})`);
    return true;
  }
  if (isAssigned(access)) return false;
  plan.replace(access, () => `Object.fromEntries(${state}.threads)`);
  return true;
}

function isAssigned(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  );
}

function freshName(node: ts.Node, base: string): string {
  const taken = identifierTexts(node.parent ?? node);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}
