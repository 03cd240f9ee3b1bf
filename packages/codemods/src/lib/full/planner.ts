/**
 * The full migration of a whole run, planned at once: one project model
 * over every file (so what crosses a file boundary is seen from both
 * sides), then the steps on each file, then the async changes across files,
 * then the verdict per component — files linked by imports move to core
 * together, or, when one of them has a site with no safe rewrite, stay
 * together on the bridge (`@sessionkit/legacy-adapter`, which runs the old
 * API on core), each such site marked. Nothing is written here; the result
 * is the new text of each file.
 */
import { resolve } from 'node:path';
import ts from 'typescript';
import { matchSemicolonStyle } from '../code-style.js';
import { coreSpecifierFor, importTargetFor, classifySpecifier, type TargetOption } from '../legacy-modules.js';
import { ACKNOWLEDGED_PREFIX, MARKER_PREFIX } from '../migration-marker.js';
import { ProjectModel } from '../model/project-model.js';
import type { SourceSnapshot } from '../model/program.js';
import { propagateAsync } from './async.js';
import { collectBindings } from './bindings.js';
import { migrateCreation } from './creation.js';
import { FilePlan, type Blocker } from './file-plan.js';
import { migrateModuleStatements } from './imports.js';
import { migrateLocks } from './locks.js';
import { migrateLookups } from './lookups.js';
import { migrateErrors } from './errors.js';
import { migrateConfig, migrateManagers } from './managers.js';
import { migrateMembers } from './members.js';
import { staleMarkerLines } from './notes.js';
import { migrateDestructuredNames, migrateNames, planBindings, removeDeadHelpers } from './names.js';
import { migrateSecurity } from './security.js';
import { migrateSyncRegions } from './sync-regions.js';

/** One file's result of the plan. */
export interface PlannedFile {
  /** Absolute path. */
  file: string;
  input: string;
  output: string;
  /** `core`: migrated; `bridge`: kept on the adapter because of the blockers (marked); `untouched`: nothing old in it. */
  outcome: 'core' | 'bridge' | 'untouched';
  blockers: Blocker[];
  /** For a file kept on the bridge: what the migration to core would have written (to show what is left to do). */
  attempted?: string;
}

/** How the run is planned. */
export interface PlanOptions {
  target?: TargetOption;
  /** Re-points a file at the bridge (the to-adapter transform), for the files that stay on it. */
  bridge: (file: string, source: string) => string;
}

/** Whether a file mentions the old system at all (imports it, directly or through a barrel, or uses old objects). */
function touchesOldApi(plan: FilePlan): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isStringLiteralLike(node) && classifySpecifier(node.text) !== null) found = true;
    else if (ts.isIdentifier(node) && plan.model.oldName(node) !== null) found = true;
    else if (ts.isPropertyAccessExpression(node) && plan.model.kindOf(node.expression) !== null) found = true;
    for (const doc of (node as { jsDoc?: ts.Node[] }).jsDoc ?? []) visit(doc);
    ts.forEachChild(node, visit);
  };
  visit(plan.sourceFile);
  return found;
}

/**
 * Statements a user acknowledged (`// sessionkit-migrate-ignore:`) are left
 * exactly as they are. One that still uses the old API keeps the file — and
 * what it shares old objects with — on the bridge, unmarked (it was seen).
 */
function acknowledgedOldCode(plan: FilePlan): void {
  const text = plan.sourceFile.text;
  const visit = (node: ts.Node): void => {
    if (ts.isStatement(node) && text.slice(node.getFullStart(), node.getStart()).includes(ACKNOWLEDGED_PREFIX)) {
      let old = false;
      const find = (child: ts.Node): void => {
        if (old) return;
        if ((ts.isIdentifier(child) && plan.model.oldName(child) !== null) || (ts.isStringLiteralLike(child) && classifySpecifier(child.text) !== null))
          old = true;
        else if (ts.isPropertyAccessExpression(child) && plan.model.kindOf(child.expression) !== null) old = true;
        ts.forEachChild(child, find);
      };
      find(node);
      if (old) {
        plan.blockers.push({ line: plan.line(node), reason: 'acknowledged old code', acknowledged: true });
        plan.acknowledgedLines.push([plan.line(node), plan.sourceFile.getLineAndCharacterOfPosition(node.end).line + 1]);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(plan.sourceFile);
}

/** The rewrites of old code, before anything crosses files. */
function runSteps(plan: FilePlan): void {
  acknowledgedOldCode(plan);
  migrateCreation(plan);
  migrateSecurity(plan);
  migrateLocks(plan);
  migrateSyncRegions(plan);
  migrateLookups(plan);
  migrateMembers(plan);
  migrateManagers(plan);
  migrateConfig(plan);
  migrateErrors(plan);
}

/** Names and module statements, once it is known which old references are left. */
function finishNames(plan: FilePlan): void {
  removeDeadHelpers(plan);
  const bindings = planBindings(plan, collectBindings(plan));
  migrateNames(plan, bindings);
  migrateDestructuredNames(plan, bindings);
  migrateModuleStatements(plan, bindings);
}

/** Files linked by relative imports, as components (union-find over the run's files). */
function components(model: ProjectModel, files: readonly string[]): Map<string, string> {
  const parent = new Map(files.map((file) => [file, file]));
  const find = (file: string): string => {
    let root = file;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(file, root);
    return root;
  };
  for (const file of files) {
    const sourceFile = model.sourceFile(file);
    if (!sourceFile) continue;
    for (const statement of sourceFile.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier &&
        ts.isStringLiteralLike(statement.moduleSpecifier)
          ? statement.moduleSpecifier
          : null;
      const target = specifier ? model.checker.getSymbolAtLocation(specifier)?.declarations?.[0] : undefined;
      const targetFile = target && ts.isSourceFile(target) ? resolve(target.fileName) : null;
      if (targetFile && parent.has(targetFile)) parent.set(find(file), find(targetFile));
    }
    // requires, dynamic imports and JSDoc import types link files too
    const visit = (node: ts.Node): void => {
      const literal =
        ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])
          ? node.arguments[0]
          : ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)
            ? node.argument.literal
            : null;
      const target = literal ? model.checker.getSymbolAtLocation(literal)?.declarations?.[0] : undefined;
      const targetFile = target && ts.isSourceFile(target) ? resolve(target.fileName) : null;
      if (targetFile && parent.has(targetFile)) parent.set(find(file), find(targetFile));
      for (const doc of (node as { jsDoc?: ts.Node[] }).jsDoc ?? []) visit(doc);
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return new Map(files.map((file) => [file, find(file)]));
}

/**
 * Writes each blocker's reason above its line, in the line's indentation,
 * and takes out the marker lines of earlier runs (`stale`, see notes.ts): the
 * markers still true are the ones written again.
 */
function withBlockerMarkers(source: string, blockers: readonly Blocker[], stale: readonly [number, number][] = []): string {
  const lines = source.split('\n');
  const staleLines = new Set(stale.map(([start]) => source.slice(0, start).split('\n').length - 1));
  const byLine = new Map<number, string[]>();
  for (const blocker of blockers.filter((entry) => !entry.acknowledged))
    byLine.set(blocker.line, [...new Set([...(byLine.get(blocker.line) ?? []), blocker.reason.replace(/\s+/g, ' ').trim()])]);
  const inserted = new Map<number, string[]>();
  for (const [line, reasons] of byLine) {
    const indent = /^[ \t]*/.exec(lines[line - 1] ?? '')?.[0] ?? '';
    const from = Math.max(0, line - 6);
    const already = lines
      .slice(from, line - 1)
      .filter((_, index) => !staleLines.has(from + index))
      .join('\n');
    const fresh = reasons.filter((reason) => !already.includes(`${MARKER_PREFIX} ${reason}`));
    inserted.set(
      line - 1,
      fresh.map((reason) => `${indent}// ${MARKER_PREFIX} ${reason}`),
    );
  }
  return lines.flatMap((text, index) => [...(inserted.get(index) ?? []), ...(staleLines.has(index) ? [] : [text])]).join('\n');
}

/** The first syntax error of a text, or null. */
function parseProblem(path: string, text: string): string | null {
  const sourceFile = ts.createSourceFile(
    path,
    text,
    ts.ScriptTarget.Latest,
    false,
    /\.[cm]?jsx?$/.test(path) ? ts.ScriptKind.JS : /\.tsx$/.test(path) ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return null;
  const line = first.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(first.start).line + 1;
  return `${ts.flattenDiagnosticMessageText(first.messageText, ' ')} (line ${line})`;
}

/** Plans the full migration of every file of a snapshot at once. */
/** A rewrite that failed unexpectedly keeps the file's group on the bridge, saying so, instead of ending the run. */
function failed(plan: FilePlan, error: unknown): void {
  plan.blockers.push({
    line: 1,
    reason: `the migration of this file failed (${error instanceof Error ? error.message : String(error)}); it stays on the bridge`,
  });
}

function guarded(plan: FilePlan, step: () => void): void {
  try {
    step();
  } catch (error) {
    failed(plan, error);
  }
}

export function planFullMigration(snapshot: readonly SourceSnapshot[], options: PlanOptions): PlannedFile[] {
  const model = new ProjectModel(snapshot);
  const plans = new Map<ts.SourceFile, FilePlan>();
  const target = options.target ?? 'package';
  const esModulesUseSessions = model
    .sourceFiles()
    .some((sourceFile) => !/\.c[jt]s$/.test(sourceFile.fileName) && /@sessionkit\/legacy|\bsession_(manager|data)\b/.test(sourceFile.text));
  const newPlan = (sourceFile: ts.SourceFile): FilePlan => {
    const plan = new FilePlan(model, sourceFile);
    plan.esModulesUseSessions = esModulesUseSessions;
    // `--target relative`: next to the old modules the file imports (in their spelling), as the per-file steps do.
    const oldRelative = sourceFile.statements
      .flatMap((statement) =>
        ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier) ? [classifySpecifier(statement.moduleSpecifier.text)] : [],
      )
      .find((source) => source?.kind === 'relative');
    plan.coreSpecifierFor = (name) => coreSpecifierFor(name, importTargetFor(target, oldRelative ?? null));
    plans.set(sourceFile, plan);
    return plan;
  };
  for (const sourceFile of model.sourceFiles()) {
    const plan = newPlan(sourceFile);
    if (!touchesOldApi(plan)) {
      plans.delete(sourceFile);
      continue;
    }
    // The markers of an earlier run go; the plan writes again those still true.
    plan.staleMarkers = staleMarkerLines(sourceFile);
    for (const [start, end] of plan.staleMarkers) plan.edits.replace(start, end, '');
    guarded(plan, () => runSteps(plan));
  }
  try {
    propagateAsync({ [Symbol.iterator]: () => plans.values() }, (sourceFile) => {
      if (!model.isRunFile(sourceFile)) return null;
      return plans.get(sourceFile) ?? newPlan(sourceFile);
    });
  } catch (error) {
    for (const plan of plans.values()) if (plan.asyncNeeded.size > 0) failed(plan, error);
  }
  for (const plan of plans.values()) guarded(plan, () => finishNames(plan));

  const files = snapshot.map((file) => resolve(file.path));
  const componentOf = components(model, files);
  const blocked = new Set<string>();
  for (const plan of plans.values()) if (plan.blockers.length > 0) blocked.add(componentOf.get(resolve(plan.sourceFile.fileName)) ?? '');

  return snapshot.map((file) => {
    const path = resolve(file.path);
    const sourceFile = model.sourceFile(path);
    const plan = sourceFile ? plans.get(sourceFile) : undefined;
    if (!plan) return { file: path, input: file.text, output: file.text, outcome: 'untouched', blockers: [] };
    if (blocked.has(componentOf.get(path) ?? '')) {
      // Inside a statement the user acknowledged, nothing more is said.
      const said = plan.blockers.filter((blocker) => !plan.acknowledgedLines.some(([from, to]) => from <= blocker.line && blocker.line <= to));
      const marked = withBlockerMarkers(file.text, said, plan.staleMarkers);
      let attempted: string | undefined;
      try {
        attempted = plan.edits.render();
      } catch {
        attempted = undefined;
      }
      return {
        file: path,
        input: file.text,
        output: options.bridge(path, marked),
        outcome: 'bridge',
        blockers: plan.blockers,
        ...(attempted === undefined ? {} : { attempted }),
      };
    }
    let output: string;
    try {
      output = matchSemicolonStyle(file.text, plan.edits.render());
      const problem = parseProblem(path, output);
      if (problem) throw new Error(`the rewritten code would not parse: ${problem}`);
    } catch (error) {
      const blockers = [{ line: 1, reason: `the migration could not be written out (${(error as Error).message}); this file stays on the bridge` }];
      return {
        file: path,
        input: file.text,
        output: options.bridge(path, withBlockerMarkers(file.text, blockers, plan.staleMarkers)),
        outcome: 'bridge',
        blockers,
      };
    }
    return { file: path, input: file.text, output, outcome: 'core', blockers: [] };
  });
}
