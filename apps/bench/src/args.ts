/** Command-line arguments of `pnpm bench`. */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: pnpm bench [--quick] [--filter a,b] [--check] [--out dir]

Runs core beside legacy, its peers (lru-cache + async-mutex, express-session,
connect-redis) and its fair floors, interleaved in one process; writes
latest.json, latest.md, meta.json and index.html to the results directory and
prints the summary on stdout.

  --quick          the CI run (under two minutes); default is the full run (under ten)
  --filter a,b     only these workloads (comma-separated ids, repeatable)
  --check          exit 1 when a gating target is not met (src/gating.ts): core
                   slower than legacy, over 1,024 bytes per session, a lost
                   update, or a curve that should be flat growing
  --out dir        results directory (default: apps/bench/results)
  -h, --help       this text
`;

export interface CliOptions {
  quick: boolean;
  check: boolean;
  filter: string[] | null;
  out: string | null;
}

export type ParsedArgs = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseCliArgs(argv: readonly string[], knownWorkloads: readonly string[]): ParsedArgs {
  // `pnpm bench -- --quick` passes the separator through; it means nothing here.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        filter: { type: 'string', multiple: true },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: 'help' };

  let filter: string[] | null = null;
  if (values.filter) {
    filter = values.filter
      .flatMap((list) => list.split(','))
      .map((id) => id.trim())
      .filter((id) => id !== '');
    if (filter.length === 0) return { kind: 'error', message: '--filter needs at least one workload id' };
    const unknown = filter.filter((id) => !knownWorkloads.includes(id));
    if (unknown.length > 0) {
      return { kind: 'error', message: `unknown workload ${unknown.map((id) => `'${id}'`).join(', ')}; known: ${knownWorkloads.join(', ')}` };
    }
  }
  if (values.out !== undefined && values.out.trim() === '') return { kind: 'error', message: '--out needs a directory' };
  return { kind: 'run', options: { quick: values.quick, check: values.check, filter, out: values.out ?? null } };
}
