import { defineSessionTool } from '@sessionkit/mcp';
import { z } from 'zod';
import type { DemoDeps } from '../demo-deps.js';
import { perspectiveNameSchema } from '../schemas.js';
import { DEFAULT_TEMPLATE, TEMPLATE_NAMES, TEMPLATES } from '../templates.js';

export const startContextAnalysis = (_deps: DemoDeps) =>
  defineSessionTool({
    name: 'start_context_analysis',
    title: 'Start a multi-perspective analysis',
    description:
      'Starts an analysis session on a topic with a set of perspectives (one conversation thread each): either ' +
      `"perspectives" (names you choose) or a "template" (${TEMPLATE_NAMES.join(', ')}); with neither, the ` +
      `"${DEFAULT_TEMPLATE}" template. Returns the session_id every other tool takes, and when it expires.`,
    session: 'create',
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
      topic: z.string(),
      template: z.string().nullable(),
      perspectives: z.array(z.string()),
      created_at: z.string(),
      version: z.number().int(),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    async run(args, { createSession }) {
      const template = args.perspectives === undefined ? (args.template ?? DEFAULT_TEMPLATE) : null;
      const perspectives = args.perspectives ?? [...TEMPLATES[template ?? DEFAULT_TEMPLATE].perspectives];
      const session = await createSession({ topic: args.topic, initialPerspectives: perspectives });
      return { topic: args.topic, template, perspectives, created_at: session.createdAt, version: session.version };
    },
  });
