/**
 * The Streamable HTTP option: `POST /mcp` on a loopback port, stateless.
 *
 * Stateless because the state worth keeping is in sessionkit, not in the
 * transport: every request gets a fresh McpServer over the same manager, and a
 * session started by one client (or one connection) is served to any other
 * that knows its id. It is also what lets several replicas share sessions once
 * a shared store is plugged into the manager.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Logger } from '@sessionkit/core';

export const MCP_PATH = '/mcp';
const LOOPBACK = '127.0.0.1';

export interface HttpServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Called once per request: a stateless transport serves one request. */
  createMcpServer: () => McpServer;
  logger: Logger;
}

export interface RunningHttpServer {
  /** `http://127.0.0.1:<port>/mcp` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { logger } = options;
  let port = options.port;
  const http = createServer((req, res) => {
    handle(req, res, port, options).catch((error: unknown) => {
      logger.error('HTTP request failed', { error });
      if (!res.headersSent) sendJsonRpcError(res, 500, -32603, 'Internal server error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, LOOPBACK, () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${port}${MCP_PATH}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error === undefined ? resolve() : reject(error)));
        http.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, port: number, options: HttpServerOptions): Promise<void> {
  const path = new URL(req.url ?? '/', `http://${LOOPBACK}`).pathname;
  if (path !== MCP_PATH) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: the MCP endpoint is ${MCP_PATH}\n`);
    return;
  }
  // A web page can make a browser send requests to loopback (DNS rebinding):
  // only requests addressed to this port on a loopback name, and not sent by
  // a foreign page, are served.
  if (!isLoopbackHost(req.headers.host, port) || !isLoopbackOrigin(req.headers.origin)) {
    sendJsonRpcError(res, 403, -32000, 'Forbidden: this server only answers requests addressed to its loopback address');
    return;
  }
  if (req.method !== 'POST') {
    // Stateless: no server-initiated stream (GET) and no transport session to delete (DELETE).
    res.setHeader('allow', 'POST');
    sendJsonRpcError(res, 405, -32000, 'Method not allowed: this server is stateless, send requests with POST');
    return;
  }
  const server = options.createMcpServer();
  // No sessionIdGenerator: stateless mode. JSON responses: nothing here streams.
  const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `${LOOPBACK}:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

function isLoopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true; // not a browser: MCP clients send no Origin
  try {
    const { hostname } = new URL(origin);
    return hostname === LOOPBACK || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
}

function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
