/**
 * The thin layer over jscodeshift's runner: it points `Runner.run` at the
 * built transform (`dist/transforms/<name>.cjs`, which the worker processes
 * `require`), passes the CLI's options through, and collects the per-file
 * results the transforms record in a temporary folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodemodName } from './codemods.js';
import type { TargetOption } from './legacy-modules.js';
import { gitignorePatterns } from './gitignore.js';
import type { MarkerLocation } from './migration-marker.js';
import type { ParserName } from './parser.js';
import { PROJECT_VERSION, type Project, type SurveyedFile } from './project.js';
import { countResults, readResults, type FileResult } from './results.js';

/** What {@link runCodemod} runs, over which files, and how: the CLI's options as an object. */
export interface RunOptions {
  /** The transform to run (`'all'` for the whole migration; see {@link codemods}). */
  transform: CodemodName;
  /** Files and folders to run over; folders are walked recursively. */
  paths: readonly string[];
  /** Write nothing (`--dry`): the summary reports what would change. */
  dry: boolean;
  /** Keep each changed file's text before and after (`--print`), so {@link formatDiffs} can show the diffs. */
  print: boolean;
  /** One parser for every file (`--parser`); by default `tsx` for .tsx, `ts` for .ts/.mts/.cts, `babel` for JavaScript. */
  parser?: ParserName | undefined;
  /** The file extensions to run over, without the dot (`--extensions`; the CLI's default is `ts`, `tsx`, `js`, `jsx`, `mjs`, `cjs`). */
  extensions: readonly string[];
  /** Globs of paths to skip (`--ignore-pattern`), on top of `node_modules`, `.git` and what the `.gitignore` files of the current directory and of each path ignore. */
  ignorePatterns: readonly string[];
  /** Where new core imports point (`--target`): `'package'` for `@sessionkit/core`, `'relative'` for sibling modules beside the old ones. */
  target: TargetOption;
  /** `remove-adapter` only (`--write-markers`): write a marker above each adapter import it reports; the other transforms ignore it. */
  writeMarkers: boolean;
  /** Run the transform in this process, without worker processes (`--run-in-band`; for debugging). Default: false. */
  runInBand?: boolean | undefined;
  /** Worker processes (jscodeshift's `cpus`; default: the CPUs less one). */
  cpus?: number | undefined;
  /** Where the built transforms are (default: next to this module, i.e. `dist/transforms`). */
  transformsDir?: string | undefined;
  /** Called about twice a second with the files done so far (and the total, once the survey knows it), and once at the end. */
  onProgress?: ((filesDone: number, total: number | undefined) => void) | undefined;
}

/** The file counts of a run, as the summary's first line prints them. */
export interface RunTotals {
  /** Every file the run went over: the sum of the four counts below. */
  scanned: number;
  /** Files rewritten (with `dry`: that would be). */
  changed: number;
  /** Files the transform left as they were. */
  unchanged: number;
  /** Files that errored: they did not parse, their rewrite failed, or they could not be read or written. Never written. */
  failed: number;
  /** Files left alone on purpose (binary, over 1 MB, a module of the old system or of the toolkit itself). */
  skipped: number;
  /** Sites left to migrate by hand, over all files (the length of {@link RunSummary.markers}). */
  markers: number;
}

/** Everything a run found: what {@link runCodemod} resolves to, and what {@link formatSummary}, {@link reportJson} and {@link exitCodeFor} read. */
export interface RunSummary {
  /** The transform that ran. */
  transform: CodemodName;
  /** Whether it was a dry run (nothing written). */
  dry: boolean;
  /** The file counts. */
  totals: RunTotals;
  /** Every file the runner handed to the transform, sorted by path. */
  files: FileResult[];
  /** Every site left for a human, `file:line reason`. */
  markers: (MarkerLocation & { file: string })[];
  /** `remove-adapter`: imports of the bridge still in place. */
  adapterImports: number;
  /** Wall time of the run. */
  durationMs: number;
}

/** Always skipped: dependencies and git's own folder. */
const ALWAYS_IGNORED = ['node_modules', '.git'];

/** The transforms that change types across files: they first learn which exports other files of the run import. */
const NEEDS_PROJECT = new Set<CodemodName>(['imports', 'session-creation', 'session-operations', 'manager-usage', 'all']);

function defaultTransformsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'transforms');
}

type RunnerOptions = Record<string, unknown>;
type Runner = (transformFile: string, paths: string[], options: RunnerOptions) => Promise<{ error: number } | undefined>;

/**
 * The first pass: every file's relative imports, written as one project
 * file for the migrating run (see project.ts). Same runner, same files.
 */
async function surveyProject(
  run: Runner,
  surveyFile: string,
  paths: string[],
  options: RunnerOptions,
  workDir: string,
): Promise<{ projectFile: string; files: SurveyedFile[] }> {
  const surveyDir = join(workDir, 'survey');
  mkdirSync(surveyDir);
  const counters = await run(surveyFile, paths, { ...options, dry: true, print: false, surveyDir });
  if (counters === undefined) throw new Error(`survey not found: ${surveyFile} (build the package first)`);
  const files: SurveyedFile[] = [];
  for (const name of readdirSync(surveyDir)) {
    for (const line of readFileSync(join(surveyDir, name), 'utf8').split('\n')) {
      if (line.trim() !== '') files.push(JSON.parse(line) as SurveyedFile);
    }
  }
  const projectFile = join(workDir, 'project.json');
  writeFileSync(projectFile, JSON.stringify({ version: PROJECT_VERSION, files } satisfies Project));
  return { projectFile, files };
}

/**
 * `all`: the whole run planned at once in this process (the project model
 * needs every file), before the workers write anything; each file is read as
 * the survey saw it (nothing has been written since).
 */
async function planRun(files: readonly SurveyedFile[], target: TargetOption, workDir: string): Promise<string> {
  // Loaded on use: the planner brings in the TypeScript compiler, which no other command needs.
  const [{ planFullMigration }, { bridgeSource }, { writePlan }] = await Promise.all([
    import('./full/planner.js'),
    import('./full/bridge.js'),
    import('./full/plan-file.js'),
  ]);
  const snapshot = files.filter((file) => file.skipped !== true).map((file) => ({ path: file.file, text: readFileSync(file.file, 'utf8') }));
  const planned = planFullMigration(snapshot, { target, bridge: (file, text) => bridgeSource(file, text, target) });
  const planFile = join(workDir, 'plan.json');
  writePlan(planFile, planned);
  return planFile;
}

/** Whether a run may write files: not with `dry`, nor `remove-adapter` without `writeMarkers` (it only reports). */
export function writesFiles(options: Pick<RunOptions, 'transform' | 'dry' | 'writeMarkers'>): boolean {
  return !options.dry && !(options.transform === 'remove-adapter' && !options.writeMarkers);
}

/**
 * Runs one transform over files, the way the `sessionkit-codemod` CLI does:
 * jscodeshift's runner walks the paths and rewrites the files in worker
 * processes (for `all`, after a first pass that reads every file and a plan
 * of the whole run, so files that share old objects move together). Unlike
 * the CLI it does not check that the git working tree is clean: without
 * `dry`, it writes.
 *
 * @param options - the transform, the paths and the CLI's options
 * @returns the per-file results, the totals and the markers left; a file that
 *   errors is reported there, it does not make the promise reject
 * @throws Error when the built transform is not found (the package's `dist` is incomplete)
 *
 * @example
 * ```ts
 * import { exitCodeFor, formatSummary, runCodemod } from '@sessionkit/codemods';
 *
 * const summary = await runCodemod({
 *   transform: 'all', paths: ['src'], dry: true, print: false,
 *   extensions: ['ts', 'tsx'], ignorePatterns: [], target: 'package', writeMarkers: false,
 * });
 * process.stdout.write(formatSummary(summary));
 * process.exitCode = exitCodeFor(summary);
 * ```
 */
export async function runCodemod(options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  let total: number | undefined;
  const workDir = mkdtempSync(join(tmpdir(), 'sessionkit-codemod-'));
  const resultsDir = join(workDir, 'results');
  mkdirSync(resultsDir);
  const transformsDir = options.transformsDir ?? defaultTransformsDir();
  const transformFile = join(transformsDir, `${options.transform}.cjs`);
  const progress = options.onProgress ? setInterval(() => options.onProgress?.(countResults(resultsDir), total), 500) : undefined;
  try {
    // Loaded on use: the runner registers stdout listeners when imported, which `list` does not need.
    const { run: runJscodeshift } = await import('jscodeshift/src/Runner.js');
    const run = runJscodeshift as unknown as Runner;
    const runnerOptions: RunnerOptions = {
      ...(options.parser ? { parser: options.parser } : {}),
      extensions: options.extensions.join(','),
      ignorePattern: [...ALWAYS_IGNORED, ...gitignorePatterns(options.paths), ...options.ignorePatterns],
      // .gitignore is read above (see gitignore.ts for why not the runner's own flag).
      gitignore: false,
      babel: false,
      silent: true,
      verbose: -1,
      runInBand: options.runInBand === true,
      ...(options.cpus === undefined ? {} : { cpus: options.cpus }),
      failOnError: false,
    };
    const survey = NEEDS_PROJECT.has(options.transform)
      ? await surveyProject(run, join(transformsDir, '..', 'survey.cjs'), [...options.paths], runnerOptions, workDir)
      : undefined;
    const project = survey?.projectFile;
    total = survey?.files.length;
    const plan = survey && options.transform === 'all' ? await planRun(survey.files, options.target, workDir) : undefined;
    const counters = await run(transformFile, [...options.paths], {
      ...runnerOptions,
      // A report-only run is dry for the runner too: it never writes a file.
      dry: !writesFiles(options),
      // --print shows diffs (printed by the CLI from the recorded texts), not jscodeshift's raw output.
      print: false,
      // Read by the transforms (define-transform.ts):
      recordText: options.print,
      resultsDir,
      target: options.target,
      writeMarkers: options.writeMarkers,
      ...(project === undefined ? {} : { project }),
      ...(plan === undefined ? {} : { plan }),
    });
    if (counters === undefined) throw new Error(`transform not found: ${transformFile} (build the package first)`);
    const files = readResults(resultsDir);
    // A last report with the final count, so a fast big run still shows its line once.
    options.onProgress?.(files.length, total);
    return summarize(options, files, counters.error, Date.now() - started);
  } finally {
    if (progress) clearInterval(progress);
    rmSync(workDir, { recursive: true, force: true });
  }
}

function summarize(options: RunOptions, files: FileResult[], runnerErrors: number, durationMs: number): RunSummary {
  const count = (status: FileResult['status']): number => files.filter((file) => file.status === status).length;
  // A file the runner could not read or write fails without reaching the transform's record.
  const failed = Math.max(count('failed'), runnerErrors);
  const markers = files.flatMap((file) => file.markers.map((marker) => ({ file: file.file, ...marker })));
  return {
    transform: options.transform,
    dry: options.dry,
    totals: {
      scanned: files.length + (failed - count('failed')),
      changed: count('changed'),
      unchanged: count('unchanged'),
      failed,
      skipped: count('skipped'),
      markers: markers.length,
    },
    files,
    markers,
    adapterImports: files.reduce((sum, file) => sum + (file.counts?.['adapterImports'] ?? 0), 0),
    durationMs,
  };
}
