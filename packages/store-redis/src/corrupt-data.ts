import { SessionStateCorruptError } from '@sessionkit/core';
import { z } from 'zod';

/**
 * Data in Redis that this store did not write and will not guess at: a
 * session hash field of the wrong form (`rev` not a positive integer, a
 * missing `state`, a state that is not JSON, counts that disagree with the
 * state), a key of the wrong Redis type, a session without an expiry, or an
 * index entry that is not a session id. The store reports it and leaves it as
 * it is: no read takes a default for it, no write overwrites it. Remove the
 * session (`manager.removeSession(id)`, which deletes whatever is at its key)
 * or repair it by hand.
 *
 * A core `SessionStateCorruptError` (and so a `SessionValidationError`, code
 * `SESSION_INVALID_INPUT`), so code that handles core's "corrupt stored
 * state" handles this too; its `sessionId` is the session concerned
 * (undefined for an index key).
 *
 * @example
 * ```ts
 * try {
 *   await manager.getSession(id);
 * } catch (error) {
 *   if (error instanceof CorruptSessionDataError) logger.error(`${error.key} field ${error.field}: ${error.message}`);
 * }
 * ```
 */
export class CorruptSessionDataError extends SessionStateCorruptError {
  /** The Redis key holding the bad data. */
  readonly key: string;
  /** The hash field (`rev`, `state`, `created`, `threads`, `analyses`), or `key` (wrong Redis type), `expiry`, `member` (an index entry). */
  readonly field: string;

  constructor(details: { key: string; field: string; sessionId: string | undefined; expected: string; found: string }) {
    const { key, field, sessionId, expected, found } = details;
    const subject = sessionId === undefined ? `index key ${key}` : `session '${sessionId}' (key ${key})`;
    const remedy = sessionId === undefined ? 'repair or delete that key' : `remove the session (manager.removeSession('${sessionId}')) or repair the field`;
    const message = `Corrupt data in Redis for ${subject}: field '${field}' should be ${expected}, found ${found}. It was not written by @sessionkit/store-redis and is left as it is; ${remedy}`;
    super(message, { issues: [{ path: [field], message: `expected ${expected}, found ${found}`, code: 'corrupt_stored_data' }], sessionId });
    this.key = key;
    this.field = field;
  }
}

/** The prefix of the error reply the scripts send for corrupt data (scripts.ts). */
const REPLY_PREFIX = 'SESSIONKIT_CORRUPT ';

const replySchema = z.object({ key: z.string(), field: z.string(), expected: z.string(), found: z.string() });

/** What a script reported as corrupt, or undefined when `error` is not such a report. */
export function corruptReply(error: unknown): z.infer<typeof replySchema> | undefined {
  if (!(error instanceof Error) || !error.message.startsWith(REPLY_PREFIX)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(error.message.slice(REPLY_PREFIX.length));
  } catch {
    return undefined;
  }
  const parsed = replySchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
