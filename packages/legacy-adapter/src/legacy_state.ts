/**
 * Carrying sessions over from a running old system: `fromLegacyState`
 * turns what the old system holds for a session into core's state JSON,
 * ready for `manager.restoreSession(json)` or `Session.restoreFromState(json)`.
 */
import { SessionState, type SessionStateJSON, SessionValidationError } from '@sessionkit/core';
import { handleOfRecord } from './bridge/context_switcher_session.js';
import { handleOfData } from './bridge/session_data.js';
import { describeValue } from './internal/describe_value.js';
import type { SessionHandle } from './internal/session_handle.js';
import { isoformat } from './internal/time.js';

/** Something the old system held for a session: its record, its `SessionData`, or the `toDict()` JSON of either. */
export type LegacySnapshot = object;

type Json = Record<string, unknown>;

/**
 * Core's state JSON (the old system's snake_case shape) for a session of the old
 * system, from any mix of:
 * - its `ContextSwitcherSession` record: id, creation time, topic, version,
 *   client binding, security events, access count and last access;
 * - its `SessionData` (the old app kept threads and analyses there);
 * - the `toDict()` JSON of a `SessionData`, or core state JSON;
 * - an object of this adapter (then its core session's state is exported,
 *   once however many of that session's objects are passed).
 *
 * Pass the record and the data of one session together:
 * `fromLegacyState(record, sessionData)`; later sources fill in what earlier
 * ones lack and add their threads and analyses.
 *
 * A client binding keeps its old PBKDF2 signature, written without a
 * `signature_scheme`, over the same `isoformat()` timestamp text, so core
 * validates it with the same secret (in its key ring) and re-signs it with
 * HMAC-SHA256 on first use.
 *
 * The result is validated by core: bad input throws SessionValidationError
 * naming the field, and nothing is half-converted.
 */
export function fromLegacyState(...sources: LegacySnapshot[]): SessionStateJSON {
  if (sources.length === 0) {
    throw new SessionValidationError('fromLegacyState expects a ContextSwitcherSession, a SessionData, or its toDict() JSON');
  }
  let merged: Json | undefined;
  // Adapter objects of one session (its record and its SessionData) are views
  // of one core session: each exports the whole state, so it is read once.
  const exported = new Set<SessionHandle>();
  for (const [index, source] of sources.entries()) {
    const adapted = adapterHandle(source);
    if (adapted !== undefined) {
      if (exported.has(adapted)) continue;
      exported.add(adapted);
    }
    const part = adapted === undefined ? snapshotJson(source, index) : (adapted.read((state) => state.toJSON()) as unknown as Json);
    merged = merged === undefined ? part : mergeInto(merged, part, index);
  }
  return SessionState.fromJSON(merged).toJSON();
}

/** The core session behind an adapter record or SessionData. */
function adapterHandle(source: unknown): SessionHandle | undefined {
  return handleOfRecord(source) ?? handleOfData(source);
}

function snapshotJson(source: unknown, index: number): Json {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new SessionValidationError(`fromLegacyState: source ${index} must be a session object or its JSON, got ${describeValue(source)}`);
  }
  const object = source as Json;
  if (typeof object['toDict'] === 'function') return (object['toDict'] as () => Json).call(source);
  if ('session_id' in object) return object;
  if ('sessionId' in object) return recordJson(object);
  throw new SessionValidationError(
    `fromLegacyState: source ${index} is neither a session record (sessionId, createdAt, …) nor session JSON (session_id, created_at, …)`,
  );
}

/** The old `ContextSwitcherSession` record, field by field. */
function recordJson(record: Json): Json {
  const threads = isObject(record['threads']) ? record['threads'] : {};
  const analyses = Array.isArray(record['analyses']) ? record['analyses'] : [];
  const events = Array.isArray(record['securityEvents']) ? record['securityEvents'] : [];
  return {
    session_id: record['sessionId'],
    created_at: timestamp(record['createdAt']),
    topic: record['topic'] ?? null,
    version: record['version'],
    threads: Object.fromEntries(Object.entries(threads).map(([name, thread]) => [name, threadJson(thread)])),
    analyses,
    security_events: events.map((event: unknown) => (isObject(event) ? { ...event, details: event['details'] ?? {} } : event)),
    client_binding: record['clientBinding'] == null ? null : bindingJson(record['clientBinding']),
    metrics: {
      access_count: record['accessCount'],
      last_accessed: timestamp(record['lastAccessed']),
      thread_count: Object.keys(threads).length,
      analysis_count: analyses.length,
      security_event_count: events.length,
    },
  };
}

function threadJson(thread: unknown): unknown {
  if (!isObject(thread) || !('systemPrompt' in thread)) return thread; // already JSON (or bad: core names it)
  return {
    id: thread['id'],
    name: thread['name'],
    system_prompt: thread['systemPrompt'],
    model_backend: thread['modelBackend'],
    model_name: thread['modelName'] ?? null,
    conversation_history: thread['conversationHistory'] ?? [],
  };
}

function bindingJson(binding: unknown): unknown {
  if (!isObject(binding)) return binding;
  if (typeof binding['toJSON'] === 'function') return (binding['toJSON'] as () => unknown).call(binding);
  return {
    session_entropy: binding['sessionEntropy'],
    // The old signature covers exactly this text: Python isoformat() of the creation time.
    creation_timestamp: timestamp(binding['creationTimestamp']),
    binding_signature: binding['bindingSignature'],
    access_pattern_hash: binding['accessPatternHash'],
    tool_usage_sequence: binding['toolUsageSequence'],
    validation_failures: binding['validationFailures'],
    last_validated: timestamp(binding['lastValidated']),
    security_flags: binding['securityFlags'],
  };
}

/** Dates as the old system wrote them; anything else is passed on for core to judge. */
function timestamp(value: unknown): unknown {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? isoformat(value) : value;
}

/** `next` fills what `base` lacks; threads and analyses are combined (one session split over two objects). */
function mergeInto(base: Json, next: Json, index: number): Json {
  if (base['session_id'] !== next['session_id']) {
    throw new SessionValidationError(`fromLegacyState: source ${index} is session '${String(next['session_id'])}', not '${String(base['session_id'])}'`);
  }
  const merged: Json = { ...next, ...base };
  merged['threads'] = { ...asObject(base['threads']), ...asObject(next['threads']) };
  merged['analyses'] = [...asArray(base['analyses']), ...asArray(next['analyses'])];
  if (isObject(base['metrics'])) {
    merged['metrics'] = {
      ...base['metrics'],
      thread_count: Object.keys(merged['threads'] as Json).length,
      analysis_count: (merged['analyses'] as unknown[]).length,
    };
  }
  if (base['topic'] == null && next['topic'] != null) merged['topic'] = next['topic'];
  return merged;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const asObject = (value: unknown): Json => (isObject(value) ? value : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
