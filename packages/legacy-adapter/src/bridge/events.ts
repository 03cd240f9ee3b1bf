/**
 * Security events as the old API recorded them, written into the core
 * session's one event list. The old rules are kept where they differ from
 * core's own recording: every event type flags the client binding, and
 * `details` may be null.
 */
import { type ClientBinding, SecurityEvent, SessionSecurityError, type JsonObject, type SessionState } from '@sessionkit/core';
import { describeValue } from '../internal/describe_value.js';

/** Core keeps the newest 100 events (the old lists grew without bound). */
const MAX_KEPT_EVENTS = 100;
/** Core events whose details were null in the old call (core stores `{}`). */
const withoutDetails = new WeakSet<SecurityEvent>();

/** An old event as a core event: validated type, JSON details (null kept as a marker). */
export function coreEvent(eventType: unknown, timestamp: string, details: unknown): SecurityEvent {
  if (typeof eventType !== 'string' || eventType.length === 0) {
    throw new SessionSecurityError(`A security event needs a non-empty eventType, got ${describeValue(eventType)}`);
  }
  const event = new SecurityEvent(eventType, timestamp, jsonDetails(eventType, details));
  if (details === null || details === undefined) withoutDetails.add(event);
  return event;
}

/** Appends an old-style event: counted in the metrics, and the binding flagged with its type. */
export function appendEvent(state: SessionState, event: SecurityEvent, binding: ClientBinding | null = state.clientBinding): void {
  const events = state.securityEvents;
  events.push(event);
  if (events.length > MAX_KEPT_EVENTS) events.splice(0, events.length - MAX_KEPT_EVENTS);
  state.metrics.recordSecurityEvent();
  binding?.addSecurityFlag(event.eventType);
}

/** The details as the old caller gave them (null stays null). */
export function detailsOf(event: SecurityEvent): Record<string, unknown> | null {
  return withoutDetails.has(event) ? null : event.details;
}

/**
 * Whether an event counts toward the old "more than 10 events in the last
 * hour" suspicion rule. Core records every failed operation as
 * `operation_error_<name>`; as in core, only the security-relevant one counts.
 */
export function isSecurityRelevant(event: SecurityEvent): boolean {
  return !event.eventType.startsWith('operation_error_') || event.eventType === 'operation_error_validate_security';
}

/** Details must be JSON to survive export; a Date becomes its ISO text, as JSON.stringify writes it. */
function jsonDetails(eventType: string, details: unknown): JsonObject {
  if (details === null || details === undefined) return {};
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(details)) as unknown;
  } catch (error) {
    throw new SessionSecurityError(
      `Security event '${eventType}': details must be JSON-serializable (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) {
    throw new SessionSecurityError(`Security event '${eventType}': details must be an object or null, got ${describeValue(details)}`);
  }
  return copy as JsonObject;
}
