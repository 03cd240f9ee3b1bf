import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { sessionIdSchema } from '../schemas.js';
import { openSession } from '../tool-context.js';

const NAME = 'end_session';

export const endSession = defineTool({
  name: NAME,
  title: 'End a session',
  description: 'Ends a session and frees its slot; returns a final summary. The session id is unknown afterwards.',
  inputSchema: z.strictObject({ session_id: sessionIdSchema }),
  outputSchema: z.object({
    session_id: z.string(),
    ended: z.literal(true),
    topic: z.string().nullable(),
    perspectives: z.array(z.string()),
    analysis_count: z.number().int(),
    version: z.number().int(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  async run(args, context) {
    const session = await openSession(context, args.session_id, NAME);
    const final = await session.exportState();
    await context.manager.removeSession(session.sessionId);
    return {
      session_id: final.session_id,
      ended: true as const,
      topic: final.topic,
      perspectives: Object.keys(final.threads),
      analysis_count: final.analyses.length,
      version: final.version,
    };
  },
});
