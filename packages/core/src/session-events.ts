/** How a session records what happens to it: security events, flags, and failed operations. */
import type { JsonObject } from './json-value.js';
import { formatTimestamp } from './timestamps.js';
import { SecurityEvent } from './types/security-event.js';
import type { SessionState } from './types/session-state.js';

/** Only these events also flag the binding; other failures are recorded but never make a session suspicious. */
const FLAGGING_EVENTS: ReadonlySet<string> = new Set(['binding_validation_failed', 'session_flagged_suspicious', 'operation_error_validate_security']);

/** Security events a session keeps (the newest); `metrics.security_event_count` counts them all. */
export const MAX_KEPT_EVENTS = 100;

/** Appends a security event (newest 100 kept), counts it, and flags the binding when it is security-relevant. */
export function recordEvent(state: SessionState, type: string, details: JsonObject, now: number): void {
  const events = state.securityEvents;
  events.push(new SecurityEvent(type, formatTimestamp(now), details));
  if (events.length > MAX_KEPT_EVENTS) events.splice(0, events.length - MAX_KEPT_EVENTS);
  state.metrics.recordSecurityEvent();
  if (state.clientBinding !== null && FLAGGING_EVENTS.has(type)) state.clientBinding.addSecurityFlag(type);
}
