/**
 * The CLI's first pass (a jscodeshift transform that changes nothing): each
 * worker appends, per file, the relative modules it imports and the names it
 * takes to `<surveyDir>/<pid>.jsonl`. `run-jscodeshift` merges them into the
 * project file the migrating transforms read (see lib/project.ts).
 */
import { appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import { MAX_SOURCE_LENGTH, skipReason } from './lib/file-guards.js';
import { parserFor } from './lib/parser.js';
import { surveyImports, type SurveyedFile } from './lib/project.js';

export default function survey(file: FileInfo, api: API, options: Options): undefined {
  const surveyDir = options['surveyDir'];
  if (typeof surveyDir !== 'string' || file.source.includes('\u0000') || file.source.length > MAX_SOURCE_LENGTH) return undefined;
  const j = api.jscodeshift.withParser(parserFor(file.path));
  let entry: SurveyedFile;
  try {
    entry = {
      file: resolve(file.path),
      imports: surveyImports(j, j(file.source), file.path),
      ...(skipReason(file.path, file.source, api.jscodeshift) !== null ? { skipped: true } : {}),
    };
  } catch {
    // A file that does not parse is reported by the migrating run itself.
    return undefined;
  }
  appendFileSync(join(surveyDir, `${process.pid}.jsonl`), `${JSON.stringify(entry)}\n`);
  return undefined;
}
