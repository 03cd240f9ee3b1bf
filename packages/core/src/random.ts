import { randomFillSync } from 'node:crypto';

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
