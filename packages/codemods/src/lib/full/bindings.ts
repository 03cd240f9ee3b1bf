/**
 * The old names a file brings in, however it does: named or aliased ES
 * imports (of the old modules, or of a local barrel that re-exports them),
 * namespace imports, CommonJS `require` (whole or destructured), and names
 * destructured from an old module object (`const { SessionManager } = await
 * import('@sessionkit/legacy')`, or from a function returning one). Each
 * binding knows the old export it stands for and every reference to it.
 */
import ts from 'typescript';
import { classifySpecifier } from '../legacy-modules.js';
import { oldExportName, resolveAlias } from '../model/old-api.js';
import type { FilePlan } from './file-plan.js';

/** Where an old binding comes from. */
export type BindingSource =
  /** An old module (`@sessionkit/legacy…`, the bridge, a relative old module). */
  | { kind: 'old'; specifier: ts.StringLiteralLike }
  /** A module of the project that re-exports old names (a barrel). */
  | { kind: 'barrel'; specifier: ts.StringLiteralLike }
  /** Destructured from an old module object (a dynamic import's result, a namespace). */
  | { kind: 'object' };

/** One name a file binds to an old export. */
export interface OldBinding {
  /** The declaring node: an ImportSpecifier, a BindingElement. */
  node: ts.ImportSpecifier | ts.BindingElement;
  /** The name the module exports it as (the barrel's name for a barrel). */
  exported: string;
  local: ts.Identifier;
  /** The old export it is (after barrels and aliases). */
  oldName: string;
  source: BindingSource;
  typeOnly: boolean;
  style: 'esm' | 'cjs';
  references: ts.Identifier[];
}

/** Whether a module specifier names an old module, judged by where the checker resolved it. */
export function isOldModuleSpecifier(plan: FilePlan, literal: ts.StringLiteralLike): boolean {
  if (classifySpecifier(literal.text) === null) return false;
  const symbol = plan.checker.getSymbolAtLocation(literal);
  const declaration = symbol?.declarations?.[0];
  return declaration === undefined ? classifySpecifier(literal.text)?.kind === 'package' : plan.model.isOldDeclaration(declaration);
}

/** A project module (in the run) that the checker resolved a specifier to. */
export function projectModuleOf(plan: FilePlan, literal: ts.StringLiteralLike): ts.SourceFile | null {
  const symbol = plan.checker.getSymbolAtLocation(literal);
  const declaration = symbol?.declarations?.[0];
  return declaration && ts.isSourceFile(declaration) && plan.model.isRunFile(declaration) ? declaration : null;
}

function referencesOf(plan: FilePlan, local: ts.Identifier): ts.Identifier[] {
  const symbol = plan.checker.getSymbolAtLocation(local);
  if (!symbol) return [];
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node !== local && !isDeclarationName(node)) {
      if (plan.checker.getSymbolAtLocation(node) === symbol) found.push(node);
      else if (ts.isShorthandPropertyAssignment(node.parent) && plan.checker.getShorthandAssignmentValueSymbol(node.parent) === symbol) found.push(node);
    }
    for (const doc of (node as { jsDoc?: ts.Node[] }).jsDoc ?? []) visit(doc);
    ts.forEachChild(node, visit);
  };
  visit(plan.sourceFile);
  return found;
}

function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isImportSpecifier(parent) || ts.isBindingElement(parent) || ts.isNamespaceImport(parent) || ts.isImportClause(parent)) &&
    (parent as ts.NamedDeclaration).name === node
  );
}

/** Names destructured from an object whose type is an old module (`await import('@sessionkit/legacy')`, a function returning it). */
function fromModuleObject(plan: FilePlan, element: ts.BindingElement): string | null {
  const pattern = element.parent;
  if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(pattern.parent) || !pattern.parent.initializer) return null;
  const type = plan.checker.getTypeAtLocation(pattern.parent.initializer);
  const property = type.getProperty((element.propertyName ?? element.name).getText());
  const name = property ? oldExportName(plan.checker, property) : null;
  return name;
}

/** Every old binding of a file (imports, barrels, requires, destructured module objects). */
export function collectBindings(plan: FilePlan): OldBinding[] {
  const { checker } = plan;
  const bindings: OldBinding[] = [];
  for (const statement of plan.sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteralLike(statement.moduleSpecifier)) continue;
    const specifier = statement.moduleSpecifier;
    const old = isOldModuleSpecifier(plan, specifier);
    const barrel = old ? null : projectModuleOf(plan, specifier);
    if (!old && !barrel) continue;
    const named = statement.importClause?.namedBindings;
    if (!named || !ts.isNamedImports(named)) continue;
    for (const element of named.elements) {
      const symbol = checker.getSymbolAtLocation(element.name);
      const oldName = oldExportName(checker, symbol);
      if (!oldName) continue;
      bindings.push({
        node: element,
        exported: (element.propertyName ?? element.name).text,
        local: element.name,
        oldName,
        source: old ? { kind: 'old', specifier } : { kind: 'barrel', specifier },
        typeOnly: statement.importClause?.isTypeOnly === true || element.isTypeOnly,
        style: 'esm',
        references: referencesOf(plan, element.name),
      });
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isBindingElement(node) && ts.isIdentifier(node.name) && ts.isObjectBindingPattern(node.parent) && ts.isVariableDeclaration(node.parent.parent)) {
      const init = node.parent.parent.initializer;
      const required =
        init &&
        ts.isCallExpression(init) &&
        ts.isIdentifier(init.expression) &&
        init.expression.text === 'require' &&
        init.arguments[0] &&
        ts.isStringLiteralLike(init.arguments[0])
          ? init.arguments[0]
          : null;
      const oldName = required
        ? isOldModuleSpecifier(plan, required)
          ? (oldExportName(checker, checker.getSymbolAtLocation(node.name)) ?? fromModuleObject(plan, node))
          : null
        : fromModuleObject(plan, node);
      if (oldName) {
        bindings.push({
          node,
          exported: (node.propertyName ?? node.name).getText(),
          local: node.name,
          oldName,
          source: required ? { kind: 'old', specifier: required } : { kind: 'object' },
          typeOnly: false,
          style: 'cjs',
          references: referencesOf(plan, node.name),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(plan.sourceFile);
  return bindings;
}

/** The old export a namespace member (`legacy.SessionManager`, `Legacy.SessionManager` in a type) names. */
export function namespaceMember(plan: FilePlan, name: ts.Identifier): string | null {
  const parent = name.parent;
  const isMember = (ts.isPropertyAccessExpression(parent) && parent.name === name) || (ts.isQualifiedName(parent) && parent.right === name);
  if (!isMember) return null;
  const left = ts.isPropertyAccessExpression(parent) ? parent.expression : (parent as ts.QualifiedName).left;
  const leftSymbol = plan.checker.getSymbolAtLocation(left);
  const resolved = leftSymbol ? resolveAlias(plan.checker, leftSymbol) : undefined;
  if (!resolved || !(resolved.flags & ts.SymbolFlags.ValueModule || resolved.flags & ts.SymbolFlags.NamespaceModule)) return null;
  return oldExportName(plan.checker, plan.checker.getSymbolAtLocation(name));
}
