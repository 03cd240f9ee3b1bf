/**
 * Phase 1 (bridge): re-points every import of the old system at
 * `@sessionkit/legacy-adapter`, which exports every old name on top of core.
 * Package subpaths are kept (`@sessionkit/legacy/session_manager` →
 * `@sessionkit/legacy-adapter/session_manager`); relative old modules go to
 * the package root. Nothing else changes.
 *
 * `all` ends with the same rule in "leftovers" mode: what the other
 * transforms could not migrate is re-pointed AND marked (imports of one
 * adapter module merged into one statement, one marker), so it still
 * compiles and runs, and `remove-adapter` later lists it.
 */
import type { ASTNode, ASTPath } from 'jscodeshift';
import { enclosingStatement, removeStatement, stringValue } from '../lib/ast.js';
import type { Rule, RuleContext } from '../lib/context.js';
import { defineTransform } from '../lib/define-transform.js';
import { adapterSpecifierFor, classifySpecifier, isAdapterSource } from '../lib/legacy-modules.js';
import { isAcknowledged, MARKER_PREFIX } from '../lib/migration-marker.js';
import { findModuleReferences, replaceSpecifier, type ModuleReference } from '../lib/module-references.js';
import { collectOldBindings, collectOldUses } from '../lib/old-bindings.js';

export const LEFTOVER_REASON_PREFIX = 'still uses the old API through @sessionkit/legacy-adapter';

/** The old names a reference still needs, for the leftover marker. */
function namesStillUsed(context: RuleContext, reference: ModuleReference): string[] {
  const statement = enclosingStatement(reference.site);
  const bindings = collectOldBindings(context.j, context.root).filter((binding) => binding.statement === statement?.node);
  if (bindings.length === 0) return reference.names ?? [];
  const names = new Set<string>();
  for (const binding of bindings) {
    if (binding.imported !== null) names.add(binding.imported);
  }
  for (const use of collectOldUses(
    context.j,
    context.root,
    bindings.filter((binding) => binding.imported === null),
  )) {
    if (use.name !== '*') names.add(use.name);
  }
  return [...names];
}

function leftoverReason(names: readonly string[]): string {
  const what = names.length > 0 ? ` (${names.join(', ')})` : '';
  return `${LEFTOVER_REASON_PREFIX}${what}; migrate it by hand, then run remove-adapter`;
}

/** Replaces an earlier leftover marker, so the names it lists stay current across runs. */
function refreshLeftoverMarker(context: RuleContext, reference: ModuleReference): void {
  const statement = enclosingStatement(reference.site);
  if (!statement) return;
  const node = statement.node as { comments?: { value: string }[] | null };
  const stale = (comment: { value: string }): boolean => comment.value.trim().startsWith(`${MARKER_PREFIX} ${LEFTOVER_REASON_PREFIX}`);
  const reason = leftoverReason(namesStillUsed(context, reference));
  const current = (node.comments ?? []).find(stale);
  if (current && current.value.trim() === `${MARKER_PREFIX} ${reason}`) return;
  if (current) node.comments = (node.comments ?? []).filter((comment) => !stale(comment));
  context.mark(reference.site, reason);
}

type ImportNode = ASTNode & {
  type: string;
  source: ASTNode;
  importKind?: string | null;
  specifiers?: (ASTNode & { type: string; importKind?: string | null; imported?: { name?: string }; local?: { name?: string } })[];
};

/**
 * After re-pointing, several old modules may have become the same adapter
 * module (`../models`, `../session_manager` → the root): their named
 * imports become one statement, so one marker lists what still leans on
 * that module. Type-only imports merge as `type` names.
 */
function mergeAdapterImports(context: RuleContext): void {
  const { j } = context;
  const program = context.root.find(j.Program).paths()[0];
  if (!program) return;
  const body = program.get('body') as ASTPath;
  const first = new Map<string, ImportNode>();
  const merged: ImportNode[] = [];
  for (const node of body.value as unknown as ImportNode[]) {
    if (node.type !== 'ImportDeclaration' || isAcknowledged(node)) continue;
    const specifier = stringValue(node.source);
    const source = specifier === null ? null : classifySpecifier(specifier);
    const specifiers = node.specifiers ?? [];
    if (specifier === null || !source || !isAdapterSource(source) || specifiers.length === 0 || specifiers.some((s) => s.type !== 'ImportSpecifier')) continue;
    const target = first.get(specifier);
    if (!target) {
      first.set(specifier, node);
      continue;
    }
    const typeOnly = (declaration: ImportNode): boolean => declaration.importKind === 'type';
    if (typeOnly(target) && !typeOnly(node)) {
      // The statement gains a value name: it becomes a value import whose earlier names stay types.
      target.importKind = 'value';
      for (const s of target.specifiers ?? []) s.importKind = 'type';
    }
    for (const s of specifiers) {
      const duplicate = (target.specifiers ?? []).some((t) => t.imported?.name === s.imported?.name && t.local?.name === s.local?.name);
      if (duplicate) continue;
      if (typeOnly(node) && !typeOnly(target)) s.importKind = 'type';
      target.specifiers = [...(target.specifiers ?? []), s];
    }
    merged.push(node);
  }
  for (const node of merged) {
    const index = (body.value as unknown as ASTNode[]).indexOf(node);
    if (index !== -1) removeStatement(j, body.get(index) as ASTPath);
  }
}

function redirect(context: RuleContext, markLeftovers: boolean): void {
  for (const reference of findModuleReferences(context.j, context.root)) {
    if (context.isAcknowledged(reference.site) || isAdapterSource(reference.source)) continue;
    replaceSpecifier(context.j, reference, adapterSpecifierFor(reference.source), context.estree);
  }
  if (!markLeftovers) return;
  mergeAdapterImports(context);
  for (const reference of findModuleReferences(context.j, context.root)) {
    if (!context.isAcknowledged(reference.site)) refreshLeftoverMarker(context, reference);
  }
}

export const rule: Rule = { name: 'to-adapter', run: (context) => redirect(context, false) };

/** `all`'s last step: the same re-pointing, with a marker on everything still on the bridge. */
export const leftoversRule: Rule = { name: 'to-adapter (leftovers)', run: (context) => redirect(context, true) };

export default defineTransform([rule]);
