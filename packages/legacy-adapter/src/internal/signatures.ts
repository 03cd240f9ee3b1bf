import { createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { SessionSecurityError, type SignatureScheme } from '@sessionkit/core';
import { getConfig } from '../config.js';

/**
 * A binding signature under its scheme, computed synchronously because the
 * old API is synchronous:
 * - `hmac-sha256` (core's, what `createClientBinding` now makes): microseconds;
 * - `pbkdf2-sha256` (the old one, for bindings built with `new ClientBinding`
 *   or carried over from the old system): `getConfig().pbkdf2Iterations`
 *   rounds, with the event loop blocked meanwhile, exactly as before.
 */
export function sign(scheme: SignatureScheme, message: string, secretKey: unknown): string {
  assertSecretKey(secretKey);
  if (scheme === 'hmac-sha256') return createHmac('sha256', secretKey).update(message).digest('hex');
  return pbkdf2Sync(message, secretKey, getConfig().pbkdf2Iterations, 32, 'sha256').toString('hex');
}

/** Constant-time check; a malformed signature is simply invalid. */
export function verify(scheme: SignatureScheme, message: string, signature: string, secretKey: unknown): boolean {
  const expected = Buffer.from(sign(scheme, message, secretKey));
  const actual = Buffer.from(String(signature));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function assertSecretKey(secretKey: unknown): asserts secretKey is string {
  if (typeof secretKey !== 'string' || secretKey.length === 0) {
    throw new SessionSecurityError(`A binding secret key must be a non-empty string, got ${typeof secretKey}`);
  }
}
