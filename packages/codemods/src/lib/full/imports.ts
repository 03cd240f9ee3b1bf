/**
 * The module statements, once every rewrite is planned: old imports go
 * (their names now come from one core import, in the file's module style),
 * imports of a local barrel take the barrel's new names, re-exports of old
 * names re-export core's (`export *` of the root becomes `export *` of core;
 * of an old subpath, the core names of that module), and `require('…')` /
 * `import('…')` of an old module point at core.
 */
import ts from 'typescript';
import { OLD_MODULES, classifySpecifier } from '../legacy-modules.js';
import { oldExportName } from '../model/old-api.js';
import { isOldModuleSpecifier, projectModuleOf } from './bindings.js';
import { coreNameFor, renamedExport, TYPE_ONLY_CORE_NAMES } from './core-names.js';
import type { FilePlan } from './file-plan.js';
import type { BindingPlan } from './names.js';

function isRequire(node: ts.Node): node is ts.CallExpression {
  return (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1 &&
    ts.isStringLiteralLike(node.arguments[0] as ts.Node)
  );
}

/** Statements at the top of the file that import or require an old module (where the core import goes). */
function oldModuleStatements(plan: FilePlan): ts.Statement[] {
  return plan.sourceFile.statements.filter((statement) => {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier)) {
      const named = statement.importClause?.namedBindings;
      if (!isOldModuleSpecifier(plan, statement.moduleSpecifier) || (named && ts.isNamespaceImport(named))) return false;
      // `./session_manager` is also where `--target relative` puts core's names: only an import of old names is old.
      if (statement.moduleSpecifier.text.startsWith('.') && named && ts.isNamedImports(named))
        return named.elements.some((element) => plan.model.oldName(element.name) !== null);
      return true;
    }
    if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) {
      const declaration = statement.declarationList.declarations[0] as ts.VariableDeclaration;
      return (
        declaration.initializer !== undefined &&
        isRequire(declaration.initializer) &&
        ts.isObjectBindingPattern(declaration.name) &&
        isOldModuleSpecifier(plan, declaration.initializer.arguments[0] as ts.StringLiteralLike)
      );
    }
    return false;
  });
}

function rewriteBarrelImport(plan: FilePlan, declaration: ts.ImportDeclaration, entries: readonly BindingPlan[]): void {
  const named = declaration.importClause?.namedBindings;
  if (!named || !ts.isNamedImports(named)) return;
  const elements = named.elements.map((element) => {
    const entry = entries.find((candidate) => candidate.binding.node === element);
    if (!entry) return element.getText();
    if (entry.exported === null || entry.local === null) return null;
    const type = entry.typeOnly && !declaration.importClause?.isTypeOnly && !plan.js ? 'type ' : '';
    return entry.exported === entry.local ? `${type}${entry.exported}` : `${type}${entry.exported} as ${entry.local}`;
  });
  const kept = [...new Set(elements.filter((element): element is string => element !== null))];
  if (kept.length === 0 && !declaration.importClause?.name) return plan.removeStatement(declaration);
  if (kept.join(', ') === named.elements.map((element) => element.getText()).join(', ')) return;
  plan.replace(named, () => `{ ${kept.join(', ')} }`);
}

/** `export { A, B as C } from '<old>'`, `export * from '<old>'` → core; through a barrel of barrels, its new names. */
function rewriteReexport(plan: FilePlan, declaration: ts.ExportDeclaration, exportedSoFar: Set<string>): void {
  const specifier = declaration.moduleSpecifier;
  if (!specifier || !ts.isStringLiteralLike(specifier)) return;
  const old = isOldModuleSpecifier(plan, specifier);
  if (!old && !projectModuleOf(plan, specifier)) return;
  const clause = declaration.exportClause;
  const typeOnlyStatement = declaration.isTypeOnly;
  if (!clause) {
    if (!old) return;
    const source = classifySpecifier(specifier.text);
    const subpath = source?.kind === 'package' ? source.subpath : source?.kind === 'relative' ? source.module : null;
    if (subpath === null || subpath === undefined) return plan.replace(specifier, () => plan.literal(plan.coreSpecifier('Session')));
    const names = (OLD_MODULES[subpath as keyof typeof OLD_MODULES] ?? []) as readonly string[];
    const values = [...new Set(names.map((name) => coreNameFor(name, false)).filter((name): name is string => name !== null && !exportedSoFar.has(name)))];
    for (const value of values) exportedSoFar.add(value);
    if (values.length === 0) return plan.removeStatement(declaration);
    return plan.replace(declaration, () => `export { ${values.join(', ')} } from ${plan.literal(plan.coreSpecifier(values[0] as string))};`);
  }
  if (!ts.isNamedExports(clause)) return;
  const seen = exportedSoFar;
  const elements: string[] = [];
  for (const element of clause.elements) {
    const imported = (element.propertyName ?? element.name).text;
    const exported = element.name.text;
    const oldName = oldExportName(plan.checker, plan.checker.getSymbolAtLocation(element.propertyName ?? element.name)) ?? (old ? imported : null);
    if (!oldName) {
      elements.push(element.getText());
      continue;
    }
    const asType = typeOnlyStatement || element.isTypeOnly || coreNameFor(oldName, false) === null;
    const newExported = renamedExport(exported, oldName, asType);
    if (newExported === null) continue;
    const source = old ? coreNameFor(oldName, asType) : renamedExport(imported, oldName, asType);
    if (source === null || seen.has(newExported)) continue;
    seen.add(newExported);
    const type = !typeOnlyStatement && !plan.js && TYPE_ONLY_CORE_NAMES.has(old ? source : newExported) ? 'type ' : '';
    elements.push(source === newExported ? `${type}${source}` : `${type}${source} as ${newExported}`);
  }
  if (elements.length === 0) return plan.removeStatement(declaration);
  const from = old ? plan.literal(plan.coreSpecifier('Session')) : specifier.getText();
  plan.replace(declaration, () => `export ${typeOnlyStatement ? 'type ' : ''}{ ${elements.join(', ')} } from ${from};`);
}

/** The one core import (or require) the file needs, replacing its first old import. */
function coreImport(plan: FilePlan, style: 'esm' | 'cjs'): string | null {
  const needs = [...plan.coreNeeds].sort(([a], [b]) => a.localeCompare(b));
  if (needs.length === 0) return null;
  const groups = new Map<string, typeof needs>();
  for (const need of needs) {
    const specifier = plan.coreSpecifier(need[0]);
    groups.set(specifier, [...(groups.get(specifier) ?? []), need]);
  }
  return [...groups]
    .map(([specifier, group]) => {
      const from = plan.literal(specifier);
      if (style === 'cjs')
        return `const { ${group.map(([name, need]) => (need.local === name ? name : `${name}: ${need.local}`)).join(', ')} } = require(${from});`;
      const allTypes = !plan.js && group.every(([, need]) => need.typeOnly);
      const names = group.map(
        ([name, need]) => `${!allTypes && need.typeOnly && !plan.js ? 'type ' : ''}${need.local === name ? name : `${name} as ${need.local}`}`,
      );
      return `import ${allTypes ? 'type ' : ''}{ ${names.join(', ')} } from ${from};`;
    })
    .join('\n');
}

/** Rewrites the file's imports, requires, re-exports and dynamic imports of old modules. */
export function migrateModuleStatements(plan: FilePlan, bindings: readonly BindingPlan[]): void {
  const oldStatements = oldModuleStatements(plan);
  // One export per name across re-export statements (two old names can become one core name, Session).
  const exportedSoFar = new Set<string>();
  // A core name the file already gets through a barrel under the same local is not imported twice.
  for (const entry of bindings) {
    if (entry.binding.source.kind !== 'barrel' || entry.local === null || entry.exported === null) continue;
    const need = plan.coreNeeds.get(entry.exported);
    if (need && need.local === entry.local) plan.coreNeeds.delete(entry.exported);
  }
  for (const statement of plan.sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier) && !plan.isCovered(statement)) {
      const specifier = statement.moduleSpecifier;
      if (isOldModuleSpecifier(plan, specifier)) {
        const namespace = statement.importClause?.namedBindings;
        if (namespace && ts.isNamespaceImport(namespace)) plan.replace(specifier, () => plan.literal(plan.coreSpecifier('Session')));
        else if (statement.importClause?.name) plan.block(statement, 'a default import of an old module: the old modules have no default export');
        continue;
      }
      if (projectModuleOf(plan, specifier))
        rewriteBarrelImport(
          plan,
          statement,
          bindings.filter((entry) => entry.binding.source.kind === 'barrel' && entry.binding.source.specifier === specifier),
        );
    }
    if (ts.isExportDeclaration(statement) && !plan.isCovered(statement)) rewriteReexport(plan, statement, exportedSoFar);
  }
  // Dynamic imports and requires elsewhere (`await import('@sessionkit/legacy')`, `const legacy = require(…)`).
  const visit = (node: ts.Node): void => {
    const literal =
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRequire(node)) &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
        ? node.arguments[0]
        : null;
    if (
      literal &&
      !plan.isCovered(literal) &&
      isOldModuleSpecifier(plan, literal) &&
      !oldStatements.some((statement) => statement.pos <= node.pos && node.end <= statement.end)
    ) {
      plan.replace(literal, () => plan.literal(plan.coreSpecifier('Session')));
    }
    ts.forEachChild(node, visit);
  };
  visit(plan.sourceFile);

  const [first, ...rest] = oldStatements;
  const style =
    first && ts.isVariableStatement(first)
      ? 'cjs'
      : first
        ? 'esm'
        : plan.sourceFile.statements.some((s) => ts.isImportDeclaration(s)) || !plan.js
          ? 'esm'
          : 'cjs';
  for (const statement of rest) plan.removeStatement(statement);
  const projectImports = [...plan.projectImports].map(([specifier, names]) => {
    const list = [...names].map(([name, local]) => (name === local ? name : style === 'esm' ? `${name} as ${local}` : `${name}: ${local}`)).join(', ');
    return style === 'esm' ? `import { ${list} } from ${plan.literal(specifier)};` : `const { ${list} } = require(${plan.literal(specifier)});`;
  });
  const render = (): string => [coreImport(plan, style), ...projectImports].filter((line): line is string => line !== null).join('\n');
  if (first) {
    if (plan.coreNeeds.size === 0 && projectImports.length === 0) plan.removeStatement(first);
    else plan.replace(first, () => render());
    return;
  }
  if (plan.coreNeeds.size === 0 && projectImports.length === 0) return;
  const imports = plan.sourceFile.statements.filter((statement) => ts.isImportDeclaration(statement));
  const anchor = imports[imports.length - 1];
  if (anchor) plan.edits.insert(anchor.end, () => `\n${render()}`);
  else plan.edits.insert(firstStatementStart(plan), () => `${render()}\n`);
}

function firstStatementStart(plan: FilePlan): number {
  const first = plan.sourceFile.statements.find((statement) => !(ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)));
  return first ? first.getStart() : plan.sourceFile.end;
}
