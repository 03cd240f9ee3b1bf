/**
 * Test support: the notebook tools over Streamable HTTP on a loopback port,
 * on SDK v2 (`createMcpHandler`, both eras) and on SDK v1 (stateless
 * transport), behind a bearer-token check that turns a known token into the
 * SDK's AuthInfo, as a real deployment's verifier would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { McpServer as McpServerV1 } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { type AuthInfo, createMcpHandler, McpServer, OAuthError, OAuthErrorCode, verifyBearerToken } from '@modelcontextprotocol/server';
import type { AnySessionTool, SessionLayer } from '../../dist/index.js';
import { registerSessionTools as registerV1 } from '../../dist/v1.js';
import { registerSessionTools as registerV2 } from '../../dist/v2.js';

/** Token -> subject. */
export const TOKENS: Readonly<Record<string, string>> = { 'token-alice': 'alice', 'token-bob': 'bob', 'token-carol': 'carol' };

export interface RunningHttp {
  readonly url: string;
  close(): Promise<void>;
}

const verifier = {
  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const sub = TOKENS[token];
    if (sub === undefined) throw new OAuthError(OAuthErrorCode.InvalidToken, 'unknown token');
    return { token, clientId: 'notebook-tests', scopes: [], expiresAt: Math.floor(Date.now() / 1000) + 3600, extra: { sub } };
  },
};

/** The request's AuthInfo: undefined without an Authorization header, null for a bad token (answered 401). */
async function authenticate(req: IncomingMessage): Promise<AuthInfo | undefined | null> {
  if (req.headers.authorization === undefined) return undefined;
  try {
    return await verifyBearerToken(req.headers.authorization, { verifier });
  } catch {
    return null;
  }
}

async function listen(handle: (req: IncomingMessage & { auth?: AuthInfo }, res: ServerResponse) => Promise<void>): Promise<RunningHttp> {
  const server = createServer((req, res) => {
    void (async () => {
      const auth = await authenticate(req);
      if (auth === null) {
        res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end();
        return;
      }
      const authed = req as IncomingMessage & { auth?: AuthInfo };
      if (auth !== undefined) authed.auth = auth;
      await handle(authed, res);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** SDK v2: one `createMcpHandler` serving 2026-07-28 and 2025-era clients from one factory. */
export async function startV2Http(layer: SessionLayer, tools: readonly AnySessionTool[]): Promise<RunningHttp> {
  const handler = createMcpHandler(() => {
    const server = new McpServer({ name: 'notebook-v2', version: '1.0.0' });
    registerV2(server, layer, tools);
    return server;
  });
  const node = toNodeHandler(handler);
  const running = await listen((req, res) => node(req as Parameters<typeof node>[0], res));
  return { url: running.url, close: async () => (await handler.close(), running.close()) };
}

/** SDK v1: a stateless Streamable HTTP transport and a fresh McpServer per request. */
export async function startV1Http(layer: SessionLayer, tools: readonly AnySessionTool[]): Promise<RunningHttp> {
  return listen(async (req, res) => {
    const server = new McpServerV1({ name: 'notebook-v1', version: '1.0.0' });
    registerV1(server, layer, tools);
    const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true }); // no sessionIdGenerator: stateless;
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
}
