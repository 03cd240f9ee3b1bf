/** Command-line arguments of `pnpm demo` / `node dist/server.js`. */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: node dist/server.js [--http <port>] [--responder <module>]

An MCP server that keeps multi-perspective analysis sessions in @sessionkit/core.
By default it speaks MCP over stdio (start it from an MCP client).

  --http <port>          serve Streamable HTTP on http://127.0.0.1:<port>/mcp instead
                         (0 picks a free port; the URL is printed on stderr)
  --responder <module>   answer with the function exported (default, or as "responder")
                         by this ES module instead of the offline echo responder
  -h, --help             this text

Environment: SESSIONKIT_TTL_HOURS (1), SESSIONKIT_MAX_SESSIONS (50),
SESSIONKIT_SECRET_KEYS (current,previous,...), SESSIONKIT_LOG_LEVEL (info).
Logs go to stderr; on stdio, stdout carries the protocol only.
`;

export interface ServerArgs {
  /** Port for Streamable HTTP, or null for stdio. */
  httpPort: number | null;
  /** Path or specifier of a responder module, or null for the echo responder. */
  responder: string | null;
}

export type ParsedArgs = { kind: 'run'; args: ServerArgs } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseServerArgs(argv: readonly string[]): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        http: { type: 'string' },
        responder: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: 'help' };
  let httpPort: number | null = null;
  if (values.http !== undefined) {
    httpPort = Number(values.http);
    if (!/^\d+$/.test(values.http) || httpPort > 65_535) {
      return { kind: 'error', message: `--http expects a port number from 0 to 65535, received '${values.http}'` };
    }
  }
  if (values.responder !== undefined && values.responder.trim() === '') return { kind: 'error', message: '--responder needs a module path' };
  return { kind: 'run', args: { httpPort, responder: values.responder ?? null } };
}
