import { isValidSessionId } from '@sessionkit/core';
import type { StoreInvalidation } from '@sessionkit/core/interop';
import { z } from 'zod';

// Published by the save and delete scripts (scripts.ts).
const messageSchema = z.union([
  z.object({ sessionId: z.string().min(1), kind: z.literal('changed'), revision: z.number().int().nonnegative() }),
  z.object({ sessionId: z.string().min(1), kind: z.literal('removed') }),
]);

/**
 * The exact text the save script publishes. The subscriber hears every save,
 * its own process's included, so the common message is matched by this
 * pattern (which admits only what the schema admits) instead of a JSON parse
 * and a schema run; anything else goes through the schema.
 */
const SAVED = /^\{"sessionId":"([A-Za-z0-9_.:-]{1,256})","kind":"changed","revision":(0|[1-9]\d{0,14})\}$/;

/** An invalidation from the channel, or null for anything else published there. */
export function parseInvalidation(message: string): StoreInvalidation | null {
  const saved = SAVED.exec(message);
  if (saved !== null) {
    const sessionId = saved[1] as string;
    const revision = Number(saved[2]);
    if (isValidSessionId(sessionId) && Number.isSafeInteger(revision)) return { sessionId, kind: 'changed', revision };
  }
  let data: unknown;
  try {
    data = JSON.parse(message);
  } catch {
    return null;
  }
  const parsed = messageSchema.safeParse(data);
  if (!parsed.success) return null;
  const event = parsed.data;
  return event.kind === 'changed' ? { sessionId: event.sessionId, kind: 'changed', revision: event.revision } : { sessionId: event.sessionId, kind: 'removed' };
}
