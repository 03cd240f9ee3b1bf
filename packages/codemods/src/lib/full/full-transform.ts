/**
 * The `all` transform as jscodeshift sees it: a file in, its new text out.
 * Under the CLI the text was planned for the whole run beforehand
 * (plan-file.ts); run by hand (`jscodeshift -t dist/transforms/all.cjs`) or
 * from a test, the file is planned on its own: its imports are still read
 * from disk for their types, but nothing it exports is followed into the
 * files that import it.
 */
import { relative, resolve } from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import { skipReason } from '../file-guards.js';
import { parserFor } from '../parser.js';
import type { TargetOption } from '../legacy-modules.js';
import { scanMarkers, type MarkerLocation } from '../migration-marker.js';
import { recordResult, type FileResult } from '../results.js';
import { bridgeSource } from './bridge.js';
import { plannedEntry, type PlanEntry } from './plan-file.js';
import { planFullMigration } from './planner.js';

function planAlone(path: string, source: string, target: TargetOption): PlanEntry {
  const [planned] = planFullMigration([{ path, text: source }], { target, bridge: (file, text) => bridgeSource(file, text, target) });
  if (!planned) throw new Error(`no plan for ${path}`);
  return { inputHash: '', output: planned.output, outcome: planned.outcome, blockers: planned.blockers };
}

/** The jscodeshift transform of `all`: the file's planned text (and its result for the summary). */
export function fullTransform(file: FileInfo, api: API, options: Options): string | undefined {
  const resultsDir = typeof options['resultsDir'] === 'string' ? options['resultsDir'] : null;
  const record = (result: Omit<FileResult, 'file'>): void => {
    if (resultsDir !== null) recordResult(resultsDir, { file: relative(process.cwd(), resolve(file.path)), ...result });
  };
  const skipped = skipReason(file.path, file.source, api.jscodeshift);
  if (skipped !== null) {
    record({ status: 'skipped', markers: [], reason: skipped });
    return undefined;
  }
  const target: TargetOption = options['target'] === 'relative' ? 'relative' : 'package';
  try {
    // A file that does not parse is reported as such (the plan would only say it could not be rewritten).
    api.jscodeshift.withParser(parserFor(file.path))(file.source);
    const path = resolve(file.path);
    const planFile = typeof options['plan'] === 'string' ? options['plan'] : null;
    const entry = (planFile !== null ? plannedEntry(planFile, path, file.source) : null) ?? planAlone(path, file.source, target);
    const markers: MarkerLocation[] = scanMarkers(entry.output);
    record({
      status: entry.output === file.source ? 'unchanged' : 'changed',
      markers,
      ...(entry.outcome === 'bridge' ? { counts: { keptOnBridge: 1 } } : {}),
      ...(options['recordText'] === true && entry.output !== file.source ? { before: file.source, after: entry.output } : {}),
    });
    return entry.output;
  } catch (error) {
    record({ status: 'failed', markers: [], reason: (error as Error).message.replace(/\s+/g, ' ') });
    throw error;
  }
}
