import { defineSessionTool } from '@sessionkit/mcp';
import { z } from 'zod';
import type { DemoDeps } from '../demo-deps.js';
import { analysisSchema, perspectiveSummarySchema } from '../schemas.js';

export const getSessionInfo = (_deps: DemoDeps) =>
  defineSessionTool({
    name: 'get_session_info',
    title: 'Describe a session',
    description: 'Returns a session’s topic, perspectives (with their prompts and message counts), its last analysis, security summary and metrics.',
    session: 'required',
    inputSchema: z.strictObject({}),
    outputSchema: z.object({
      session_id: z.string(),
      topic: z.string().nullable(),
      created_at: z.string(),
      expires_at: z.string(),
      version: z.number().int(),
      perspectives: z.array(perspectiveSummarySchema),
      analysis_count: z.number().int(),
      last_analysis: analysisSchema.nullable(),
      security: z
        .object({
          validation_failures: z.number().int(),
          security_flags: z.array(z.string()),
          tool_usage_sequence: z.array(z.string()).describe('The first 10 tools called on this session'),
          security_event_count: z.number().int(),
        })
        .nullable(),
      metrics: z.object({
        access_count: z.number().int(),
        analysis_count: z.number().int(),
        error_count: z.number().int(),
        avg_response_time: z.number(),
        last_accessed: z.string(),
      }),
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    async run(_args, { session, handle, expiresAt }) {
      // One snapshot, taken under the session's lock: every field below is from the same moment.
      const state = await session.exportState();
      const binding = state.client_binding;
      return {
        session_id: handle,
        topic: state.topic,
        created_at: state.created_at,
        expires_at: expiresAt,
        version: state.version,
        perspectives: Object.values(state.threads).map((thread) => ({
          name: thread.name,
          system_prompt: thread.system_prompt,
          message_count: thread.conversation_history.length,
        })),
        analysis_count: state.analyses.length,
        last_analysis: state.analyses.at(-1) ?? null,
        security:
          binding === null
            ? null
            : {
                validation_failures: binding.validation_failures,
                security_flags: binding.security_flags,
                tool_usage_sequence: binding.tool_usage_sequence,
                security_event_count: state.metrics.security_event_count,
              },
        metrics: {
          access_count: state.metrics.access_count,
          analysis_count: state.metrics.analysis_count,
          error_count: state.metrics.error_count,
          avg_response_time: state.metrics.avg_response_time,
          last_accessed: state.metrics.last_accessed,
        },
      };
    },
  });
