/**
 * Value shapes that changed between the old objects and core: Dates that are
 * ISO strings now, thread records that are Maps behind async calls, the old
 * stats that are computed differently. Each helper rewrites the uses around
 * one old member access so the code sees the old shape.
 */
import ts from 'typescript';
import type { FilePlan } from './file-plan.js';

type Text = (node: ts.Node) => string;

/**
 * An old Date member whose core counterpart is an ISO string (`iso`) and,
 * when known, epoch milliseconds (`ms`): `.toISOString()` reads the string,
 * `.getTime()` the milliseconds, anything else gets a Date.
 */
export function adaptDate(plan: FilePlan, access: ts.PropertyAccessExpression, iso: (text: Text) => string, ms: ((text: Text) => string) | null): void {
  const outer = access.parent;
  const call =
    ts.isPropertyAccessExpression(outer) &&
    outer.expression === access &&
    ts.isCallExpression(outer.parent) &&
    outer.parent.expression === outer &&
    outer.parent.arguments.length === 0
      ? outer.parent
      : null;
  const method = call ? (outer as ts.PropertyAccessExpression).name.text : null;
  const millis = ms ?? ((text: Text) => `Date.parse(${iso(text)})`);
  if (call && method === 'toISOString') return plan.replace(call, iso);
  if (call && (method === 'getTime' || method === 'valueOf')) return plan.replace(call, millis);
  plan.replace(access, (text) => `new Date(${millis(text)})`);
}

/** `x.threads` of old data: a record of threads by name, now behind `getAllThreads()` / `getThread(name)`. */
export function adaptThreads(plan: FilePlan, access: ts.PropertyAccessExpression, receiver: (text: Text) => string): void {
  const parent = access.parent;
  plan.requireAsync(access);
  if (
    ts.isCallExpression(parent) &&
    parent.arguments[0] === access &&
    parent.arguments.length === 1 &&
    ts.isPropertyAccessExpression(parent.expression) &&
    ts.isIdentifier(parent.expression.expression) &&
    parent.expression.expression.text === 'Object'
  ) {
    const method = parent.expression.name.text;
    if (method === 'values') return plan.replace(parent, (text) => `[...(await ${receiver(text)}.getAllThreads()).values()]`);
    if (method === 'keys') return plan.replace(parent, (text) => `[...(await ${receiver(text)}.getAllThreads()).keys()]`);
    if (method === 'entries') return plan.replace(parent, (text) => `[...(await ${receiver(text)}.getAllThreads())]`);
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === access && !isWritten(parent)) {
    return plan.replace(parent, (text) => `((await ${receiver(text)}.getThread(${text(parent.argumentExpression)})) ?? undefined)`);
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.InKeyword && parent.right === access) {
    return plan.replace(parent, (text) => `((await ${receiver(text)}.getThread(${text(parent.left)})) !== null)`);
  }
  if (isWritten(access) || (ts.isElementAccessExpression(parent) && isWritten(parent)) || ts.isDeleteExpression(parent.parent)) {
    return plan.block(
      access,
      "threads are written directly: core keeps threads behind the session's lock; use `await session.addThread(thread)` / `removeThread(name)`",
    );
  }
  plan.replace(access, (text) => `Object.fromEntries(await ${receiver(text)}.getAllThreads())`);
}

/** Whether a node is assigned or incremented (written, not read). */
export function isWritten(node: ts.Node): boolean {
  const parent = node.parent;
  if (
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  )
    return true;
  return (
    (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
    [ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(parent.operator)
  );
}

/** The old stats fields core computes differently, from core's ManagerStats (`r` must be stable). */
export function oldStatsField(field: string, r: string): string | null {
  switch (field) {
    case 'capacity_used':
      return `\`\${((${r}.active_sessions / ${r}.max_sessions) * 100).toFixed(1)}%\``;
    case 'oldest_session':
    case 'newest_session': {
      const age = `${r}.${field}_age_seconds`;
      return `${age} === null ? null : new Date(Date.now() - Math.round(${age} * 1000)).toISOString()`;
    }
    case 'active_sessions':
    case 'max_sessions':
    case 'session_ttl_hours':
      return `${r}.${field}`;
    default:
      return null;
  }
}

/** The old stats object, built from core's: where the whole object leaves the code (returned, serialised), its shape is kept. */
export function oldStatsProjection(plan: FilePlan, expression: ts.Expression): void {
  const fields = ['active_sessions', 'max_sessions', 'session_ttl_hours', 'oldest_session', 'newest_session', 'capacity_used'];
  const indent = plan.indentAt(expression);
  const unit = plan.indentUnit;
  plan.replace(
    expression,
    (text) =>
      `((stats) => ({\n${fields.map((field) => `${indent}${unit}${field}: ${oldStatsField(field, 'stats')},`).join('\n')}\n${indent}}))(${text(expression)})`,
  );
}
