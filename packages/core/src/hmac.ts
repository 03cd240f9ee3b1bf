import { createHmac, hash } from 'node:crypto';

const BLOCK = 64;
const MAX_INLINE_MESSAGE = 512;

/**
 * HMAC-SHA256 (RFC 2104) for one key, with its padded key blocks prepared
 * once. `createHmac` re-derives them on every call, which is most of its
 * ~2 µs; two one-shot `crypto.hash` calls over reused buffers take well under
 * half of that, and signing and validating a binding sit on the session hot
 * path. Output is identical to `createHmac('sha256', key)` (tested); messages
 * longer than the scratch buffer take the `createHmac` path.
 */
export class HmacSha256 {
  readonly #key: Buffer;
  /** (key ⊕ ipad) followed by room for the message. */
  readonly #inner = Buffer.alloc(BLOCK + MAX_INLINE_MESSAGE);
  /** (key ⊕ opad) followed by the inner digest. */
  readonly #outer = Buffer.alloc(BLOCK + 32);

  constructor(key: Buffer) {
    this.#key = key;
    const block = Buffer.alloc(BLOCK);
    (key.length > BLOCK ? hash('sha256', key, 'buffer') : key).copy(block);
    for (let i = 0; i < BLOCK; i++) {
      this.#inner[i] = (block[i] as number) ^ 0x36;
      this.#outer[i] = (block[i] as number) ^ 0x5c;
    }
  }

  /** hex(HMAC-SHA256(key, message)) */
  hex(message: string): string {
    if (message.length * 3 > MAX_INLINE_MESSAGE) return createHmac('sha256', this.#key).update(message).digest('hex');
    const length = this.#inner.write(message, BLOCK, 'utf8');
    const innerDigest = hash('sha256', this.#inner.subarray(0, BLOCK + length), 'hex');
    this.#outer.write(innerDigest, BLOCK, 'hex');
    return hash('sha256', this.#outer, 'hex');
  }
}
