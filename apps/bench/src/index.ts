/** Programmatic entry: the pieces `pnpm bench` is made of, for scripts and tests. */
export { parseCliArgs, USAGE, type CliOptions, type ParsedArgs } from './args.js';
export { checkResults, CORE_BYTES_PER_SESSION_LIMIT, type CheckVerdict } from './check.js';
export { GATING_TARGETS } from './gating.js';
export { evaluateTargets, TARGETS, type Target, type TargetId, type TargetOutcome } from './targets.js';
export { renderTerminal } from './report/terminal.js';
export { measureBatches, measureScenarios, roundOrder, type BatchSide, type ScenarioSide } from './harness.js';
export { dashboardEntries, type DashboardEntry } from './report/json.js';
export { renderHtml } from './report/html.js';
export { renderMarkdown } from './report/markdown.js';
export { writeReports } from './report/write.js';
export type { Claim, Curve, CurvePoint, LostUpdates, PeerName, RedisRun, RunMeta, SideName, SideResult, Suite, Unit, WorkloadResult } from './results.js';
export { runWorkloads } from './run.js';
export { headline, percentile, ratio, summarize, type SideStats } from './stats.js';
export { loadSystems, type Systems } from './systems.js';
export { WORKLOADS } from './workloads/index.js';
