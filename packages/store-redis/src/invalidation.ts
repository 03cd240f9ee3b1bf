import type { StoreInvalidation } from '@sessionkit/core';
import { z } from 'zod';

// Published by the save and delete scripts (scripts.ts) with cjson.encode.
const messageSchema = z.union([
  z.object({ sessionId: z.string().min(1), kind: z.literal('changed'), revision: z.number().int().nonnegative() }),
  z.object({ sessionId: z.string().min(1), kind: z.literal('removed') }),
]);

/** An invalidation from the channel, or null for anything else published there. */
export function parseInvalidation(message: string): StoreInvalidation | null {
  let data: unknown;
  try {
    data = JSON.parse(message);
  } catch {
    return null;
  }
  const parsed = messageSchema.safeParse(data);
  if (!parsed.success) return null;
  const event = parsed.data;
  return event.kind === 'changed'
    ? { sessionId: event.sessionId, kind: 'changed', revision: event.revision }
    : { sessionId: event.sessionId, kind: 'removed' };
}
