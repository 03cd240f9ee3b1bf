#!/usr/bin/env node
/**
 * sessionkit-codemod: argument checks, the run, the summary, the exit code.
 * Everything else lives in lib/ (the registry, the runner, the summary format).
 */
import { writeFileSync } from 'node:fs';
import { parseCliArgs, USAGE, UsageError, type CliCommand } from './lib/args.js';
import { codemods } from './lib/codemods.js';
import { runCodemod } from './lib/run-jscodeshift.js';
import { exitCodeFor, formatSummary, reportJson } from './lib/summary.js';

/** Runs with more files than this show a progress line on stderr. */
const PROGRESS_THRESHOLD = 50;

function progressReporter(): (done: number) => void {
  let shown = 0;
  return (done) => {
    if (done < PROGRESS_THRESHOLD || done === shown) return;
    shown = done;
    if (process.stderr.isTTY) process.stderr.write(`\rsessionkit-codemod: ${done} files done…`);
    else process.stderr.write(`sessionkit-codemod: ${done} files done…\n`);
  };
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
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'list') {
    const width = Math.max(...codemods.map((codemod) => codemod.name.length));
    for (const codemod of codemods) process.stdout.write(`${codemod.name.padEnd(width)}  ${codemod.description}\n`);
    return 0;
  }

  const summary = await runCodemod({ ...command, onProgress: progressReporter() });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  // With --print the files go to stdout; the summary then goes to stderr so the output stays usable.
  (command.print ? process.stderr : process.stdout).write(formatSummary(summary));
  if (command.report !== undefined) writeFileSync(command.report, reportJson(summary));
  return exitCodeFor(summary);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sessionkit-codemod: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
