export { ALL_STEPS, codemods, isCodemodName, type CodemodInfo, type CodemodName, type RolloutPhase } from './lib/codemods.js';
export { ACKNOWLEDGED_PREFIX, MARKER_PREFIX, scanMarkers, type MarkerLocation } from './lib/migration-marker.js';
export { runCodemod, type RunOptions, type RunSummary, type RunTotals } from './lib/run-jscodeshift.js';
export type { FileResult, FileStatus } from './lib/results.js';
export { exitCodeFor, formatDiffs, formatSummary, reportJson, REPORT_VERSION } from './lib/summary.js';
