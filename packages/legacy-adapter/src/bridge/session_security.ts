/**
 * The old per-session security object (`session_security.py`) as a view of
 * the core session with its id: the binding it checks and the events it
 * records are the session's own. (The old object kept its own event list, so
 * events recorded through a throwaway `SessionSecurity` were lost; here they
 * stay with the session.)
 */
import { type ClientBindingSummary, type SecurityEvent as CoreSecurityEvent, SessionError } from '@sessionkit/core';
import { adapterClock, nowIso } from '../internal/clock.js';
import { deprecated, DEPRECATIONS } from '../internal/deprecation.js';
import { describeValue } from '../internal/describe_value.js';
import { createSession, findHandle, findOrCreateHandle } from '../internal/directory.js';
import type { SessionHandle } from '../internal/session_handle.js';
import { assertSecretKey, verify } from '../internal/signatures.js';
import { epochOf, isoformat, oldTimestamp, toDate } from '../internal/time.js';
import { attachBinding, bindingOwner, bindingView, type ClientBinding, createHmacBinding, toCoreBinding } from './client_binding.js';
import { appendEvent, coreEvent, detailsOf, isSecurityRelevant } from './events.js';

const SUSPICIOUS_RECENT_EVENTS = 10;
const RECENT_WINDOW_MS = 60 * 60 * 1000;
const MAX_TOOL_USAGE = 10;

/** The fields of `new SecurityEvent({ ... })`. */
export interface SecurityEventInit {
  /** The event type (non-empty), e.g. `binding_validation_failed`. */
  eventType: string;
  /** When it happened. */
  timestamp: Date;
  /** JSON-serializable details, or null for none. */
  details: Record<string, unknown> | null;
}

/** A security event as the old `toDict()` wrote it. */
export interface SecurityEventDict {
  /** The event type. */
  type: string;
  /** When it happened, in Python `isoformat()`. */
  timestamp: string;
  /** The details as recorded (null when the caller passed none). */
  details: Record<string, unknown> | null;
}

/** The same summary core's `getSessionInfo()` gives. */
export type { ClientBindingSummary } from '@sessionkit/core';

/** What `SessionSecurity#getSecuritySummary` returns: the old snake_case dict. */
export interface SecuritySummary {
  /** The session id. */
  session_id: string;
  /** Core's binding summary (counts and state, never the signatures), `last_validated` in Python `isoformat()`; null without a binding. */
  client_binding: ClientBindingSummary | null;
  /** How many events the session keeps (the newest 100 are kept). */
  security_events_count: number;
  /** `SessionSecurity#isSessionSuspicious()`. */
  is_suspicious: boolean;
  /** The newest 5 events, oldest first. */
  recent_events: SecurityEventDict[];
}

const eventViews = new WeakMap<CoreSecurityEvent, SecurityEvent>();
const eventCores = new WeakMap<SecurityEvent, CoreSecurityEvent>();
let wrapping: CoreSecurityEvent | undefined;

/** One security event, as a view of the core event it is (or becomes, once recorded). */
export class SecurityEvent {
  readonly #core: CoreSecurityEvent;

  /**
   * A new event, not yet recorded: a list assigned to
   * `SessionSecurity#securityEvents` stores it in that session.
   * @param init - Type, time and details.
   * @throws `SessionError` for a missing init object or an invalid `Date`;
   *   `SecurityError` for an empty type or details that are not a JSON object.
   */
  constructor(init: SecurityEventInit) {
    const core = wrapping;
    wrapping = undefined;
    if (core !== undefined) {
      this.#core = core;
    } else {
      if (typeof init !== 'object' || init === null) {
        throw new SessionError(`SecurityEvent expects { eventType, timestamp, details }, got ${describeValue(init)}`);
      }
      this.#core = coreEvent(init.eventType, new Date(epochOf(init.timestamp, 'timestamp')).toISOString(), init.details);
    }
    eventViews.set(this.#core, this);
    eventCores.set(this, this.#core);
  }

  /** The event type, e.g. `binding_validation_failed`. */
  get eventType(): string {
    return this.#core.eventType;
  }

  /** When it happened. */
  get timestamp(): Date {
    return toDate(this.#core.timestamp);
  }

  /** The details as recorded (null when the caller passed none; core stores `{}` then). */
  get details(): Record<string, unknown> | null {
    return detailsOf(this.#core);
  }

  /** The old dict, byte for byte: the timestamp in Python `isoformat()`, as the old system wrote it. */
  toDict(): SecurityEventDict {
    return { type: this.#core.eventType, timestamp: oldTimestamp(this.#core.timestamp), details: detailsOf(this.#core) };
  }
}

function eventView(core: CoreSecurityEvent): SecurityEvent {
  const existing = eventViews.get(core);
  if (existing !== undefined) return existing;
  wrapping = core;
  return new SecurityEvent(undefined as never);
}

function toCoreEvent(value: unknown): CoreSecurityEvent {
  const core = value instanceof SecurityEvent ? eventCores.get(value) : undefined;
  if (core !== undefined) return core;
  const event = value as Partial<SecurityEventInit> | null;
  if (typeof event !== 'object' || event === null) throw new SessionError(`Expected a SecurityEvent, got ${describeValue(value)}`);
  return coreEvent(event.eventType, new Date(epochOf(event.timestamp, 'timestamp')).toISOString(), event.details);
}

const securityHandles = new WeakMap<SessionSecurity, SessionHandle>();

/** The handle behind a SessionSecurity view. */
export function handleOfSecurity(security: unknown): SessionHandle | undefined {
  return security instanceof SessionSecurity ? securityHandles.get(security) : undefined;
}

/**
 * The old per-session security object, as a view of the core session with
 * its id: its binding and events are the session's own, so what it records
 * stays with the session and core's `validateSecurity` sees it.
 */
export class SessionSecurity {
  readonly #handle: SessionHandle;

  /**
   * A view of the session with this id (created bare when there is none).
   * With `clientBinding`, the session holding that binding; when no session
   * with the id holds it, a session of its own, as the old object held a
   * binding no record had. The first construction in the process emits the
   * `SESSIONKIT_LEGACY_SESSION_SECURITY` deprecation warning.
   * @param sessionId - The session id.
   * @param clientBinding - The binding to check (optional).
   * @throws `SessionError` for an empty id or a value that is no binding.
   */
  constructor(sessionId: string, clientBinding?: ClientBinding | null) {
    deprecated(DEPRECATIONS.sessionSecurity);
    if (typeof sessionId !== 'string' || sessionId.length === 0) {
      throw new SessionError(`sessionId must be a non-empty string, got ${describeValue(sessionId)}`);
    }
    this.#handle = clientBinding == null ? findOrCreateHandle(sessionId) : sessionHolding(sessionId, toCoreBinding(clientBinding));
    securityHandles.set(this, this.#handle);
  }

  /** The session id. */
  get sessionId(): string {
    return this.#handle.sessionId;
  }

  /** The session's client binding (the same view object each time), or null. */
  get clientBinding(): ClientBinding | null {
    const binding = this.#handle.read((state) => state.clientBinding);
    return binding === null ? null : bindingView(binding);
  }

  /** Stores a binding in the session, or removes it with null. No version bump. */
  set clientBinding(binding: ClientBinding | null) {
    attachBinding(this.#handle, binding == null ? null : toCoreBinding(binding));
  }

  /** The session's security events (a snapshot; assign a new list to replace them). */
  get securityEvents(): SecurityEvent[] {
    return this.#handle.read((state) => (state.keptEventCount === 0 ? [] : state.securityEvents.map(eventView)));
  }

  /** Replaces the session's events (no version bump; SessionError for a non-array). */
  set securityEvents(events: SecurityEvent[]) {
    if (!Array.isArray(events)) throw new SessionError(`securityEvents must be an array, got ${describeValue(events)}`);
    const cores = events.map(toCoreEvent);
    this.#handle.write(
      'securityEvents assignment',
      (state) => {
        state.securityEvents = cores;
      },
      () => false,
    );
  }

  /**
   * Makes a new binding for the session and returns it. It is signed with
   * core's scheme (HMAC-SHA256 over entropy and creation time, keyed by
   * `secretKey`), so checking it costs microseconds instead of a PBKDF2 run,
   * and core's `session.validateSecurity()` accepts it when `secretKey` is in
   * core's key ring (`SESSIONKIT_SECRET_KEYS`).
   */
  createClientBinding(secretKey: string, accessPatternHash?: string): ClientBinding {
    assertSecretKey(secretKey);
    const binding = createHmacBinding(secretKey, this.#handle.sessionId, accessPatternHash);
    attachBinding(this.#handle, binding);
    return bindingView(binding);
  }

  /**
   * True when `secretKey` signed the binding (stamping `lastValidated`), or
   * when there is none. A mismatch counts a validation failure and records
   * `binding_validation_failed`. Never refuses outright: that is core's
   * `validateSecurity`, which also refuses suspicious sessions.
   */
  validateBinding(secretKey: string): boolean {
    if (this.#handle.read((state) => state.clientBinding) === null) return true;
    return this.#handle.write(
      'validateBinding',
      (state) => {
        const binding = state.clientBinding;
        if (binding === null) return true;
        const valid = verify(binding.signatureScheme, binding.signedMessage, binding.bindingSignature, secretKey);
        if (valid) {
          binding.lastValidated = adapterClock.now();
        } else {
          binding.validationFailures += 1;
          appendEvent(state, coreEvent('binding_validation_failed', nowIso(), { validation_failures: binding.validationFailures }));
        }
        return valid;
      },
      () => false,
    );
  }

  /** Appends an event and flags the binding with its type (SecurityError for an empty type). */
  recordSecurityEvent(eventType: string, details: Record<string, unknown> | null): void {
    const event = coreEvent(eventType, nowIso(), details);
    this.#handle.write(
      'recordSecurityEvent',
      (state) => appendEvent(state, event),
      () => false,
    );
  }

  /** Remembers the first 10 tools a client used. */
  updateToolUsagePattern(toolName: string): void {
    this.#handle.write(
      'updateToolUsagePattern',
      (state) => {
        const usage = state.clientBinding?.toolUsageSequence;
        if (usage !== undefined && usage.length < MAX_TOOL_USAGE) usage.push(toolName);
      },
      () => false,
    );
  }

  /** A suspicious binding, or more than 10 security-relevant events within the last hour. */
  isSessionSuspicious(): boolean {
    return this.#handle.read((state) => {
      if (state.clientBinding?.isSuspicious()) return true;
      if (state.keptEventCount <= SUSPICIOUS_RECENT_EVENTS) return false;
      const now = adapterClock.now();
      const recent = state.securityEvents.filter((event) => isSecurityRelevant(event) && now - toDate(event.timestamp).getTime() < RECENT_WINDOW_MS);
      return recent.length > SUSPICIOUS_RECENT_EVENTS;
    });
  }

  /** The old summary dict: binding summary, event count, suspicion and the newest 5 events. */
  getSecuritySummary(): SecuritySummary {
    const isSuspicious = this.isSessionSuspicious();
    return this.#handle.read((state) => {
      const binding = state.clientBinding;
      const events = state.keptEventCount === 0 ? [] : state.securityEvents;
      return {
        session_id: this.#handle.sessionId,
        // Core's summary, with `last_validated` in Python isoformat() as the old one wrote it.
        client_binding: binding === null ? null : { ...binding.summary(), last_validated: isoformat(new Date(binding.lastValidatedMs)) },
        security_events_count: events.length,
        is_suspicious: isSuspicious,
        recent_events: events.slice(-5).map((event) => eventView(event).toDict()),
      };
    });
  }

  /** Drops events older than `maxAgeHours`. */
  cleanupOldEvents(maxAgeHours = 24): void {
    if (typeof maxAgeHours !== 'number' || !(maxAgeHours >= 0)) {
      throw new SessionError(`cleanupOldEvents: maxAgeHours must be a non-negative number, got ${describeValue(maxAgeHours)}`);
    }
    const cutoff = adapterClock.now() - maxAgeHours * 3_600_000;
    this.#handle.write(
      'cleanupOldEvents',
      (state) => {
        if (state.keptEventCount > 0) {
          state.securityEvents = state.securityEvents.filter((event) => toDate(event.timestamp).getTime() > cutoff);
        }
      },
      () => false,
    );
  }
}

/**
 * The session whose state holds `binding` (the old code's
 * `new SessionSecurity(id, session.clientBinding)`), else a session of its
 * own holding it, as the old object held a binding no record had.
 */
function sessionHolding(sessionId: string, binding: ReturnType<typeof toCoreBinding>): SessionHandle {
  const owner = bindingOwner(binding);
  if (owner !== undefined && owner.sessionId === sessionId) return owner;
  const candidate = findHandle(sessionId);
  if (candidate !== undefined && candidate.read((state) => state.clientBinding) === binding) return candidate;
  const handle = createSession(sessionId, { publish: false });
  attachBinding(handle, binding);
  return handle;
}
