/**
 * Phase 2, step by step: old imports → core names, merged into one core import.
 *
 * - `SessionManager` → `SimpleSessionManager` (once the file calls no method
 *   core's manager lacks, such as `addSession`); `ClientBinding`,
 *   `AnalysisRecord`, `Thread`, `ModelBackend`, `SecurityEvent` keep their
 *   names and come from core (every use).
 * - `ContextSwitcherSession` / `SessionData` used as TYPES → `Session`, once
 *   the file no longer builds or fetches old sessions (`new
 *   ContextSwitcherSession(...)`, `getSessionData(...)`: other transforms'
 *   work; `all` runs this one again at the end).
 * - Old imports nothing uses any more (`SessionConcurrency`,
 *   `getSessionLockManager`, `SessionSecurity`, …) are dropped.
 * - Re-exports of names core has under the same name move to core; a
 *   re-export of a renamed or removed name is the module's public API, so
 *   it is left for a human (marker).
 */
import type { ASTNode, ASTPath } from 'jscodeshift';
import { isTypePosition, replaceKeepingComments, stringValue } from '../lib/ast.js';
import type { Rule, RuleContext } from '../lib/context.js';
import { defineTransform } from '../lib/define-transform.js';
import { exposedOldTypes, markExposures } from '../lib/exposed-types.js';
import { classifySpecifier, coreSpecifierFor, importTargetFor, isOldImport } from '../lib/legacy-modules.js';
import { managerCanMove, markUnreadableManagerOptions, oldSessionsMadeHere, oldTypedVariablesNeedingOldApi, sessionTypesCanMove } from '../lib/manager-api.js';
import type { OldBinding, OldUse } from '../lib/old-bindings.js';

/** Old name → core name, for every use. */
export const RENAMED: ReadonlyMap<string, string> = new Map([
  ['SessionManager', 'SimpleSessionManager'],
  ['ClientBinding', 'ClientBinding'],
  ['AnalysisRecord', 'AnalysisRecord'],
  ['Thread', 'Thread'],
  ['ModelBackend', 'ModelBackend'],
  ['SecurityEvent', 'SecurityEvent'],
]);

/** Old name → core name, for uses as a type only. */
export const RENAMED_AS_TYPE: ReadonlyMap<string, string> = new Map([
  ['ContextSwitcherSession', 'Session'],
  ['SessionData', 'Session'],
]);

/** Names core exports under the same name (a re-export of these can move to core as is). */
const SAME_NAME_IN_CORE = new Set(['ClientBinding', 'AnalysisRecord', 'Thread', 'ModelBackend', 'SecurityEvent', 'SessionError', 'SessionCleanupError']);

function usesByBinding(uses: readonly OldUse[]): Map<OldBinding, OldUse[]> {
  const grouped = new Map<OldBinding, OldUse[]>();
  for (const use of uses) grouped.set(use.binding, [...(grouped.get(use.binding) ?? []), use]);
  return grouped;
}

function isTypeScript(context: RuleContext): boolean {
  return /\.[cm]?tsx?$/.test(context.filePath);
}

/** Renames every use of named old bindings (and `ns.Name` uses of namespace ones) per a table. */
export function migrateNames(context: RuleContext, table: ReadonlyMap<string, string>, typeTable: ReadonlyMap<string, string> = new Map()): void {
  const bindings = context.oldBindings();
  const grouped = usesByBinding(context.oldUses(bindings));
  for (const binding of bindings) {
    const uses = grouped.get(binding) ?? [];
    if (binding.imported !== null) {
      const renamed = table.get(binding.imported);
      const typeRenamed = typeTable.get(binding.imported);
      if (renamed !== undefined) {
        context.imports.renameBinding(
          binding,
          renamed,
          uses.map((use) => use.path),
        );
      } else if (typeRenamed !== undefined) {
        const typeUses = uses.filter((use) => isTypePosition(use.path));
        if (typeUses.length === 0) continue;
        if (typeUses.length === uses.length && binding.typeOnly) {
          context.imports.renameBinding(
            binding,
            typeRenamed,
            typeUses.map((use) => use.path),
          );
        } else {
          const local = context.imports.use(typeRenamed, { typeOnly: isTypeScript(context), near: binding });
          for (const use of typeUses) context.imports.renameReference(use.path, local);
        }
      }
      continue;
    }
    // Namespace: `ns.SessionManager` becomes a named core import.
    for (const use of uses) {
      const renamed = table.get(use.name) ?? (isTypePosition(use.path) ? typeTable.get(use.name) : undefined);
      if (renamed === undefined) continue;
      const typeOnly = binding.typeOnly || (isTypeScript(context) && isTypePosition(use.path));
      const local = context.imports.use(renamed, { typeOnly, near: binding });
      replaceKeepingComments(use.path, context.j.identifier(local));
    }
  }
}

/** `export { Thread } from '<old>'` → from core; other old re-exports get a marker. */
export function migrateReexports(context: RuleContext, movable: ReadonlySet<string>): void {
  const { j } = context;
  context.root.find(j.Node).forEach((nodePath) => {
    const path = nodePath as unknown as ASTPath;
    const node = path.node as unknown as { type: string; source?: ASTNode | null; specifiers?: { local?: { name: string } }[] };
    if ((node.type !== 'ExportNamedDeclaration' && node.type !== 'ExportAllDeclaration') || !node.source) return;
    if (path.parent?.node.type !== 'Program' || context.isAcknowledged(path)) return;
    const specifier = stringValue(node.source);
    const source = specifier === null ? null : classifySpecifier(specifier);
    if (specifier === null || !source) return;
    const names = node.type === 'ExportNamedDeclaration' ? (node.specifiers ?? []).flatMap((s) => (s.local ? [s.local.name] : [])) : null;
    if (!isOldImport(source, names)) return;
    if (names !== null && names.length > 0 && names.every((name) => movable.has(name))) {
      const targets = new Set(names.map((name) => coreSpecifierFor(name, importTargetFor(context.options.target, source))));
      if (targets.size === 1) {
        const [target] = [...targets];
        node.source = context.estree ? j.literal(target ?? '') : j.stringLiteral(target ?? '');
        return;
      }
    }
    const what = names === null ? 'everything' : names.join(', ');
    context.mark(path, `re-exports old API (${what}): this module's importers decide; re-export the core names once they migrated`);
  });
}

export const rule: Rule = {
  name: 'imports',
  run(context) {
    // The class and session-type renames wait until nothing in the file still needs the old ones.
    const renamed = new Map([...RENAMED].filter(([name]) => name !== 'SessionManager' || managerCanMove(context)));
    if (renamed.has('SessionManager')) markUnreadableManagerOptions(context);
    migrateNames(context, renamed, sessionTypesCanMove(context) ? RENAMED_AS_TYPE : new Map());
    // Old types that other files of the run receive through this file's exports stay, and say so.
    markExposures(context, exposedOldTypes(context));
    // So do variables that use what core's Session lacks (said where that is what holds the types back).
    for (const variable of oldSessionsMadeHere(context) ? [] : oldTypedVariablesNeedingOldApi(context)) {
      if (context.isAcknowledged(variable.path)) continue;
      context.mark(
        variable.path,
        `${variable.name} keeps its old type: it uses what core's Session does not have (${variable.escapes}); move those uses to Session's API, then run all again`,
      );
    }
    migrateReexports(context, new Set([...SAME_NAME_IN_CORE].filter((name) => name !== 'SessionError' && name !== 'SessionCleanupError')));
    // Dropping unused old imports is this transform's job (the others only drop what they emptied).
    context.imports.pruneUnused(context.oldBindings());
  },
};

export default defineTransform([rule]);
