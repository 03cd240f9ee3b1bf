/**
 * Functions that must become async because a rewrite put an `await` in them
 * (core's session operations are async where the old data object's were
 * not), and everything that follows across files: each caller awaits the
 * call and becomes async in turn; a `.map(fn)` callback's results are
 * awaited with `Promise.all`; a `.forEach(fn)` becomes a `for … of` loop
 * (same order, one at a time). Where a function cannot be async (a
 * constructor, a getter, a callback some API expects to be synchronous),
 * the migration of its file is blocked with the reason.
 */
import ts from 'typescript';
import { isAsync } from './expressions.js';
import type { FilePlan } from './file-plan.js';

/** The plan of another file of the run (made on first use), or null outside the run. */
export type PlanFor = (sourceFile: ts.SourceFile) => FilePlan | null;

const PROMISE_AWARE = new Set(['then', 'catch', 'finally', 'atomicUpdate', 'withSession', 'sessionContext', 'withLock', 'synchronizedUpdate']);

function asyncKeywordPosition(fn: ts.FunctionLikeDeclaration): number {
  if (ts.isMethodDeclaration(fn)) return fn.name.getStart();
  const keyword = fn.getChildren().find((child) => child.kind === ts.SyntaxKind.FunctionKeyword);
  return keyword ? keyword.getStart() : fn.getStart();
}

function promiseReturnType(plan: FilePlan, fn: ts.FunctionLikeDeclaration): void {
  if (fn.type) {
    if (!/^Promise</.test(fn.type.getText())) plan.replace(fn.type, (text) => `Promise<${text(fn.type as ts.TypeNode)}>`);
    return;
  }
  // JSDoc `@returns {T}` in JavaScript.
  for (const tag of ts.getJSDocTags(fn)) {
    if (ts.isJSDocReturnTag(tag) && tag.typeExpression && !/^Promise</.test(tag.typeExpression.type.getText())) {
      const type = tag.typeExpression.type;
      plan.replace(type, (text) => `Promise<${text(type)}>`);
    }
  }
}

/** `arr.forEach((x, i) => { … })` → `for (const [i, x] of arr.entries()) { … }` (bare `return;` → `continue;`). */
function forEachToLoop(plan: FilePlan, call: ts.CallExpression, fn: ts.ArrowFunction | ts.FunctionExpression): string | null {
  const statement = call.parent;
  if (!ts.isExpressionStatement(statement) || !ts.isPropertyAccessExpression(call.expression) || fn.parameters.length === 0 || fn.parameters.length > 2)
    return 'forEach with this callback cannot become a loop';
  let problem: string | null = null;
  const returns: ts.ReturnStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node)) {
      if (node.expression) problem = 'the forEach callback returns a value';
      else returns.push(node);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  if (problem) return problem;
  for (const node of returns) plan.replace(node, () => 'continue;');
  const array = call.expression.expression;
  const [item, index] = fn.parameters;
  plan.replace(statement, (text) => {
    const head = index
      ? `const [${text(index.name)}, ${text((item as ts.ParameterDeclaration).name)}] of ${text(array)}.entries()`
      : `const ${text((item as ts.ParameterDeclaration).name)} of ${text(array)}`;
    const body = ts.isBlock(fn.body) ? text(fn.body) : `{\n${plan.indentAt(statement)}${plan.indentUnit}${text(fn.body)};\n${plan.indentAt(statement)}}`;
    return `for (${head}) ${body}`;
  });
  plan.requireAsync(statement);
  return null;
}

/** A function passed as an argument becomes async: what the call it is passed to needs. */
function callbackBecomesAsync(plan: FilePlan, fn: ts.ArrowFunction | ts.FunctionExpression, call: ts.CallExpression): string | null {
  const callee = call.expression;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
  if (method && PROMISE_AWARE.has(method)) return null;
  if (method === 'forEach' && call.arguments[0] === fn) return forEachToLoop(plan, call, fn);
  if (method === 'map' && call.arguments[0] === fn) {
    awaitAll(plan, call);
    return null;
  }
  return `a callback passed to ${callee.getText()} would become async (it now awaits core's session operations), which ${callee.getText()} does not expect`;
}

/** `xs.map(f)` whose callbacks now return promises → `await Promise.all(xs.map(f))` (unless already inside one). */
function awaitAll(plan: FilePlan, call: ts.CallExpression): void {
  const parent = call.parent;
  const insidePromiseAll =
    ts.isCallExpression(parent) &&
    ts.isPropertyAccessExpression(parent.expression) &&
    ts.isIdentifier(parent.expression.expression) &&
    parent.expression.expression.text === 'Promise';
  if (insidePromiseAll) return;
  plan.replace(call, (text) => `await Promise.all(${text(call)})`, 'unary');
  plan.requireAsync(call);
}

function makeAsync(planFor: PlanFor, plan: FilePlan, fn: ts.FunctionLikeDeclaration): void {
  if (isAsync(fn) || ts.isConstructorDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) {
    if (!isAsync(fn))
      plan.block(
        fn,
        `${ts.isConstructorDeclaration(fn) ? 'a constructor' : 'an accessor'} cannot await core's session operations: move that code into an async method`,
      );
    return;
  }
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(fn.parent) && fn.parent.arguments.includes(fn)) {
    const problem = callbackBecomesAsync(plan, fn, fn.parent);
    if (problem) return plan.block(fn, problem);
    if (!ts.isExpressionStatement(fn.parent.parent) || !(ts.isPropertyAccessExpression(fn.parent.expression) && fn.parent.expression.name.text === 'forEach')) {
      plan.edits.insert(asyncKeywordPosition(fn), 'async ');
    }
    return;
  }
  plan.edits.insert(asyncKeywordPosition(fn), 'async ');
  promiseReturnType(plan, fn);
  const model = plan.model;
  for (const call of model.callsOf(fn)) {
    const callerPlan = planFor(call.getSourceFile());
    if (!callerPlan) continue;
    if (ts.isAwaitExpression(call.parent) || callerPlan.isCovered(call)) continue;
    callerPlan.replace(call, (text) => `await ${text(call)}`, 'unary');
    callerPlan.requireAsync(call);
  }
  for (const reference of model.valueReferencesOf(fn)) {
    const referencePlan = planFor(reference.getSourceFile());
    if (!referencePlan) continue;
    const parent = reference.parent;
    if (
      ts.isCallExpression(parent) &&
      parent.arguments.includes(reference) &&
      ts.isPropertyAccessExpression(parent.expression) &&
      parent.expression.name.text === 'map'
    ) {
      awaitAll(referencePlan, parent);
      continue;
    }
    if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && PROMISE_AWARE.has(parent.expression.name.text)) continue;
    referencePlan.block(
      reference,
      `${reference.text} becomes async (it now awaits core's session operations) but is passed on here as a value: make the code it is passed to await it`,
    );
  }
}

/** Runs until no function is left that awaits without being async. */
export function propagateAsync(plans: Iterable<FilePlan>, planFor: PlanFor): void {
  const done = new Set<ts.Node>();
  for (let changed = true; changed;) {
    changed = false;
    for (const plan of [...plans]) {
      for (const fn of [...plan.asyncNeeded]) {
        if (done.has(fn)) continue;
        done.add(fn);
        changed = true;
        makeAsync(planFor, plan, fn);
      }
    }
  }
}
