/** The CLI's arguments, checked (`node:util` parseArgs): a bad one is a `UsageError`, exit code 2. */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { codemods, isCodemodName, type CodemodName } from './codemods.js';
import type { TargetOption } from './legacy-modules.js';
import { isParserName, PARSERS, type ParserName } from './parser.js';

/** The extensions a run covers unless `--extensions` says otherwise. */
export const DEFAULT_EXTENSIONS = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs'] as const;

/** The options part of every help text. */
export const OPTIONS_HELP = `options:
  -d, --dry              report what would change, write nothing
  -p, --print            print each changed file's name, then its diff
  -f, --force            write even when the git working tree has uncommitted changes (runs that write nothing never need it)
      --parser ts|tsx|babel
                         one parser for every file (default: by extension)
      --extensions LIST  comma-separated (default: ${DEFAULT_EXTENSIONS.join(',')})
      --ignore-pattern GLOB
                         skip matching paths (repeatable); node_modules and .gitignore'd paths are always skipped
      --target package|relative
                         new imports from @sessionkit/core (default), or from ./session, ./session_manager, ./session_types
      --report FILE      also write the summary as JSON
      --write-markers    remove-adapter: write a marker above each adapter import
      --progress         show progress on stderr even when it is not a terminal
      --cpus N           worker processes (default: the CPUs less one)
      --run-in-band      one process, no workers (for debugging)
  -v, --version          the version of @sessionkit/codemods
  -h, --help             this text (after a transform: that transform's)

exit codes: 0 done, 1 markers or errors left (for remove-adapter: adapter imports left), 2 bad arguments or a dirty git tree (only when the run would write)`;

/** The CLI's usage text. */
export const USAGE = `usage: sessionkit-codemod <transform|all> <path...> [options]
       sessionkit-codemod list
       sessionkit-codemod <transform> --help

${OPTIONS_HELP}

transforms: ${codemods.map((codemod) => codemod.name).join(', ')}`;

/** `sessionkit-codemod <name> --help`. */
export function transformHelp(name: CodemodName): string {
  const codemod = codemods.find((candidate) => candidate.name === name);
  return `usage: sessionkit-codemod ${name} <path...> [options]

${codemod?.description ?? ''} (phase: ${codemod?.phase ?? ''})

${wrap(codemod?.details ?? '', 78)}

${OPTIONS_HELP}`;
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** A bad command line (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A run of a transform, with its checked options. */
export interface RunCommand {
  kind: 'run';
  transform: CodemodName;
  paths: string[];
  dry: boolean;
  print: boolean;
  force: boolean;
  parser: ParserName | undefined;
  extensions: string[];
  ignorePatterns: string[];
  target: TargetOption;
  report: string | undefined;
  writeMarkers: boolean;
  runInBand: boolean;
  progress: boolean;
  cpus: number | undefined;
}

/** What the command line asks for. */
export type CliCommand = { kind: 'help'; transform?: CodemodName } | { kind: 'version' } | { kind: 'list' } | RunCommand;

/** Checks and reads the command line; a bad one throws UsageError. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        dry: { type: 'boolean', short: 'd', default: false },
        print: { type: 'boolean', short: 'p', default: false },
        force: { type: 'boolean', short: 'f', default: false },
        parser: { type: 'string' },
        extensions: { type: 'string' },
        'ignore-pattern': { type: 'string', multiple: true },
        target: { type: 'string', default: 'package' },
        report: { type: 'string' },
        'write-markers': { type: 'boolean', default: false },
        'run-in-band': { type: 'boolean', default: false },
        progress: { type: 'boolean', default: false },
        cpus: { type: 'string' },
        version: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [name, ...paths] = positionals;
  if (values.help) {
    if (name !== undefined && isCodemodName(name)) return { kind: 'help', transform: name };
    return { kind: 'help' };
  }
  if (values.version) return { kind: 'version' };
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
  let cpus: number | undefined;
  if (values.cpus !== undefined) {
    cpus = Number(values.cpus);
    if (!Number.isInteger(cpus) || cpus < 1 || cpus > 256) throw new UsageError(`--cpus must be a whole number from 1 to 256 (got "${values.cpus}")`);
  }
  if (values['write-markers'] && name !== 'remove-adapter') throw new UsageError('--write-markers only applies to remove-adapter');
  if (values.report !== undefined) checkReportPath(values.report);
  return {
    kind: 'run',
    transform: name,
    paths,
    dry: values.dry,
    print: values.print,
    force: values.force,
    parser: values.parser,
    extensions,
    ignorePatterns: values['ignore-pattern'] ?? [],
    target: values.target,
    report: values.report,
    writeMarkers: values['write-markers'],
    runInBand: values['run-in-band'],
    progress: values.progress,
    cpus,
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
