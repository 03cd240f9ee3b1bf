/**
 * Old session data was synchronous: statements with no `await` between them
 * ran as one step, and no other task could see or change the session in
 * the middle. Core's operations are async, so awaiting each would open gaps
 * (an analysis recorded in parallel could land between `recordAnalysis` and
 * the `getAnalysisCount()` after it). Such a run — two or more operations on
 * one session, at least one of them a change — becomes one
 * `await session.atomicUpdate((state) => { … })` working on the state
 * (state-ops.ts), which keeps it one step; variables it declares that the
 * code after it uses are handed out of the update.
 */
import ts from 'typescript';
import { isWritten } from './adapt.js';
import { identifierTexts, referencesIn, skipOuter } from './expressions.js';
import type { FilePlan } from './file-plan.js';
import { aliasesOf, mapBody, reachesSessions } from './locks.js';

const SESSION_KINDS = new Set(['record', 'data']);
const WRITES = new Set(['addThread', 'removeThread', 'recordAnalysis', 'clearAnalyses']);
const OPERATIONS = new Set([
  ...WRITES,
  'getThread',
  'getLastAnalysis',
  'getThreadCount',
  'getAnalysisCount',
  'getThreadNames',
  'threads',
  'topic',
  'createdAt',
  'clientBinding',
]);

function awaits(node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found || ts.isFunctionLike(child)) return;
    if (ts.isAwaitExpression(child) || ts.isYieldExpression(child) || (ts.isForOfStatement(child) && child.awaitModifier)) found = true;
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

interface Operation {
  access: ts.PropertyAccessExpression;
  session: ts.Identifier;
  write: boolean;
}

/** The old session operations a statement makes (outside nested functions). */
function operationsIn(plan: FilePlan, statement: ts.Statement): Operation[] {
  const found: Operation[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(skipOuter(node.expression)) && OPERATIONS.has(node.name.text)) {
      const kind = plan.model.kindOf(node.expression)?.kind;
      const symbol = plan.checker.getSymbolAtLocation(node.name);
      const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
      const isTopicWrite = node.name.text === 'topic' && isWritten(node);
      if (kind && SESSION_KINDS.has(kind) && declaration && plan.model.isOldDeclaration(declaration)) {
        found.push({ access: node, session: skipOuter(node.expression) as ts.Identifier, write: WRITES.has(node.name.text) || isTopicWrite });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return found;
}

/** Splits a block's statements into runs without `await`, each with the operations it makes. */
function runs(plan: FilePlan, block: ts.Block): { statements: ts.Statement[]; operations: Operation[] }[] {
  const result: { statements: ts.Statement[]; operations: Operation[] }[] = [];
  let current: ts.Statement[] = [];
  let operations: Operation[] = [];
  const close = (): void => {
    if (current.length > 0) result.push({ statements: current, operations });
    current = [];
    operations = [];
  };
  for (const statement of block.statements) {
    if (awaits(statement)) {
      close();
      continue;
    }
    current.push(statement);
    operations.push(...operationsIn(plan, statement));
  }
  close();
  return result;
}

function migrateRun(plan: FilePlan, block: ts.Block, statements: ts.Statement[], operations: Operation[]): void {
  const first = operations[0];
  if (!first) return;
  const sessionSymbol = plan.checker.getSymbolAtLocation(first.session);
  const aliases = aliasesOf(plan, first.session, null, block);
  if (
    !operations.every(
      (operation) =>
        aliases.has(plan.checker.getSymbolAtLocation(operation.session) as ts.Symbol) || plan.checker.getSymbolAtLocation(operation.session) === sessionSymbol,
    )
  )
    return;
  // From the statement of the first operation to that of the last.
  const startIndex = statements.findIndex((statement) => statement.pos <= first.access.pos && first.access.end <= statement.end);
  const last = operations[operations.length - 1] as Operation;
  const endIndex = statements.findIndex((statement) => statement.pos <= last.access.pos && last.access.end <= statement.end);
  const region = statements.slice(startIndex, endIndex + 1);
  if (region.some((statement) => plan.isCovered(statement))) return;
  const regionStart = (region[0] as ts.Statement).getStart();
  const regionEnd = (region[region.length - 1] as ts.Statement).end;
  // Never one update inside another on the same session: the inner one would wait for the outer forever.
  if (plan.updateRanges.some(([from, to]) => from < regionEnd && regionStart < to)) return;
  for (const statement of region) if (reachesSessions(plan, statement) !== null) return;
  // The session itself must be settled before the run (not declared inside it).
  const sessionDeclaration = sessionSymbol?.valueDeclaration;
  if (sessionDeclaration && region.some((statement) => statement.pos <= sessionDeclaration.pos && sessionDeclaration.end <= statement.end)) return;
  const lastStatement = region[region.length - 1] as ts.Statement;
  const returns = ts.isReturnStatement(lastStatement) || region.some((statement) => containsReturn(statement));
  if (returns && !ts.isReturnStatement(lastStatement)) return;
  if (region.some((statement) => ts.isBreakStatement(statement) || ts.isContinueStatement(statement))) return;
  // Declarations of the run that the code after it reads are handed out of the update.
  const after = block.statements.slice(block.statements.indexOf(lastStatement) + 1);
  const escaping: string[] = [];
  let kind: 'const' | 'let' = 'const';
  for (const statement of region) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) return;
      const symbol = plan.checker.getSymbolAtLocation(declaration.name);
      if (symbol && after.some((later) => referencesIn(plan.checker, later, symbol).length > 0)) {
        escaping.push(declaration.name.text);
        if (statement.declarationList.flags & ts.NodeFlags.Let) kind = 'let';
      }
    }
  }
  if (returns && escaping.length > 0) return;
  const state = identifierTexts(block).has('state') ? 'sessionState' : 'state';
  const { used, problem } = mapBody(plan, region, aliases, state);
  if (problem || !used) return;
  const indent = plan.indentAt(region[0] as ts.Statement);
  const unit = plan.indentUnit;
  const start = (region[0] as ts.Statement).getStart();
  const end = lastStatement.end;
  plan.edits.replace(start, end, (inner) => {
    const body = inner(start, end)
      .split('\n')
      .map((line, index) => (index === 0 ? `${indent}${unit}${line}` : line.trim() === '' ? line : `${unit}${line}`))
      .join('\n');
    const handOut = escaping.length > 0 ? `\n${indent}${unit}return { ${escaping.join(', ')} };` : '';
    const head = returns ? 'return await ' : escaping.length > 0 ? `${kind} { ${escaping.join(', ')} } = await ` : 'await ';
    return `${head}${first.session.text}.atomicUpdate((${state}) => {\n${body}${handOut}\n${indent}});`;
  });
  plan.updateRanges.push([start, end]);
  plan.requireAsync(region[0] as ts.Statement);
}

function containsReturn(node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found || ts.isFunctionLike(child)) return;
    if (ts.isReturnStatement(child)) found = true;
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** Keeps each synchronous run of session operations one step (one update). */
export function migrateSyncRegions(plan: FilePlan): void {
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    if (!ts.isBlock(node)) return;
    for (const run of runs(plan, node)) {
      if (run.operations.length >= 2 && run.operations.some((operation) => operation.write)) migrateRun(plan, node, run.statements, run.operations);
    }
  };
  visit(plan.sourceFile);
}
