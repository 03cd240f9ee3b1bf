/** A 2025-era tool caller: the SDK v1 client (initialize, then requests) over Streamable HTTP. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { replicaTrackingFetch } from '../../src/cluster/callers.js';
import type { CallAnswer, ToolCaller } from '../../src/cluster/load.js';

export async function legacyCaller(url: string, token: string): Promise<ToolCaller> {
  const tracking = replicaTrackingFetch();
  const client = new Client({ name: 'sessionkit-load-v1', version: '0.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { fetch: tracking.fetch, requestInit: { headers: { authorization: `Bearer ${token}` } } }),
  );
  return {
    async call(name, args): Promise<CallAnswer> {
      try {
        const result = (await client.callTool({ name, arguments: args })) as NonNullable<CallAnswer['result']>;
        return { result, replica: tracking.last() };
      } catch (error) {
        return { result: null, replica: tracking.last(), transportError: error instanceof Error ? error.message : String(error) };
      }
    },
    close: () => client.close(),
  };
}
