/**
 * The one path by which outside state becomes a session's state: exported
 * JSON (`Session.restoreFromState`, `manager.restoreSession`) and store loads
 * (the stored pool, write-through reloads) alike. It parses the shape, then
 * applies the policy a trusted state must meet: a creation time that is not
 * in the future, a client binding unless unbound states are allowed, and the
 * size limits.
 */
import { SessionStateCorruptError, SessionValidationError } from './errors.js';
import { MAX_KEPT_EVENTS } from './session-events.js';
import type { SessionContext } from './session-context.js';
import { checkRestoredLimits } from './state-check.js';
import { SessionState } from './types/session-state.js';
import { invalidField } from './validation.js';

/** Clocks of the processes sharing a store may disagree by this much. */
const FUTURE_SKEW_MS = 60_000;

/** @throws SessionValidationError naming the first bad field. */
export function restoreState(json: unknown, context: SessionContext): SessionState {
  const now = context.now();
  const state = SessionState.fromJSON(json, now);
  if (state.createdAtMs > now + FUTURE_SKEW_MS) {
    throw invalidField(['created_at'], `is in the future (${state.createdAt}): a session cannot have been created after now`, 'session state');
  }
  if (state.clientBinding === null && !context.allowUnbound) {
    throw invalidField(
      ['client_binding'],
      'is null: a state without a client binding cannot be checked for forgery; restore it with allowUnbound: true if you trust where it came from',
      'session state',
    );
  }
  checkRestoredLimits(state, context.limits);
  // A session keeps its newest events only; so does its restore.
  if (state.keptEventCount > MAX_KEPT_EVENTS) state.securityEvents = state.securityEvents.slice(-MAX_KEPT_EVENTS);
  return state;
}

/**
 * The store path: a value that does not restore is reported as the corrupt
 * stored state of that session (a SessionStateCorruptError naming the session
 * and the field), never as a crash or a silently reset session.
 */
export function restoreStoredState(json: unknown, sessionId: string, context: SessionContext): SessionState {
  let state: SessionState;
  try {
    state = restoreState(json, context);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new SessionStateCorruptError(`Stored state of session ${sessionId} is corrupt: ${detail}`, {
      cause: error,
      issues: error instanceof SessionValidationError ? error.issues : [],
      sessionId,
    });
  }
  if (state.sessionId !== sessionId) {
    throw new SessionStateCorruptError(`Stored state of session ${sessionId} is corrupt: it names session ${state.sessionId}`, {
      issues: [{ path: ['session_id'], message: `expected "${sessionId}"` }],
      sessionId,
    });
  }
  return state;
}
