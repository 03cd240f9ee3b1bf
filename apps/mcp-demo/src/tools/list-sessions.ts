import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { expiresAt } from '../tool-context.js';

const NAME = 'list_sessions';

export const listSessions = defineTool({
  name: NAME,
  title: 'List live sessions',
  description: 'Lists the live (not expired, not ended) sessions, newest last, and the pool’s capacity.',
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
    refused_count: z.number().int().describe('Sessions left out because they are flagged suspicious (repeated failed binding validations)'),
    capacity: z.object({ active_sessions: z.number().int(), max_sessions: z.number().int(), session_ttl_hours: z.number() }),
  }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(_args, context) {
    const { manager } = context;
    const infos = await manager.listActiveSessions(); // sweeps expired sessions first
    const sessions = [];
    let refused = 0;
    for (const [sessionId, info] of Object.entries(infos)) {
      const session = await manager.getSession(sessionId);
      if (session === null) continue; // ended between the listing and now
      // Listing is read-only: it does not validate each binding (that would record a
      // tool use on every session and, with Redis, write each one). A session that
      // failed its checks is flagged suspicious, and is left out, not even its topic shown.
      if (info.client_binding?.is_suspicious === true) {
        refused++;
        continue;
      }
      sessions.push({
        session_id: sessionId,
        topic: info.topic,
        created_at: info.created_at,
        expires_at: expiresAt(context, session),
        perspectives: info.thread_names,
        analysis_count: info.analysis_count,
        version: info.version,
      });
    }
    sessions.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    const stats = await manager.getStats();
    return {
      sessions,
      refused_count: refused,
      capacity: { active_sessions: stats.active_sessions, max_sessions: stats.max_sessions, session_ttl_hours: stats.session_ttl_hours },
    };
  },
});
