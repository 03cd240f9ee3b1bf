import { isValidSessionId, type SessionStateJSON, SessionValidationError } from '@sessionkit/core';
import { parseTimestamp } from '@sessionkit/core/interop';

/** Checks of what callers hand the store (core, or whoever drives the SessionStore seam). */

export function invalid(field: string, message: string): SessionValidationError {
  return new SessionValidationError(`Invalid ${field}: ${message}`, { issues: [{ path: [field], message }] });
}

export function checkSessionId(sessionId: unknown): string {
  // Core's rule, which also keeps braces (the hash tag) out of keys.
  if (isValidSessionId(sessionId)) return sessionId;
  throw invalid('sessionId', 'expected 1..256 characters of [A-Za-z0-9_.:-]');
}

export function stateSessionId(state: SessionStateJSON): unknown {
  return typeof state === 'object' && state !== null ? (state as { session_id?: unknown }).session_id : undefined;
}

export function countThreads(state: SessionStateJSON): number {
  return typeof state.threads === 'object' && state.threads !== null ? Object.keys(state.threads).length : 0;
}

export function countAnalyses(state: SessionStateJSON): number {
  return Array.isArray(state.analyses) ? state.analyses.length : 0;
}

/** The state's creation time in epoch ms (the index's score, and the session's expiry base). */
export function stateCreatedAtMs(state: SessionStateJSON): number {
  const createdAtMs = parseTimestamp(typeof state.created_at === 'string' ? state.created_at : '');
  if (!Number.isSafeInteger(createdAtMs)) throw invalid('state.created_at', 'expected an ISO timestamp');
  return createdAtMs;
}
