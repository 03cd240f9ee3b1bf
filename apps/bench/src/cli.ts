/**
 * `pnpm bench`: loads both systems, runs the selected workloads, writes the
 * reports, and applies the regression gate with --check.
 * Exit codes: 0 ok, 1 a side failed or the gate failed, 2 bad arguments.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCliArgs, USAGE } from './args.js';
import { checkResults } from './check.js';
import { collectMeta } from './meta.js';
import { Progress } from './progress.js';
import { SIDE_NAMES } from './results.js';
import { writeReports } from './report/write.js';
import { runWorkloads } from './run.js';
import { loadSystems } from './systems.js';
import { WORKLOADS } from './workloads/index.js';

/** How many times --check measures a failing workload again before it fails the gate. */
const CHECK_RERUNS = 2;
const DEFAULT_OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCliArgs(argv, WORKLOADS.map((workload) => workload.id));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`bench: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const { options } = parsed;
  const selected = options.filter ? WORKLOADS.filter((workload) => options.filter?.includes(workload.id)) : WORKLOADS;
  const progress = new Progress(process.stderr, selected.length);
  const startedAt = new Date();
  const started = performance.now();

  const systems = await loadSystems();
  for (const name of ['legacy', 'core'] as const) {
    const system = systems[name];
    if (!system.ok) progress.line(`bench: ${name} side unavailable: ${system.reason}`);
  }
  progress.line(`bench: ${options.quick ? 'quick' : 'full'} run, ${selected.length} workloads: ${selected.map((w) => w.id).join(', ')}`);

  let results = await runWorkloads(selected, { quick: options.quick, systems, progress });
  let verdict = options.check ? checkResults(results) : null;
  // A shared machine can make one interleaved measurement unlucky: before the
  // gate fails a workload, measure it again; it fails only if every attempt does.
  // Each rerun is reported, with the figures of the attempt that failed.
  for (let attempt = 1; verdict !== null && !verdict.passed && attempt <= CHECK_RERUNS; attempt++) {
    const failed = new Set(verdict.failedIds);
    for (const failure of verdict.failures) progress.line(`bench: check: ${failure}; measuring again (${attempt}/${CHECK_RERUNS})`);
    const rerun = await runWorkloads(selected.filter((workload) => failed.has(workload.id)), { quick: options.quick, systems, progress });
    results = results.map((result) => rerun.find((again) => again.id === result.id) ?? result);
    verdict = checkResults(results);
  }
  const meta = collectMeta({ quick: options.quick, filter: options.filter, startedAt, durationMs: performance.now() - started });
  const outDir = resolve(options.out ?? DEFAULT_OUT);
  const written = writeReports(outDir, results, meta, verdict);
  for (const name of written.skippedHistory) progress.line(`bench: skipped unreadable history file ${name}`);
  progress.line(`bench: done in ${(meta.durationMs / 1000).toFixed(1)}s; reports in ${outDir}`);

  const failedSides = results.flatMap((result) =>
    SIDE_NAMES.flatMap((side) => (result.sides[side]?.error ? [`${result.id} (${side}): ${result.sides[side]?.error}`] : [])),
  );
  for (const failure of failedSides) progress.line(`bench: error in ${failure}`);
  if (verdict) {
    if (verdict.passed) progress.line(`bench: check passed (${verdict.compared.length} workloads compared)`);
    else for (const failure of verdict.failures) progress.line(`bench: check failed: ${failure}`);
  }
  return failedSides.length > 0 || (verdict !== null && !verdict.passed) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
