/**
 * The client binding as the floor and the peers do it: 32 random bytes of
 * entropy (`randomBytes`), one HMAC-SHA256 (`createHmac('sha256')`) over the
 * session id, the entropy and the creation time to sign it, and the same HMAC
 * recomputed and compared in constant time to verify it. That is the least a
 * signed binding costs: the fair floor of `create` and `validate`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SECRET_KEY } from '../fixtures.js';

/** A binding's fields, as the floor and the peers keep them. */
export interface Binding {
  entropy: string;
  createdAt: number;
  signature: string;
}

/** 256 random bits as base64url (43 characters), the size of core's entropy and session ids. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

function sign(sessionId: string, entropy: string, createdAt: number): string {
  return createHmac('sha256', SECRET_KEY).update(`${sessionId}:${entropy}:${createdAt}`).digest('hex');
}

/** A freshly signed binding for `sessionId`. */
export function newBinding(sessionId: string, createdAt: number): Binding {
  const entropy = randomToken();
  return { entropy, createdAt, signature: sign(sessionId, entropy, createdAt) };
}

/** Whether the binding's signature is the one the secret gives (recomputed, compared in constant time). */
export function verifyBinding(sessionId: string, binding: Binding): boolean {
  const expected = Buffer.from(sign(sessionId, binding.entropy, binding.createdAt), 'hex');
  const given = Buffer.from(binding.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
