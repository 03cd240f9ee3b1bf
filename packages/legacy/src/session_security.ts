/**
 * Security bookkeeping for one session (session_security.py): the client
 * binding, a list of security events, suspicion heuristics. A separate object
 * from the session record; it shares the `ClientBinding` instance it is given.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SecurityError } from './exceptions.js';
import { isoformat } from './internal/time.js';
import { ClientBinding } from './models.js';

export { ClientBinding } from './models.js';
export { SecurityError } from './exceptions.js';

const SUSPICIOUS_RECENT_EVENTS = 10;
const RECENT_WINDOW_MS = 60 * 60 * 1000;

export interface SecurityEventInit {
  eventType: string;
  timestamp: Date;
  details: Record<string, unknown> | null;
}

export interface SecurityEventDict {
  type: string;
  timestamp: string;
  details: Record<string, unknown> | null;
}

export class SecurityEvent {
  eventType: string;
  timestamp: Date;
  details: Record<string, unknown> | null;

  constructor(init: SecurityEventInit) {
    this.eventType = init.eventType;
    this.timestamp = init.timestamp;
    this.details = init.details;
  }

  toDict(): SecurityEventDict {
    return { type: this.eventType, timestamp: isoformat(this.timestamp), details: this.details };
  }
}

export interface ClientBindingSummary {
  validation_failures: number;
  last_validated: string;
  security_flags_count: number;
  is_suspicious: boolean;
  tool_usage_count: number;
}

export interface SecuritySummary {
  session_id: string;
  client_binding: ClientBindingSummary | null;
  security_events_count: number;
  is_suspicious: boolean;
  recent_events: SecurityEventDict[];
}

export class SessionSecurity {
  readonly sessionId: string;
  clientBinding: ClientBinding | null;
  securityEvents: SecurityEvent[] = [];

  constructor(sessionId: string, clientBinding?: ClientBinding | null) {
    this.sessionId = sessionId;
    this.clientBinding = clientBinding ?? null;
  }

  /** Makes and keeps a new binding, signed with `secretKey` (one PBKDF2 run). */
  createClientBinding(secretKey: string, accessPatternHash?: string): ClientBinding {
    const binding = new ClientBinding({
      sessionEntropy: randomBytes(32).toString('base64url'),
      creationTimestamp: new Date(),
      bindingSignature: '',
      accessPatternHash: accessPatternHash || this.generateDefaultPatternHash(),
    });
    binding.bindingSignature = binding.generateBindingSignature(secretKey);
    this.clientBinding = binding;
    return binding;
  }

  /**
   * True when the binding's signature matches `secretKey`, or when there is
   * no binding (old sessions were allowed). A mismatch counts a validation
   * failure and records `binding_validation_failed`.
   */
  validateBinding(secretKey: string): boolean {
    if (!this.clientBinding) return true;
    const valid = this.clientBinding.validateBinding(secretKey);
    if (valid) {
      this.clientBinding.lastValidated = new Date();
    } else {
      this.clientBinding.validationFailures += 1;
      this.recordSecurityEvent('binding_validation_failed', {
        validation_failures: this.clientBinding.validationFailures,
      });
    }
    return valid;
  }

  /** Appends an event and flags the binding with its type. */
  recordSecurityEvent(eventType: string, details: Record<string, unknown> | null): void {
    if (typeof eventType !== 'string' || eventType.length === 0) {
      throw new SecurityError('A security event needs a non-empty eventType', { sessionId: this.sessionId });
    }
    this.securityEvents.push(new SecurityEvent({ eventType, timestamp: new Date(), details }));
    this.clientBinding?.addSecurityFlag(eventType);
  }

  /** Remembers the first 10 tools a client used. */
  updateToolUsagePattern(toolName: string): void {
    if (this.clientBinding && this.clientBinding.toolUsageSequence.length < 10) {
      this.clientBinding.toolUsageSequence.push(toolName);
    }
  }

  /** A suspicious binding, or more than 10 security events within the last hour. */
  isSessionSuspicious(): boolean {
    if (this.clientBinding?.isSuspicious()) return true;
    const now = Date.now();
    const recent = this.securityEvents.filter((event) => now - event.timestamp.getTime() < RECENT_WINDOW_MS);
    return recent.length > SUSPICIOUS_RECENT_EVENTS;
  }

  getSecuritySummary(): SecuritySummary {
    const binding = this.clientBinding;
    return {
      session_id: this.sessionId,
      client_binding: binding
        ? {
            validation_failures: binding.validationFailures,
            last_validated: isoformat(binding.lastValidated),
            security_flags_count: binding.securityFlags.length,
            is_suspicious: binding.isSuspicious(),
            tool_usage_count: binding.toolUsageSequence.length,
          }
        : null,
      security_events_count: this.securityEvents.length,
      is_suspicious: this.isSessionSuspicious(),
      recent_events: this.securityEvents.slice(-5).map((event) => event.toDict()),
    };
  }

  /** Drops events older than `maxAgeHours`. */
  cleanupOldEvents(maxAgeHours = 24): void {
    const cutoff = Date.now() - maxAgeHours * 3600 * 1000;
    this.securityEvents = this.securityEvents.filter((event) => event.timestamp.getTime() > cutoff);
  }

  private generateDefaultPatternHash(): string {
    return createHash('sha256')
      .update(`${this.sessionId}:${isoformat(new Date())}`)
      .digest('hex');
  }
}
