/**
 * Every old name still referenced after the other steps moves to its core
 * name (core-names.ts): identifiers bound by old imports, members of old
 * namespaces (`legacy.SessionManager`, `Legacy.SessionManager` in types),
 * JSDoc types, `import('…')` types. A name that is referenced but has no
 * core counterpart blocks the file. Declarations of old helper objects whose
 * every use was rewritten away (`const security = new SessionSecurity(id)`,
 * `const locks = getSessionLockManager()`) go.
 */
import ts from 'typescript';
import { coreNameFor, renamedExport } from './core-names.js';
import type { OldBinding } from './bindings.js';
import { namespaceMember } from './bindings.js';
import { skipOuter } from './expressions.js';
import type { FilePlan } from './file-plan.js';

/** Used as a type (not `typeof x`, not `extends X` of a class). */
export function isTypePosition(identifier: ts.Node): boolean {
  let node: ts.Node = identifier;
  while (ts.isQualifiedName(node.parent) || (ts.isPropertyAccessExpression(node.parent) && ts.isExpressionWithTypeArguments(node.parent.parent)))
    node = node.parent;
  const parent = node.parent;
  if (ts.isTypeReferenceNode(parent) || ts.isImportTypeNode(parent)) return true;
  if (ts.isExpressionWithTypeArguments(parent)) {
    const clause = parent.parent;
    return ts.isHeritageClause(clause) && (clause.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(clause.parent));
  }
  return ts.findAncestor(parent, (ancestor) => ts.isJSDocTypeExpression(ancestor)) !== undefined;
}

/** The local name each binding's references get, decided once per binding (null: dropped, nothing refers to it). */
export interface BindingPlan {
  binding: OldBinding;
  /** The name the module gives it now (core's, or the barrel's new name). */
  exported: string | null;
  local: string | null;
  typeOnly: boolean;
}

/** Decides, per old binding, the name its remaining references get (blocking names with no counterpart). */
export function planBindings(plan: FilePlan, bindings: readonly OldBinding[]): BindingPlan[] {
  return bindings.map((binding) => {
    const remaining = binding.references.filter((reference) => plan.survives(reference));
    if (remaining.length === 0) return { binding, exported: null, local: null, typeOnly: binding.typeOnly };
    const asValue = remaining.some((reference) => !isTypePosition(reference));
    const core = coreNameFor(binding.oldName, !asValue);
    if (core === null) {
      // A site already blocked for its own reason needs no second word on the same line.
      for (const reference of remaining)
        if (!plan.blockers.some((blocker) => blocker.line === plan.line(reference))) plan.block(reference, leftoverReason(binding.oldName, asValue));
      return { binding, exported: null, local: null, typeOnly: binding.typeOnly };
    }
    const aliased = binding.local.text !== binding.exported;
    const typeOnly = binding.typeOnly || !asValue;
    if (binding.source.kind === 'barrel') {
      const exported = renamedExport(binding.exported, binding.oldName, !asValue) ?? core;
      return { binding, exported, local: aliased ? binding.local.text : exported, typeOnly };
    }
    if (binding.source.kind === 'object') return { binding, exported: core, local: aliased ? binding.local.text : core, typeOnly: false };
    const local = plan.core(core, typeOnly && !plan.js, aliased ? binding.local.text : undefined);
    return { binding, exported: core, local, typeOnly };
  });
}

function leftoverReason(oldName: string, asValue: boolean): string {
  return `${oldName} is still used${asValue ? '' : ' as a type'} and has no core counterpart (its job is done inside core's Session and SimpleSessionManager): rewrite this use onto core's API`;
}

/** Renames the references of each binding, and the members of old namespaces. */
export function migrateNames(plan: FilePlan, bindings: readonly BindingPlan[]): void {
  for (const { binding, local } of bindings) {
    if (local === null) continue;
    for (const reference of binding.references) {
      if (!plan.survives(reference) || reference.text === local) continue;
      if (ts.isShorthandPropertyAssignment(reference.parent)) plan.replace(reference, () => `${reference.text}: ${local}`);
      else plan.replace(reference, () => local);
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && plan.survives(node)) {
      const oldName = namespaceMember(plan, node);
      if (oldName) {
        const asType = isTypePosition(node) || ts.isQualifiedName(node.parent);
        const core = coreNameFor(oldName, asType);
        if (core === null) plan.block(node, leftoverReason(oldName, !asType));
        else if (core !== node.text) plan.replace(node, () => core);
      }
    }
    if (ts.isImportTypeNode(node) && plan.survives(node)) migrateImportType(plan, node);
    for (const doc of (node as { jsDoc?: ts.Node[] }).jsDoc ?? []) visit(doc);
    ts.forEachChild(node, visit);
  };
  visit(plan.sourceFile);
}

/** `import('@sessionkit/legacy').X` (in types and JSDoc) → `import('@sessionkit/core').Y`; through a barrel, the barrel's new name. */
function migrateImportType(plan: FilePlan, node: ts.ImportTypeNode): void {
  const argument = node.argument;
  if (!ts.isLiteralTypeNode(argument) || !ts.isStringLiteral(argument.literal)) return;
  const qualifier = node.qualifier;
  const last = qualifier ? (ts.isIdentifier(qualifier) ? qualifier : qualifier.right) : null;
  const symbol = last ? plan.checker.getSymbolAtLocation(last) : undefined;
  const oldName = symbol ? plan.model.oldName(last as ts.Identifier) : null;
  if (!oldName || !last) return;
  const core = coreNameFor(oldName, true);
  if (core === null) return plan.block(node, leftoverReason(oldName, false));
  const literal = argument.literal;
  const isOldModule =
    plan.model.isOldDeclaration(plan.checker.getSymbolAtLocation(literal)?.declarations?.[0] ?? plan.sourceFile) || /^@sessionkit\/legacy/.test(literal.text);
  if (isOldModule) {
    plan.replace(literal, () => plan.typeImportArgument(core));
    if (last.text !== core) plan.replace(last, () => core);
  } else {
    const renamed = renamedExport(last.text, oldName, true);
    if (renamed !== null && renamed !== last.text) plan.replace(last, () => renamed);
  }
}

const HELPER_CLASSES = new Set(['SessionSecurity', 'SessionConcurrency', 'SessionLockManager']);
const HELPER_FUNCTIONS = new Set(['createSessionConcurrency', 'getSessionLockManager']);

/** Removes declarations of old helpers that nothing uses any more. */
export function removeDeadHelpers(plan: FilePlan): void {
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    if (!ts.isVariableStatement(node) || node.declarationList.declarations.length !== 1 || !plan.survives(node)) return;
    const declaration = node.declarationList.declarations[0] as ts.VariableDeclaration;
    const init = declaration.initializer ? skipOuter(declaration.initializer) : null;
    if (!init || !ts.isIdentifier(declaration.name)) return;
    const isHelper =
      (ts.isNewExpression(init) && HELPER_CLASSES.has(plan.model.oldName(init.expression) ?? '')) ||
      (ts.isCallExpression(init) && plan.model.callTarget(init)?.owner === null && HELPER_FUNCTIONS.has(plan.model.callTarget(init)?.member ?? ''));
    if (!isHelper) return;
    const symbol = plan.checker.getSymbolAtLocation(declaration.name);
    const uses: ts.Identifier[] = [];
    const find = (child: ts.Node): void => {
      if (ts.isIdentifier(child) && child !== declaration.name && plan.checker.getSymbolAtLocation(child) === symbol) uses.push(child);
      ts.forEachChild(child, find);
    };
    find(plan.sourceFile);
    if (uses.every((use) => !plan.survives(use))) plan.removeStatement(node);
  };
  visit(plan.sourceFile);
}

/** `const { getSessionData, SessionManager } = await sessionLibrary()`: elements renamed to core's, or dropped. */
export function migrateDestructuredNames(plan: FilePlan, bindings: readonly BindingPlan[]): void {
  const patterns = new Map<ts.ObjectBindingPattern, BindingPlan[]>();
  for (const entry of bindings) {
    if (entry.binding.source.kind !== 'object' || !ts.isBindingElement(entry.binding.node)) continue;
    const pattern = entry.binding.node.parent as ts.ObjectBindingPattern;
    patterns.set(pattern, [...(patterns.get(pattern) ?? []), entry]);
  }
  for (const [pattern, entries] of patterns) {
    const kept = pattern.elements.filter((element) => {
      const entry = entries.find((candidate) => candidate.binding.node === element);
      return entry === undefined || entry.local !== null;
    });
    const render = kept.map((element) => {
      const entry = entries.find((candidate) => candidate.binding.node === element);
      if (!entry || entry.exported === null || entry.local === null) return element.getText();
      return entry.exported === entry.local ? entry.exported : `${entry.exported}: ${entry.local}`;
    });
    const declaration = pattern.parent as ts.VariableDeclaration;
    const statement = declaration.parent.parent;
    if (kept.length === 0 && ts.isVariableStatement(statement) && declaration.initializer) {
      // Nothing is taken from the module any more; what loads it still runs.
      const init = declaration.initializer;
      plan.replace(statement, (text) => `${text(init)};`);
    } else if (render.join(', ') !== pattern.elements.map((element) => element.getText()).join(', ')) {
      plan.replace(pattern, () => `{ ${render.join(', ')} }`);
    }
  }
}
