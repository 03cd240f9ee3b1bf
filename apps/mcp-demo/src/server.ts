#!/usr/bin/env node
/**
 * Entry point: `pnpm demo` / `node dist/server.js [--http <port>] [--responder <module>]`.
 * Reads the environment, builds the session pool and the session layer, and
 * serves MCP with SDK v2 over stdio (the default) or Streamable HTTP on a
 * loopback port, to 2026-07-28 and 2025-era clients alike.
 */
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { systemClock } from '@sessionkit/core';
import { parseServerArgs, USAGE } from './args.js';
import { AdjustableClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { createDemoLayer, createDemoTools, createServer } from './create-server.js';
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
  const http = parsed.args.httpPort !== null;
  if (config.tokens !== null && !http) throw new ConfigError('SESSIONKIT_DEMO_TOKENS applies to --http only: a stdio server has no bearer tokens');
  const logger = createStderrLogger(config.logLevel);
  const testClock = config.manualClock ? new AdjustableClock() : undefined;
  if (testClock !== undefined) logger.warn('SESSIONKIT_TEST_CLOCK=manual: test_advance_clock is enabled; never use this in a deployment');
  const clock = testClock ?? systemClock;
  const pool = createSessionPool(config, { clock, logger });
  const manager = pool.manager;
  await manager.startBackgroundCleanup();
  const responder = parsed.args.responder === null ? echoResponder : await loadResponder(parsed.args.responder);
  const layer = createDemoLayer(manager, config.tokens === null ? 'bearer' : 'reject', logger);
  const tools = createDemoTools({ manager, responder, clock, logger }, testClock);
  const buildServer = () => createServer(layer, tools);

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

  const where = `sessions ${pool.where}, TTL ${config.ttlHours} h, at most ${config.maxSessions}`;
  if (parsed.args.httpPort !== null) {
    const replicaId = config.replicaId ?? `pid-${process.pid}`;
    const server = await startHttpServer({ port: parsed.args.httpPort, createMcpServer: buildServer, tokens: config.tokens, replicaId, logger });
    closeTransport = () => server.close();
    // Always printed, whatever the log level: it is how a caller learns an ephemeral port.
    process.stderr.write(`sessionkit mcp-demo: Streamable HTTP on ${server.url} (replica ${replicaId})\n`);
    logger.info(
      `serving MCP over HTTP (${where}, ${config.tokens === null ? 'no authentication: session ids are bearer tokens' : `${config.tokens.size} bearer tokens`})`,
    );
  } else {
    const stdio = serveStdio(buildServer, { onerror: (error) => logger.warn('MCP message refused', { error: error.message }) });
    closeTransport = () => stdio.close();
    // The client closed our stdin (its way of stopping a stdio server), or stopped reading our stdout.
    process.stdin.once('end', () => void shutdown('the client closed stdin'));
    process.stdout.once('error', () => void shutdown('stdout is closed'));
    logger.info(`serving MCP on stdio (${where})`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError ? `sessionkit mcp-demo: ${error.message}\n` : `sessionkit mcp-demo: ${String(error instanceof Error ? error.stack : error)}\n`,
  );
  process.exitCode = 1;
});
