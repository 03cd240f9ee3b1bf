/**
 * The zod schemas the tools share. The SDK validates every call's arguments
 * against the input schemas (a mismatch is a tool error naming the field) and
 * every result against the output schemas, and publishes both as JSON Schema
 * in `tools/list`. The session handle argument is added by @sessionkit/mcp.
 */
import { z } from 'zod';

/**
 * Perspective names are also thread names and `@mention` targets, so they are
 * kept to what a mention can spell, in lower case so that `@Risk` and `@risk`
 * can never mean two different perspectives.
 */
export const perspectiveNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, {
    message: 'expected a perspective name: a lower-case letter, then up to 63 lower-case letters, digits, "_" or "-"',
  })
  .describe('A perspective name, e.g. "technical" or "security"');

export const systemPromptSchema = z.string().trim().min(1).max(8_000);

export const promptSchema = z.string().trim().min(1).max(20_000);

export const perspectiveSummarySchema = z.object({
  name: z.string(),
  system_prompt: z.string(),
  message_count: z.number().int(),
});

export const analysisSchema = z.object({
  prompt: z.string(),
  timestamp: z.string(),
  responses: z.record(z.string(), z.string()),
  active_count: z.number().int(),
  abstained_count: z.number().int(),
});
