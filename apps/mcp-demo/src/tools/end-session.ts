import { defineSessionTool } from '@sessionkit/mcp';
import { z } from 'zod';
import type { DemoDeps } from '../demo-deps.js';

export const endSession = (_deps: DemoDeps) =>
  defineSessionTool({
    name: 'end_session',
    title: 'End a session',
    description: 'Ends a session and frees its slot; returns a final summary. The session_id is unknown afterwards.',
    session: 'required',
    inputSchema: z.strictObject({}),
    outputSchema: z.object({
      session_id: z.string(),
      ended: z.literal(true),
      topic: z.string().nullable(),
      perspectives: z.array(z.string()),
      analysis_count: z.number().int(),
      version: z.number().int(),
    }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    async run(_args, { session, handle, endSession: end }) {
      const final = await session.exportState();
      await end();
      return {
        session_id: handle,
        ended: true as const,
        topic: final.topic,
        perspectives: Object.keys(final.threads),
        analysis_count: final.analyses.length,
        version: final.version,
      };
    },
  });
