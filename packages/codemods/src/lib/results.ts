/**
 * Per-file results travel from jscodeshift's worker processes to the CLI
 * through JSON-lines files in a run's temporary folder (one file per worker
 * process, appended synchronously), because the runner itself only returns
 * totals.
 */
import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MarkerLocation } from './migration-marker.js';

/**
 * What a run did to one file: `changed` (rewritten, or would be with `dry`),
 * `unchanged`, `failed` (it did not parse, or its rewrite failed; never
 * written; "errored" in the summary) or `skipped` (left alone on purpose: a
 * binary file, a file over 1 MB, a module of the old system or of the
 * toolkit itself).
 */
export type FileStatus = 'changed' | 'unchanged' | 'failed' | 'skipped';

/** One file's outcome in a run: one entry of {@link RunSummary.files} and of the `--report` JSON's `files`. */
export interface FileResult {
  /** The file's path, relative to the current directory. */
  file: string;
  /** What the run did to it. */
  status: FileStatus;
  /** Sites left for a human: markers in the file (and, for `remove-adapter`, imports it reports). */
  markers: MarkerLocation[];
  /** Why the file failed (parse or transform error) or was skipped. */
  reason?: string;
  /** Per-transform tallies (`remove-adapter`: `adapterImports`). */
  counts?: Record<string, number>;
  /** With {@link RunOptions.print} (`--print`): the file's text before the rewrite (changed files only). */
  before?: string;
  /** With {@link RunOptions.print} (`--print`): the file's text after the rewrite (changed files only). */
  after?: string;
}

export function recordResult(resultsDir: string, result: FileResult): void {
  appendFileSync(join(resultsDir, `${process.pid}.jsonl`), `${JSON.stringify(result)}\n`);
}

export function readResults(resultsDir: string): FileResult[] {
  const results: FileResult[] = [];
  for (const name of readdirSync(resultsDir)) {
    if (!name.endsWith('.jsonl')) continue;
    for (const line of readFileSync(join(resultsDir, name), 'utf8').split('\n')) {
      if (line.trim() !== '') results.push(JSON.parse(line) as FileResult);
    }
  }
  return results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** How many results have been written so far (for the progress line). */
export function countResults(resultsDir: string): number {
  let count = 0;
  for (const name of readdirSync(resultsDir)) {
    if (!name.endsWith('.jsonl')) continue;
    const text = readFileSync(join(resultsDir, name), 'utf8');
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  }
  return count;
}
