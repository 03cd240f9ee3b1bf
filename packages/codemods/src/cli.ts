#!/usr/bin/env node
/**
 * sessionkit-codemod: argument checks, the git check, the run, the summary,
 * the exit code. Everything else lives in lib/ (the registry, the runner,
 * the summary format).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCliArgs, transformHelp, USAGE, UsageError, type CliCommand } from './lib/args.js';
import { codemods } from './lib/codemods.js';
import { uncommittedChanges } from './lib/git.js';
import { runCodemod, writesFiles } from './lib/run-jscodeshift.js';
import { exitCodeFor, formatDiffs, formatSummary, reportJson } from './lib/summary.js';

/** On a terminal, runs over more files than this show their progress (with --progress, every run does). */
const PROGRESS_THRESHOLD = 50;

function progressReporter(always: boolean): ((done: number, total: number | undefined) => void) | undefined {
  const tty = process.stderr.isTTY === true;
  if (!tty && !always) return undefined;
  let shown = -1;
  return (done, total) => {
    if ((!always && done < PROGRESS_THRESHOLD) || done === shown) return;
    shown = done;
    const text = `sessionkit-codemod: ${done}${total === undefined ? '' : `/${total}`} files done…`;
    process.stderr.write(tty ? `\r${text}` : `${text}\n`);
  };
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

async function main(argv: readonly string[]): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`sessionkit-codemod: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${command.transform ? transformHelp(command.transform) : USAGE}\n`);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (command.kind === 'list') {
    const width = Math.max(...codemods.map((codemod) => codemod.name.length));
    for (const codemod of codemods) process.stdout.write(`${codemod.name.padEnd(width)}  ${codemod.description}\n`);
    return 0;
  }
  // A run that writes nothing (--dry, remove-adapter without --write-markers) may run on any tree.
  if (writesFiles(command) && !command.force) {
    const dirty = uncommittedChanges(command.paths).filter((repository) => repository.changes.length > 0);
    if (dirty.length > 0) {
      const listing = dirty.flatMap((repository) => [`  ${repository.root}:`, ...repository.changes.slice(0, 10).map((line) => `    ${line}`)]).join('\n');
      process.stderr.write(
        `sessionkit-codemod: the git working tree has uncommitted changes; commit or stash them first (the migration would mix with them), or run with --force\n${listing}\n`,
      );
      return 2;
    }
  }

  const progress = progressReporter(command.progress);
  const summary = await runCodemod({ ...command, ...(progress ? { onProgress: progress } : {}) });
  if (progress && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  // With --print the diffs go to stdout; the summary then goes to stderr so the output stays usable.
  if (command.print) process.stdout.write(formatDiffs(summary));
  (command.print ? process.stderr : process.stdout).write(formatSummary(summary));
  if (command.report !== undefined) writeFileSync(command.report, reportJson(summary));
  return exitCodeFor(summary);
}

// `sessionkit-codemod list | head`: a closed pipe ends the output, not the process with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sessionkit-codemod: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
