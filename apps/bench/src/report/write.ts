/** Writes a run's outputs into the results directory and appends it to the history. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckVerdict } from '../check.js';
import type { RunMeta, WorkloadResult } from '../results.js';
import { renderHtml } from './html.js';
import { appendHistory, readHistory } from './history.js';
import { dashboardEntries } from './json.js';
import { renderMarkdown } from './markdown.js';

export interface WrittenReports {
  files: string[];
  /** History files that could not be read (named so a broken file is not silently ignored). */
  skippedHistory: string[];
}

export function writeReports(outDir: string, results: readonly WorkloadResult[], meta: RunMeta, verdict: CheckVerdict | null): WrittenReports {
  mkdirSync(outDir, { recursive: true });
  const entries = dashboardEntries(results);
  const files: string[] = [];
  const write = (name: string, content: string): void => {
    const file = join(outDir, name);
    writeFileSync(file, content);
    files.push(file);
  };
  write('latest.json', `${JSON.stringify(entries, null, 2)}\n`);
  write('meta.json', `${JSON.stringify(meta, null, 2)}\n`);
  write('latest.md', renderMarkdown(results, meta, verdict));
  const historyDir = join(outDir, 'history');
  files.push(appendHistory(historyDir, { meta, entries }));
  const history = readHistory(historyDir);
  write('index.html', renderHtml(results, meta, verdict, history.records));
  return { files, skippedHistory: history.skipped };
}
