/**
 * Tool callers over Streamable HTTP with the official SDK v2 client pinned
 * to 2026-07-28: every request stands alone (no initialize, no transport
 * session), and each answer says which replica served it.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { REPLICA_HEADER } from '../http.js';
import type { CallAnswer, ToolCaller } from './load.js';

/**
 * Wraps `fetch` so that the replica of the last response is known. One caller
 * makes one call at a time, so "the last response" is the call's own.
 */
export function replicaTrackingFetch(): { fetch: typeof fetch; last(): string | null } {
  let last: string | null = null;
  return {
    fetch: async (input, init) => {
      last = null;
      const response = await fetch(input, init);
      last = response.headers.get(REPLICA_HEADER);
      return response;
    },
    last: () => last,
  };
}

/** A connected v2 client (2026-07-28) as a ToolCaller, authenticated with `token`. */
export async function modernCaller(url: string, token: string): Promise<ToolCaller> {
  const tracking = replicaTrackingFetch();
  const client = new Client({ name: 'sessionkit-load', version: '0.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
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
