/**
 * Phase 2 (bridge): re-points every import of the old system at
 * `@sessionkit/legacy-adapter`, which exports every old name on top of core.
 * Package subpaths are kept (`@sessionkit/legacy/session_manager` →
 * `@sessionkit/legacy-adapter/session_manager`); relative old modules go to
 * the package root. Nothing else changes.
 *
 * `all` ends with the same rule in "leftovers" mode: what the other
 * transforms could not migrate is re-pointed AND marked, so it still
 * compiles and runs, and `remove-adapter` later lists it.
 */
import { enclosingStatement } from '../lib/ast.js';
import type { Rule, RuleContext } from '../lib/context.js';
import { defineTransform } from '../lib/define-transform.js';
import { adapterSpecifierFor, isAdapterSource } from '../lib/legacy-modules.js';
import { MARKER_PREFIX } from '../lib/migration-marker.js';
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
  for (const use of collectOldUses(context.j, context.root, bindings.filter((binding) => binding.imported === null))) {
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

function redirect(context: RuleContext, markLeftovers: boolean): void {
  for (const reference of findModuleReferences(context.j, context.root)) {
    if (context.isAcknowledged(reference.site)) continue;
    if (!isAdapterSource(reference.source)) {
      replaceSpecifier(context.j, reference, adapterSpecifierFor(reference.source), context.estree);
    }
    if (markLeftovers) refreshLeftoverMarker(context, reference);
  }
}

export const rule: Rule = { name: 'to-adapter', run: (context) => redirect(context, false) };

/** `all`'s last step: the same re-pointing, with a marker on everything still on the bridge. */
export const leftoversRule: Rule = { name: 'to-adapter (leftovers)', run: (context) => redirect(context, true) };

export default defineTransform([rule]);
