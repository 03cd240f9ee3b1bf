import { ModelBackend, perspectivePrompt, Thread } from '@sessionkit/core';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { perspectiveNameSchema, sessionIdSchema } from '../schemas.js';
import { TEMPLATE_PERSPECTIVE_PROMPTS } from '../templates.js';
import { openSession } from '../tool-context.js';
import { DemoToolError } from '../tool-errors.js';

const NAME = 'add_perspective';

export const addPerspective = defineTool({
  name: NAME,
  title: 'Add a perspective',
  description:
    'Adds a perspective (a new conversation thread) to a session. Without system_prompt it gets the built-in ' +
    'prompt for that name, or a generic "You are a {name} expert" prompt.',
  inputSchema: z.strictObject({
    session_id: sessionIdSchema,
    perspective: perspectiveNameSchema,
    system_prompt: z.string().trim().min(1).max(8_000).optional().describe('What this perspective is told it is'),
  }),
  outputSchema: z.object({
    session_id: z.string(),
    perspective: z.string(),
    system_prompt: z.string(),
    perspectives: z.array(z.string()),
    version: z.number().int(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, context) {
    const session = await openSession(context, args.session_id, NAME);
    const systemPrompt = args.system_prompt ?? perspectivePrompt(args.perspective, TEMPLATE_PERSPECTIVE_PROMPTS);
    const thread = new Thread({
      // The same id scheme the manager uses for a session's initial perspectives.
      id: `${session.sessionId}_${args.perspective}`,
      name: args.perspective,
      systemPrompt,
      modelBackend: ModelBackend.BEDROCK,
    });
    if (!(await session.addThread(thread))) {
      throw new DemoToolError('PERSPECTIVE_EXISTS', `Session ${session.sessionId} already has a perspective '${args.perspective}'`);
    }
    const threads = await session.getAllThreads();
    return {
      session_id: session.sessionId,
      perspective: args.perspective,
      system_prompt: systemPrompt,
      perspectives: [...threads.keys()],
      version: session.version,
    };
  },
});
