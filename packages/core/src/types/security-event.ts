import { copyJson, type JsonObject } from '../json-value.js';
import { parseOrThrow } from '../validation.js';
import { securityEventJsonSchema } from './json-schemas.js';

/** A security event as a JSON document (snake_case keys, as the old system wrote them). */
export interface SecurityEventJSON {
  /** What happened: `binding_validation_failed`, `binding_upgraded`, `operation_error_add_thread`, ... (see {@link SecurityEvent}). */
  type: string;
  /** ISO 8601 timestamp of when it happened. */
  timestamp: string;
  /** Facts about it, plain JSON (a tool name, a reason, an error message). */
  details: JsonObject;
}

/**
 * Something security-relevant that happened to a session. Sessions record
 * `binding_validation_failed`, `session_flagged_suspicious`,
 * `binding_upgraded` (a re-signed binding), `security_flags_cleared`, and
 * `operation_error_<name>` for every failed operation ({@link OperationName}).
 * A session keeps the newest 100.
 */
export class SecurityEvent {
  /**
   * @param eventType - What happened (its `type` in JSON).
   * @param timestamp - ISO 8601 timestamp of when it happened.
   * @param details - Facts about it, plain JSON.
   */
  constructor(
    /** What happened (its `type` in JSON): `binding_validation_failed`, `operation_error_add_thread`, ... */
    readonly eventType: string,
    /** ISO 8601 timestamp of when it happened. */
    readonly timestamp: string,
    /** Facts about it, plain JSON. */
    readonly details: JsonObject,
  ) {}

  /**
   * The event as a {@link SecurityEventJSON} document (its details deep-copied).
   * @throws TypeError when `details` is not plain JSON (only a caller of the constructor can cause that).
   */
  toJSON(): SecurityEventJSON {
    const details = copyJson(this.details);
    if (!details.ok) throw new TypeError(`security event ${this.eventType}: details are not JSON (${details.reason})`);
    return { type: this.eventType, timestamp: this.timestamp, details: details.value as JsonObject };
  }

  /**
   * Builds an event from a {@link SecurityEventJSON} document (`details` may be missing: `{}`).
   * @param data - The document (unknown: it is validated).
   * @throws {@link SessionValidationError} naming the first bad field.
   */
  static fromJSON(data: unknown): SecurityEvent {
    const valid = parseOrThrow(securityEventJsonSchema, data, 'security event');
    return new SecurityEvent(valid.type, valid.timestamp, valid.details ?? {});
  }
}
