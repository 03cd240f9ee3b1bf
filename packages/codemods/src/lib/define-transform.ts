/**
 * Turns migration rules into a jscodeshift transform: picks the parser per
 * file, runs the rules in order (re-parsing between them, so each sees fresh
 * scopes), keeps the file's quote, semicolon and line-ending style, refuses
 * output that does not parse, and, when the CLI started the run, records
 * the file's result for the summary.
 */
import { relative, resolve } from 'node:path';
import type { API, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { detectLineTerminator, detectQuote, matchSemicolonStyle } from './code-style.js';
import { createContext, type MigrationOptions, type Rule } from './context.js';
import { skipReason } from './file-guards.js';
import { ImportEditor } from './import-editor.js';
import { classifySpecifier, isCoreSpecifier } from './legacy-modules.js';
import { scanMarkers, type MarkerLocation } from './migration-marker.js';
import { moduleSpecifiers } from './module-references.js';
import { isParserName, parserFor, usesEstreeShapes } from './parser.js';
import { importedByIn, loadProject, type ImportedBy } from './project.js';
import { recordResult, type FileResult } from './results.js';

export interface MigrationResult {
  output: string;
  /** Sites reported without a marker in the file (`remove-adapter` without `--write-markers`). */
  reported: MarkerLocation[];
  counts: Record<string, number>;
}

/** Whether the file imports anything a rule could act on (old modules, the bridge, or core). */
function mentionsSessionModules(j: JSCodeshift, root: Collection): boolean {
  return moduleSpecifiers(j, root).some((specifier) => isCoreSpecifier(specifier) || classifySpecifier(specifier) !== null);
}

/** Runs rules over one source text. Throws when the input (or, never expected, the output) does not parse. */
export function migrateSource(jscodeshift: JSCodeshift, file: FileInfo, rules: readonly Rule[], options: MigrationOptions): MigrationResult {
  const parser = parserFor(file.path, options.parser);
  const j = jscodeshift.withParser(parser);
  const printOptions = { quote: detectQuote(file.source), lineTerminator: detectLineTerminator(file.source), wrapColumn: 100 };
  const reported: MarkerLocation[] = [];
  const counts: Record<string, number> = {};
  let source = file.source;
  for (const rule of rules) {
    const root = j(source);
    if (!mentionsSessionModules(j, root)) break;
    const estree = usesEstreeShapes(parser);
    const context = createContext(
      { j, root, filePath: file.path, options, estree, imports: new ImportEditor(j, root, options.target, printOptions.quote) },
      reported,
      counts,
    );
    const bindingsBefore = context.oldBindings();
    const usedBefore = new Set(context.oldUses(bindingsBefore).map((use) => use.binding.local));
    rule.run(context);
    // What a rule stopped using goes (judged on the bindings as they were: a namespace import of
    // `../exceptions` no longer looks old once its members moved); unused imports the file already
    // had stay, they are `imports`' business.
    context.imports.pruneUnused(bindingsBefore, usedBefore);
    context.imports.finish();
    source = root.toSource(printOptions);
  }
  if (source !== file.source) {
    source = matchSemicolonStyle(file.source, source);
    try {
      j(source);
    } catch (error) {
      throw new Error(`the migrated code would not parse (${(error as Error).message}); the file was left unchanged`, { cause: error });
    }
  }
  return { output: source, reported, counts };
}

/**
 * Which exports of the file other files import: from the CLI's survey
 * (`project`, a file path), or given directly (`importedBy`, export name →
 * importing files) when jscodeshift is run by hand or from a test.
 */
function importedByOption(options: Options, filePath: string): ImportedBy {
  if (typeof options['project'] === 'string') return importedByIn(loadProject(options['project']), filePath);
  const given = options['importedBy'] as unknown;
  if (typeof given !== 'object' || given === null) return new Map();
  return new Map(Object.entries(given as Record<string, unknown>).map(([name, files]) => [name, Array.isArray(files) ? files.map(String) : []]));
}

/** Reads this package's options out of jscodeshift's options object (the CLI validated them already). */
export function migrationOptions(options: Options, filePath = ''): MigrationOptions {
  // Only the CLI's --parser sets this; without it each file gets the parser of its extension.
  const parser = typeof options['parser'] === 'string' && isParserName(options['parser']) ? options['parser'] : undefined;
  return {
    target: options['target'] === 'relative' ? 'relative' : 'package',
    writeMarkers: options['writeMarkers'] === true,
    parser,
    importedBy: importedByOption(options, filePath),
  };
}

export type CodemodTransform = (file: FileInfo, api: API, options: Options) => string | undefined;

export function defineTransform(rules: readonly Rule[]): CodemodTransform {
  return function transform(file, api, options) {
    const resultsDir = typeof options['resultsDir'] === 'string' ? options['resultsDir'] : null;
    const record = (result: Omit<FileResult, 'file'>): void => {
      if (resultsDir !== null) recordResult(resultsDir, { file: relative(process.cwd(), resolve(file.path)), ...result });
    };

    const skipped = skipReason(file.path, file.source, api.jscodeshift);
    if (skipped !== null) {
      record({ status: 'skipped', markers: [], reason: skipped });
      return undefined;
    }
    try {
      const { output, reported, counts } = migrateSource(api.jscodeshift, file, rules, migrationOptions(options, file.path));
      record({
        status: output === file.source ? 'unchanged' : 'changed',
        markers: [...reported, ...scanMarkers(output)].sort((a, b) => a.line - b.line),
        ...(Object.keys(counts).length > 0 ? { counts } : {}),
        ...(options['recordText'] === true && output !== file.source ? { before: file.source, after: output } : {}),
      });
      return output;
    } catch (error) {
      record({ status: 'failed', markers: [], reason: (error as Error).message.replace(/\s+/g, ' ') });
      throw error;
    }
  };
}
