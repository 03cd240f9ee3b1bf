import { copyJson, type JsonObject } from '../json-value.js';
import { parseOrThrow } from '../validation.js';
import { securityEventJsonSchema } from './json-schemas.js';

/** A security event in the reference JSON shape. */
export interface SecurityEventJSON {
  type: string;
  timestamp: string;
  details: JsonObject;
}

/** Something security-relevant that happened to a session (a failed validation, an upgrade, an operation error). */
export class SecurityEvent {
  constructor(
    readonly eventType: string,
    readonly timestamp: string,
    readonly details: JsonObject,
  ) {}

  /** @throws TypeError when `details` is not plain JSON (only a caller of the constructor can cause that). */
  toJSON(): SecurityEventJSON {
    const details = copyJson(this.details);
    if (!details.ok) throw new TypeError(`security event ${this.eventType}: details are not JSON (${details.reason})`);
    return { type: this.eventType, timestamp: this.timestamp, details: details.value as JsonObject };
  }

  /** @throws SessionValidationError naming the first bad field. */
  static fromJSON(data: unknown): SecurityEvent {
    const valid = parseOrThrow(securityEventJsonSchema, data, 'security event');
    return new SecurityEvent(valid.type, valid.timestamp, valid.details ?? {});
  }
}
