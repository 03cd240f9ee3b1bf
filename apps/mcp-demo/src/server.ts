#!/usr/bin/env node
/**
 * Entry point: `pnpm demo` / `node dist/server.js [--http <port>] [--responder <module>]`.
 * Reads the environment, builds the session pool, and serves MCP over stdio
 * (the default) or Streamable HTTP on a loopback port.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { systemClock } from '@sessionkit/core';
import { parseServerArgs, USAGE } from './args.js';
import { AdjustableClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { createServer } from './create-server.js';
import { startHttpServer } from './http.js';
import { loadResponder } from './load-responder.js';
import { createStderrLogger } from './logger.js';
import { createSessionPool } from './manager.js';
import { echoResponder } from './responder.js';

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 5_000;

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseServerArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.kind === 'error') throw new ConfigError(`${parsed.message}\n\n${USAGE}`);

  const config = loadConfig(process.env);
  const logger = createStderrLogger(config.logLevel);
  const testClock = config.manualClock ? new AdjustableClock() : undefined;
  if (testClock !== undefined) logger.warn('SESSIONKIT_TEST_CLOCK=manual: test_advance_clock is enabled; never use this in a deployment');
  const clock = testClock ?? systemClock;
  const pool = createSessionPool(config, { clock, logger });
  const manager = pool.manager;
  await manager.startBackgroundCleanup();
  const responder = parsed.args.responder === null ? echoResponder : await loadResponder(parsed.args.responder);
  const buildServer = () => createServer({ manager, responder, clock, logger, testClock });

  let closeTransport = async (): Promise<void> => {};
  let shuttingDown = false;
  const shutdown = async (reason: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info(`shutting down: ${reason}`);
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    try {
      await closeTransport();
      await pool.close();
      logger.info('stopped');
    } catch (error) {
      logger.error('shutdown reported errors', { error });
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  if (parsed.args.httpPort !== null) {
    const http = await startHttpServer({ port: parsed.args.httpPort, createMcpServer: buildServer, logger });
    closeTransport = () => http.close();
    // Always printed, whatever the log level: it is how a caller learns an ephemeral port.
    process.stderr.write(`sessionkit mcp-demo: Streamable HTTP on ${http.url}\n`);
  } else {
    const server = buildServer();
    closeTransport = () => server.close();
    // The client closed our stdin (its way of stopping a stdio server), or stopped reading our stdout.
    process.stdin.once('end', () => void shutdown('the client closed stdin'));
    process.stdout.once('error', () => void shutdown('stdout is closed'));
    await server.connect(new StdioServerTransport());
    logger.info(`serving MCP on stdio (sessions ${pool.where}, TTL ${config.ttlHours} h, at most ${config.maxSessions})`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `sessionkit mcp-demo: ${error.message}\n` : `sessionkit mcp-demo: ${String(error instanceof Error ? error.stack : error)}\n`);
  process.exitCode = 1;
});
