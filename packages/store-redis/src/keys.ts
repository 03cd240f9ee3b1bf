/**
 * Redis keys for one session. The `{id}` hash tag puts every key of a session
 * in the same Redis Cluster slot, so one Lua script can touch them all.
 */
export function sessionKey(prefix: string, sessionId: string): string {
  return `${prefix}{${sessionId}}`;
}
