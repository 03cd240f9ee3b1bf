import { ModelBackend, perspectivePrompt, Thread } from '@sessionkit/core';
import { defineSessionTool, McpToolError } from '@sessionkit/mcp';
import { z } from 'zod';
import type { DemoDeps } from '../demo-deps.js';
import { perspectiveNameSchema, systemPromptSchema } from '../schemas.js';
import { TEMPLATE_PERSPECTIVE_PROMPTS } from '../templates.js';

export const addPerspective = (_deps: DemoDeps) =>
  defineSessionTool({
    name: 'add_perspective',
    title: 'Add a perspective',
    description:
      'Adds a perspective (a new conversation thread) to a session. Without system_prompt it gets the prompt you saved ' +
      'for that name with save_perspective, else the built-in prompt for that name, else a generic "You are a {name} expert" prompt.',
    session: 'required',
    inputSchema: z.strictObject({
      perspective: perspectiveNameSchema,
      system_prompt: systemPromptSchema.optional().describe('What this perspective is told it is'),
    }),
    outputSchema: z.object({
      perspective: z.string(),
      system_prompt: z.string(),
      prompt_source: z.enum(['argument', 'saved', 'built-in']),
      perspectives: z.array(z.string()),
      version: z.number().int(),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    async run(args, { session, handle, user }) {
      let systemPrompt = args.system_prompt;
      let source: 'argument' | 'saved' | 'built-in' = 'argument';
      if (systemPrompt === undefined) {
        const saved = await (await user()).getThread(args.perspective);
        systemPrompt = saved?.systemPrompt ?? perspectivePrompt(args.perspective, TEMPLATE_PERSPECTIVE_PROMPTS);
        source = saved === null ? 'built-in' : 'saved';
      }
      const thread = new Thread({
        // The same id scheme the manager uses for a session's initial perspectives.
        id: `${session.sessionId}_${args.perspective}`,
        name: args.perspective,
        systemPrompt,
        modelBackend: ModelBackend.BEDROCK,
      });
      if (!(await session.addThread(thread))) {
        throw new McpToolError('PERSPECTIVE_EXISTS', `Session ${handle} already has a perspective '${args.perspective}'`);
      }
      const threads = await session.getAllThreads();
      return { perspective: args.perspective, system_prompt: systemPrompt, prompt_source: source, perspectives: [...threads.keys()], version: session.version };
    },
  });
