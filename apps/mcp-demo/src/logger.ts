/**
 * A core `Logger` that writes one line per message to stderr. On stdio, stdout
 * is the protocol channel: a single stray byte there breaks the client, so
 * nothing in this app ever writes to it.
 */
import { inspect } from 'node:util';
import type { Logger } from '@sessionkit/core';
import type { LogLevel } from './config.js';

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: Infinity };

export function createStderrLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const at = (messageLevel: Exclude<LogLevel, 'silent'>) => (message: string, context?: Record<string, unknown>) => {
    if (SEVERITY[messageLevel] < SEVERITY[level]) return;
    const details = context === undefined ? '' : ` ${inspect(context, { depth: 4, breakLength: Infinity })}`;
    write(`[mcp-demo] ${messageLevel}: ${message}${details}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
