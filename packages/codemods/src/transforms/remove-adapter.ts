/**
 * Phase 3 (cleanup): lists every import that still goes through
 * `@sessionkit/legacy-adapter`. It changes nothing unless `--write-markers`
 * is given, in which case each such import gets a marker. An import already
 * carrying a marker (from `all`) is listed through that marker; one a user
 * acknowledged (`sessionkit-migrate-ignore:`) is not listed at all. The CLI
 * exits 0 only when no adapter import is left.
 */
import { enclosingStatement } from '../lib/ast.js';
import type { Rule } from '../lib/context.js';
import { defineTransform } from '../lib/define-transform.js';
import { ADAPTER_PACKAGE, isAdapterSource } from '../lib/legacy-modules.js';
import { markerReasons } from '../lib/migration-marker.js';
import { findModuleReferences } from '../lib/module-references.js';

export const ADAPTER_IMPORTS = 'adapterImports';

export const rule: Rule = {
  name: 'remove-adapter',
  run(context) {
    for (const reference of findModuleReferences(context.j, context.root)) {
      if (!isAdapterSource(reference.source) || context.isAcknowledged(reference.site)) continue;
      context.count(ADAPTER_IMPORTS);
      const statement = enclosingStatement(reference.site);
      if (statement && markerReasons(statement.node).length > 0) continue;
      const names = reference.names && reference.names.length > 0 ? ` (${reference.names.join(', ')})` : '';
      const reason = `still imports ${ADAPTER_PACKAGE}${names}: move to @sessionkit/core, then delete this import`;
      if (context.options.writeMarkers) context.mark(reference.site, reason);
      else context.report(reference.site, reason);
    }
  },
};

export default defineTransform([rule]);
