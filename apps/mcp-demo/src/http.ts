/**
 * The Streamable HTTP option: `POST /mcp` on a loopback port, served by SDK
 * v2's `createMcpHandler`, which answers 2026-07-28 requests (no initialize,
 * no Mcp-Session-Id) and 2025-era clients (per request, statelessly) from the
 * same server factory.
 *
 * Nothing lives in the process between requests: the state worth keeping is
 * in sessionkit (in memory, or in Redis for replicas), so any replica behind
 * a plain load balancer can serve any request. Each response names the
 * replica that served it (`x-sessionkit-replica`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localhostHostValidation, localhostOriginValidation, toNodeHandler } from '@modelcontextprotocol/node';
import { type AuthInfo, bearerAuthChallengeResponse, createMcpHandler, type McpServer, verifyBearerToken } from '@modelcontextprotocol/server';
import type { Logger } from '@sessionkit/core';
import { staticTokenVerifier } from './tokens.js';

export const MCP_PATH = '/mcp';
/** `GET /healthz`: 200 while the process serves (for load balancers' health checks). */
export const HEALTH_PATH = '/healthz';
export const REPLICA_HEADER = 'x-sessionkit-replica';
const LOOPBACK = '127.0.0.1';

export interface HttpServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Builds the server for one request. */
  createMcpServer: () => McpServer;
  /** Bearer tokens (token -> principal); null: no authentication. */
  tokens: ReadonlyMap<string, string> | null;
  replicaId: string;
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
  const handler = createMcpHandler(() => options.createMcpServer(), {
    onerror: (error) => logger.warn('MCP request refused', { error: error.message }),
  });
  const serve = toNodeHandler(handler, { onerror: (error) => logger.error('MCP request failed', { error }) });
  // A web page can make a browser send requests to loopback (DNS rebinding):
  // only requests addressed to a loopback name, not sent by a foreign page, are served.
  const validHost = localhostHostValidation();
  const validOrigin = localhostOriginValidation();
  const verifier = options.tokens === null ? null : staticTokenVerifier(options.tokens);

  const http = createServer((req, res) => {
    res.setHeader(REPLICA_HEADER, options.replicaId);
    void (async () => {
      const path = new URL(req.url ?? '/', `http://${LOOPBACK}`).pathname;
      if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', replica: options.replicaId }));
        return;
      }
      if (path !== MCP_PATH) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: the MCP endpoint is ${MCP_PATH}\n`);
        return;
      }
      if (!validHost(req, res) || !validOrigin(req, res)) return;
      const authed = req as IncomingMessage & { auth?: AuthInfo };
      if (verifier !== null) {
        try {
          authed.auth = await verifyBearerToken(req.headers.authorization, { verifier });
        } catch (error) {
          await sendResponse(res, bearerAuthChallengeResponse(error));
          return;
        }
      }
      await serve(authed as Parameters<typeof serve>[0], res);
    })().catch((error: unknown) => {
      logger.error('HTTP request failed', { error });
      if (!res.headersSent)
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal server error"},"id":null}');
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
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${port}${MCP_PATH}`,
    port,
    async close() {
      await handler.close();
      await new Promise<void>((resolve, reject) => {
        http.close((error) => (error === undefined ? resolve() : reject(error)));
        http.closeAllConnections();
      });
    },
  };
}

/** Writes a web `Response` (the SDK's auth challenge) to a Node response. */
async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
