/**
 * The state the Redis floors write: the same JSON core stores for a session
 * (the same fields, the same sizes: ~850 bytes fresh, ~400 more per analysis),
 * built by hand so the floor depends on nothing but the data. Recording an
 * analysis appends the record core would keep and bumps the version, so the
 * floor serialises and sends as many bytes as core does.
 */
import { PROMPT, RESPONSES, TOPIC } from '../fixtures.js';
import { newBinding } from './binding.js';

/** A session's state as JSON-ready data (core's export shape). */
export type FloorState = Record<string, unknown> & { version: number; analyses: unknown[]; metrics: Record<string, unknown> };

export function floorState(sessionId: string, now: number = Date.now()): FloorState {
  const at = new Date(now).toISOString();
  const binding = newBinding(sessionId, now);
  return {
    session_id: sessionId,
    created_at: at,
    topic: TOPIC,
    version: 0,
    threads: {},
    analyses: [],
    security_events: [],
    client_binding: {
      session_entropy: binding.entropy,
      creation_timestamp: at,
      binding_signature: binding.signature,
      signature_scheme: 'hmac-sha256',
      access_pattern_hash: binding.signature,
      tool_usage_sequence: [],
      validation_failures: 0,
      last_validated: at,
      security_flags: [],
    },
    metrics: {
      access_count: 0,
      analysis_count: 0,
      thread_count: 0,
      last_accessed: at,
      total_response_time: 0,
      avg_response_time: 0,
      error_count: 0,
      security_event_count: 0,
    },
  };
}

const active = Object.values(RESPONSES).filter((response) => response !== '[NO_RESPONSE]').length;

/** Appends the analysis record core keeps and bumps the version. */
export function recordFloorAnalysis(state: FloorState, now: number = Date.now()): void {
  state.analyses.push({
    prompt: PROMPT,
    timestamp: new Date(now).toISOString(),
    responses: { ...RESPONSES },
    active_count: active,
    abstained_count: Object.keys(RESPONSES).length - active,
  });
  state.metrics.analysis_count = state.analyses.length;
  state.version++;
}
