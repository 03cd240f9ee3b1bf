/** What a migration rule sees of the file it rewrites, and the only ways it reports what it could not do. */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { enclosingStatement } from './ast.js';
import type { ImportEditor } from './import-editor.js';
import type { TargetOption } from './legacy-modules.js';
import { isAcknowledged, writeMarker, type MarkerLocation } from './migration-marker.js';
import { collectOldBindings, collectOldUses, type OldBinding, type OldUse } from './old-bindings.js';
import type { ParserName } from './parser.js';
import type { ImportedBy } from './project.js';

export interface MigrationOptions {
  /** `package`: new names come from `@sessionkit/core`; `relative`: from `./session`, `./session_manager`, `./session_types`. */
  target: TargetOption;
  /** `remove-adapter` writes a marker above each adapter import instead of only reporting it. */
  writeMarkers: boolean;
  /** Forces one parser for every file (else chosen by extension). */
  parser?: ParserName | undefined;
  /**
   * Which of this file's exports other files of the run import (the CLI's
   * survey). Empty when unknown: a file on its own is migrated as if nothing
   * else imported it.
   */
  importedBy: ImportedBy;
}

export interface RuleContext {
  readonly j: JSCodeshift;
  readonly root: Collection;
  readonly filePath: string;
  readonly options: MigrationOptions;
  /** The parser yields ESTree shapes (`Literal`, `Property`): new nodes must match. */
  readonly estree: boolean;
  readonly imports: ImportEditor;
  /** The old-system bindings of the file as it is now. */
  oldBindings(): OldBinding[];
  /** Every use of the given (default: all current) old bindings. */
  oldUses(bindings?: readonly OldBinding[]): OldUse[];
  /** Leaves a `// sessionkit-migrate: <reason>` above the statement holding `path`. */
  mark(path: ASTPath, reason: string): void;
  /** Lists a site in the summary without writing into the file (its line is the input's). */
  report(path: ASTPath, reason: string): void;
  /** The statement holding `path` was acknowledged by hand (`sessionkit-migrate-ignore:`): leave it be. */
  isAcknowledged(path: ASTPath): boolean;
  /** Counts something the CLI reports per run (`remove-adapter`: adapter imports left). */
  count(name: string): void;
}

export interface Rule {
  readonly name: string;
  run(context: RuleContext): void;
}

export function createContext(
  base: Omit<RuleContext, 'oldBindings' | 'oldUses' | 'mark' | 'report' | 'isAcknowledged' | 'count'>,
  reported: MarkerLocation[],
  counts: Record<string, number>,
): RuleContext {
  const { j, root } = base;
  return {
    ...base,
    oldBindings: () => collectOldBindings(j, root),
    oldUses: (bindings) => collectOldUses(j, root, bindings ?? collectOldBindings(j, root)),
    mark(path, reason) {
      const statement = enclosingStatement(path);
      if (statement) writeMarker(j, statement, reason);
    },
    report(path, reason) {
      const line = (path.node as { loc?: { start: { line: number } } | null }).loc?.start.line ?? 0;
      reported.push({ line, reason });
    },
    isAcknowledged(path) {
      const statement = enclosingStatement(path);
      return statement !== null && isAcknowledged(statement.node);
    },
    count(name) {
      counts[name] = (counts[name] ?? 0) + 1;
    },
  };
}
