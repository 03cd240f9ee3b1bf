import { generateSessionId } from '@sessionkit/core';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { perspectiveNameSchema } from '../schemas.js';
import { DEFAULT_TEMPLATE, TEMPLATE_NAMES, TEMPLATES } from '../templates.js';
import { expiresAt } from '../tool-context.js';

const NAME = 'start_context_analysis';

export const startContextAnalysis = defineTool({
  name: NAME,
  title: 'Start a multi-perspective analysis',
  description:
    'Starts an analysis session on a topic with a set of perspectives (one conversation thread each): either ' +
    `"perspectives" (names you choose) or a "template" (${TEMPLATE_NAMES.join(', ')}); with neither, the ` +
    `"${DEFAULT_TEMPLATE}" template. Returns the session_id every other tool takes. Sessions expire after the server's TTL.`,
  inputSchema: z
    .strictObject({
      topic: z.string().trim().min(1).max(2_000).describe('What the analysis is about'),
      perspectives: z
        .array(perspectiveNameSchema)
        .min(1)
        .max(16)
        .refine((names) => new Set(names).size === names.length, { message: 'expected distinct perspective names' })
        .optional()
        .describe('Perspective names, e.g. ["technical", "security"]; core ships prompts for technical, business, user, risk'),
      template: z.enum(TEMPLATE_NAMES).optional().describe('A ready-made set of perspectives'),
    })
    .refine((args) => args.perspectives === undefined || args.template === undefined, {
      message: 'give either perspectives or template, not both',
      path: ['template'],
    }),
  outputSchema: z.object({
    session_id: z.string(),
    topic: z.string(),
    template: z.string().nullable(),
    perspectives: z.array(z.string()),
    created_at: z.string(),
    expires_at: z.string(),
    version: z.number().int(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, context) {
    const template = args.perspectives === undefined ? (args.template ?? DEFAULT_TEMPLATE) : null;
    const perspectives = args.perspectives ?? [...TEMPLATES[template ?? DEFAULT_TEMPLATE].perspectives];
    const sessionId = generateSessionId();
    const session = await context.manager.createSession(sessionId, { topic: args.topic, initialPerspectives: perspectives });
    await session.validateSecurity(NAME);
    return {
      session_id: sessionId,
      topic: args.topic,
      template,
      perspectives,
      created_at: session.createdAt,
      expires_at: expiresAt(context, session),
      version: session.version,
    };
  },
});
