import { defineSessionTool, McpToolError } from '@sessionkit/mcp';
import { z } from 'zod';
import type { DemoDeps } from '../demo-deps.js';
import { perspectiveNameSchema } from '../schemas.js';

export const removePerspective = (_deps: DemoDeps) =>
  defineSessionTool({
    name: 'remove_perspective',
    title: 'Remove a perspective',
    description: 'Removes a perspective and its conversation thread from a session. Past analyses keep its answers.',
    session: 'required',
    inputSchema: z.strictObject({ perspective: perspectiveNameSchema }),
    outputSchema: z.object({
      perspective: z.string(),
      perspectives: z.array(z.string()),
      version: z.number().int(),
    }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    async run(args, { session, handle }) {
      if (!(await session.removeThread(args.perspective))) {
        throw new McpToolError('PERSPECTIVE_NOT_FOUND', `Session ${handle} has no perspective '${args.perspective}'`);
      }
      const threads = await session.getAllThreads();
      return { perspective: args.perspective, perspectives: [...threads.keys()], version: session.version };
    },
  });
