import { defineSessionTool } from '@sessionkit/mcp';
import { z } from 'zod';
import type { DemoDeps } from '../demo-deps.js';

export const listSessions = (deps: DemoDeps) =>
  defineSessionTool({
    name: 'list_sessions',
    title: 'List your live sessions',
    description: 'Lists your live (not expired, not ended) sessions, oldest first, and the pool’s capacity. Sessions of other callers are never listed.',
    inputSchema: z.strictObject({}),
    outputSchema: z.object({
      sessions: z.array(
        z.object({
          session_id: z.string(),
          topic: z.string().nullable(),
          created_at: z.string(),
          expires_at: z.string(),
          perspectives: z.array(z.string()),
          analysis_count: z.number().int(),
          version: z.number().int(),
        }),
      ),
      refused_count: z.number().int().describe('Your sessions left out because they are flagged suspicious (repeated failed binding validations)'),
      capacity: z.object({
        active_sessions: z.number().int().describe('Live sessions of all callers, per-user state included (a count only)'),
        max_sessions: z.number().int(),
        session_ttl_hours: z.number(),
      }),
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    async run(_args, { listSessions: listOwn }) {
      // Only the caller's own sessions: the layer lists by principal. Listing is
      // read-only (no binding validation, which would write to every session).
      const own = await listOwn();
      const sessions = [];
      let refused = 0;
      for (const { handle, info, expiresAt } of own) {
        if (info.client_binding?.is_suspicious === true) {
          refused++;
          continue;
        }
        sessions.push({
          session_id: handle,
          topic: info.topic,
          created_at: info.created_at,
          expires_at: expiresAt,
          perspectives: info.thread_names,
          analysis_count: info.analysis_count,
          version: info.version,
        });
      }
      const stats = await deps.manager.getStats();
      return {
        sessions,
        refused_count: refused,
        capacity: { active_sessions: stats.active_sessions, max_sessions: stats.max_sessions, session_ttl_hours: stats.session_ttl_hours },
      };
    },
  });
