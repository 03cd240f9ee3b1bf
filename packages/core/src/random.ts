import { randomBytes, randomFillSync } from 'node:crypto';
import { HmacSha256 } from './hmac.js';

// Tokens are cut from a pre-filled pool: one randomFillSync per 128 tokens
// instead of one randomBytes allocation per session.
const TOKEN_BYTES = 32;
const pool = Buffer.allocUnsafe(TOKEN_BYTES * 128);
let offset = pool.length;

/** 256 cryptographically random bits as base64url (43 characters). */
export function randomToken(): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const token = pool.toString('base64url', offset, offset + TOKEN_BYTES);
  pool.fill(0, offset, offset + TOKEN_BYTES); // a used token never lingers in memory
  offset += TOKEN_BYTES;
  return token;
}

/** A process-wide random key: derived tokens are unpredictable outside this process. */
let derivationKey: HmacSha256 | undefined;

/**
 * 256 bits derived from `parts` with a random per-process key, as base64url
 * (43 characters): the same parts give the same token within this process,
 * and nobody outside it can predict one. For values that only need to be
 * unique and unguessable but are cheaper to recompute than to keep.
 */
export function derivedToken(parts: string): string {
  derivationKey ??= new HmacSha256(randomBytes(32));
  return Buffer.from(derivationKey.hex(parts), 'hex').toString('base64url');
}
