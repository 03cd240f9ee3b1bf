/**
 * `@sessionkit/codemods`: the transforms that migrate a codebase from the old
 * session system to `@sessionkit/core`, and what the `sessionkit-codemod` CLI
 * is built from, to run them from a script: the transform registry
 * ({@link codemods}), the runner ({@link runCodemod}), the summary and
 * `--report` formats, and the migration markers.
 *
 * @packageDocumentation
 */
export { ALL_STEPS, codemods, isCodemodName, type CodemodInfo, type CodemodName, type RolloutPhase } from './lib/codemods.js';
export type { TargetOption } from './lib/legacy-modules.js';
export { ACKNOWLEDGED_PREFIX, MARKER_PREFIX, scanMarkers, type MarkerLocation } from './lib/migration-marker.js';
export type { ParserName } from './lib/parser.js';
export { runCodemod, type RunOptions, type RunSummary, type RunTotals } from './lib/run-jscodeshift.js';
export type { FileResult, FileStatus } from './lib/results.js';
export { exitCodeFor, formatDiffs, formatSummary, reportJson, REPORT_VERSION } from './lib/summary.js';
