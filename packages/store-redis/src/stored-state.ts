import { parseTimestamp } from '@sessionkit/core/interop';
import { CorruptSessionDataError } from './corrupt-data.js';

/** The fields of a session hash that describe its state, as the scripts return them (already checked for form). */
export interface StoredFields {
  /** Epoch ms, as digits. */
  created: string;
  threads: number;
  analyses: number;
}

/**
 * The stored state of session `sessionId` (at `key`), parsed, after the
 * checks only the client can make: it is JSON, a JSON object, names this
 * session, and agrees with the hash's other fields (creation time, counts).
 * Anything else is a CorruptSessionDataError naming the field; the full shape
 * is core's to check (SessionState.fromJSON), which reports it naming the
 * session too.
 */
export function readStoredState(text: string, key: string, sessionId: string, fields: StoredFields): unknown {
  const corrupt = (field: string, expected: string, found: string) => new CorruptSessionDataError({ key, field, sessionId, expected, found });
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    throw corrupt('state', 'the session JSON', `text that is not JSON (${text.length} characters)`);
  }
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw corrupt('state', 'the session JSON (an object)', `JSON ${state === null ? 'null' : Array.isArray(state) ? 'array' : `of type ${typeof state}`}`);
  }
  const json = state as { session_id?: unknown; created_at?: unknown; threads?: unknown; analyses?: unknown };
  if (json.session_id !== sessionId) {
    throw corrupt('state', `the state of session '${sessionId}'`, `a state whose session_id is ${describe(json.session_id)}`);
  }
  if (typeof json.created_at === 'string') {
    const createdAtMs = parseTimestamp(json.created_at);
    if (Number.isFinite(createdAtMs) && String(createdAtMs) !== fields.created) {
      throw corrupt('created', `the state's created_at (${createdAtMs})`, `"${fields.created}"`);
    }
  }
  if (typeof json.threads === 'object' && json.threads !== null && !Array.isArray(json.threads)) {
    const threads = Object.keys(json.threads).length;
    if (threads !== fields.threads) throw corrupt('threads', `the state's thread count (${threads})`, String(fields.threads));
  }
  if (Array.isArray(json.analyses) && json.analyses.length !== fields.analyses) {
    throw corrupt('analyses', `the state's analysis count (${json.analyses.length})`, String(fields.analyses));
  }
  return state;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}
