/**
 * The full migration is planned once, in the CLI's process, over every file
 * of the run (the project model needs them all at once); jscodeshift's worker
 * processes then only hand each file its planned text. This is the file that
 * carries the plan between them, keyed by path and by a hash of the text the
 * plan was made from (a file changed since is planned on its own instead).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { PlannedFile } from './planner.js';

/** Format version of the plan file. */
export const PLAN_VERSION = 1;

/** One file's planned result. */
export interface PlanEntry {
  inputHash: string;
  output: string;
  outcome: PlannedFile['outcome'];
  blockers: PlannedFile['blockers'];
}

interface PlanDocument {
  version: typeof PLAN_VERSION;
  files: Record<string, PlanEntry>;
}

/** The SHA-256 of a text, hex. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Writes the plan of a run. */
export function writePlan(file: string, planned: readonly PlannedFile[]): void {
  const document: PlanDocument = {
    version: PLAN_VERSION,
    files: Object.fromEntries(
      planned.map((entry) => [entry.file, { inputHash: hashText(entry.input), output: entry.output, outcome: entry.outcome, blockers: entry.blockers }]),
    ),
  };
  writeFileSync(file, JSON.stringify(document));
}

const loaded = new Map<string, PlanDocument>();

/** The planned entry of a file (once per worker process), or null when the plan has none for this text. */
export function plannedEntry(planFile: string, path: string, source: string): PlanEntry | null {
  let document = loaded.get(planFile);
  if (document === undefined) {
    document = JSON.parse(readFileSync(planFile, 'utf8')) as PlanDocument;
    if (document.version !== PLAN_VERSION) throw new Error(`unexpected plan version ${String(document.version)} in ${planFile}`);
    loaded.set(planFile, document);
  }
  const entry = document.files[path];
  return entry && entry.inputHash === hashText(source) ? entry : null;
}
