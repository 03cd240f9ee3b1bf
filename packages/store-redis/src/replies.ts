/**
 * Narrowing of script replies. A reply of the wrong shape means the server
 * is not running our script (or not a Redis): it is reported, never guessed at.
 */
export class UnexpectedReplyError extends Error {
  constructor(script: string, reply: unknown) {
    super(`unexpected reply from the '${script}' script: ${JSON.stringify(reply)?.slice(0, 200)}`);
    this.name = 'UnexpectedReplyError';
  }
}

export function replyArray(script: string, reply: unknown): unknown[] {
  if (!Array.isArray(reply)) throw new UnexpectedReplyError(script, reply);
  return reply;
}

export function replyInteger(script: string, reply: unknown): number {
  if (typeof reply === 'number' && Number.isInteger(reply)) return reply;
  // Large integers may come back as strings from some proxies; accept only exact digits.
  if (typeof reply === 'string' && /^-?\d+$/.test(reply)) return Number(reply);
  throw new UnexpectedReplyError(script, reply);
}

export function replyString(script: string, reply: unknown): string {
  if (typeof reply === 'string') return reply;
  if (Buffer.isBuffer(reply)) return reply.toString('utf8');
  throw new UnexpectedReplyError(script, reply);
}
