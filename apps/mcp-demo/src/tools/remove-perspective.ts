import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { perspectiveNameSchema, sessionIdSchema } from '../schemas.js';
import { openSession } from '../tool-context.js';
import { DemoToolError } from '../tool-errors.js';

const NAME = 'remove_perspective';

export const removePerspective = defineTool({
  name: NAME,
  title: 'Remove a perspective',
  description: 'Removes a perspective and its conversation thread from a session. Past analyses keep its answers.',
  inputSchema: z.strictObject({
    session_id: sessionIdSchema,
    perspective: perspectiveNameSchema,
  }),
  outputSchema: z.object({
    session_id: z.string(),
    perspective: z.string(),
    perspectives: z.array(z.string()),
    version: z.number().int(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  async run(args, context) {
    const session = await openSession(context, args.session_id, NAME);
    if (!(await session.removeThread(args.perspective))) {
      throw new DemoToolError('PERSPECTIVE_NOT_FOUND', `Session ${session.sessionId} has no perspective '${args.perspective}'`);
    }
    const threads = await session.getAllThreads();
    return {
      session_id: session.sessionId,
      perspective: args.perspective,
      perspectives: [...threads.keys()],
      version: session.version,
    };
  },
});
