/** The CLI's arguments, checked (`node:util` parseArgs): a bad one is a `UsageError`, exit code 2. */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { codemods, isCodemodName, type CodemodName } from './codemods.js';
import type { TargetOption } from './legacy-modules.js';
import { isParserName, PARSERS, type ParserName } from './parser.js';

export const DEFAULT_EXTENSIONS = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs'] as const;

export const USAGE = `usage: sessionkit-codemod <transform|all> <path...> [options]
       sessionkit-codemod list

options:
  --dry                  report what would change, write nothing
  --print                print each changed file to stdout
  --parser ts|tsx|babel  one parser for every file (default: by extension)
  --extensions LIST      comma-separated (default: ${DEFAULT_EXTENSIONS.join(',')})
  --ignore-pattern GLOB  skip matching paths (repeatable); node_modules and .gitignore'd paths are always skipped
  --target package|relative
                         new imports from @sessionkit/core (default), or from ./session, ./session_manager, ./session_types
  --report FILE          also write the summary as JSON
  --write-markers        remove-adapter: write a marker above each adapter import
  --run-in-band          one process, no workers (for debugging)
  -h, --help             this text

transforms: ${codemods.map((codemod) => codemod.name).join(', ')}`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'list' }
  | {
      kind: 'run';
      transform: CodemodName;
      paths: string[];
      dry: boolean;
      print: boolean;
      parser: ParserName | undefined;
      extensions: string[];
      ignorePatterns: string[];
      target: TargetOption;
      report: string | undefined;
      writeMarkers: boolean;
      runInBand: boolean;
    };

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        dry: { type: 'boolean', default: false },
        print: { type: 'boolean', default: false },
        parser: { type: 'string' },
        extensions: { type: 'string' },
        'ignore-pattern': { type: 'string', multiple: true },
        target: { type: 'string', default: 'package' },
        report: { type: 'string' },
        'write-markers': { type: 'boolean', default: false },
        'run-in-band': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [name, ...paths] = positionals;
  if (name === undefined) throw new UsageError('no transform given');
  if (name === 'list') {
    if (paths.length > 0) throw new UsageError('list takes no paths');
    return { kind: 'list' };
  }
  if (!isCodemodName(name)) throw new UsageError(`unknown transform "${name}" (run \`sessionkit-codemod list\`)`);
  if (paths.length === 0) throw new UsageError(`no path given for ${name}`);
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
  if (values.parser !== undefined && !isParserName(values.parser)) {
    throw new UsageError(`--parser must be one of ${PARSERS.join(', ')} (got "${values.parser}")`);
  }
  if (values.target !== 'package' && values.target !== 'relative') {
    throw new UsageError(`--target must be package or relative (got "${values.target}")`);
  }
  const extensions = (values.extensions ?? DEFAULT_EXTENSIONS.join(','))
    .split(',')
    .map((extension) => extension.trim().replace(/^\./, ''))
    .filter((extension) => extension !== '');
  if (extensions.length === 0 || extensions.some((extension) => !/^[\w-]+$/.test(extension))) {
    throw new UsageError(`--extensions must be a comma-separated list such as ${DEFAULT_EXTENSIONS.join(',')}`);
  }
  if (values['write-markers'] && name !== 'remove-adapter') throw new UsageError('--write-markers only applies to remove-adapter');
  if (values.report !== undefined) checkReportPath(values.report);
  return {
    kind: 'run',
    transform: name,
    paths,
    dry: values.dry,
    print: values.print,
    parser: values.parser,
    extensions,
    ignorePatterns: values['ignore-pattern'] ?? [],
    target: values.target,
    report: values.report,
    writeMarkers: values['write-markers'],
    runInBand: values['run-in-band'],
  };
}

/**
 * The report is written after the run: a path it cannot be written to must
 * fail here, before a single file is rewritten.
 */
function checkReportPath(report: string): void {
  const file = resolve(report);
  const directory = dirname(file);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new UsageError(`--report ${report}: the folder ${dirname(report)} does not exist`);
  }
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`--report ${report} is a folder, not a file`);
  try {
    accessSync(existsSync(file) ? file : directory, constants.W_OK);
  } catch {
    throw new UsageError(`--report ${report}: not writable`);
  }
}
