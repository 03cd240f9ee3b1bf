import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { HmacSha256 } from './hmac.js';
import { type Logger, silentLogger } from './logger.js';

/**
 * Iterations the old system used for its PBKDF2 binding signatures
 * (PBKDF2-HMAC-SHA256, salt = the secret, 32 bytes): 600,000. Core checks
 * such signatures with it (`signature_scheme` absent, see `SignatureScheme`).
 */
export const LEGACY_PBKDF2_ITERATIONS = 600_000;

export interface KeyRingOptions {
  secretKey?: string | undefined;
  secretKeys?: readonly string[] | undefined;
}

/** Which key of the ring verified a signature: the current one, or an older one. */
export type KeyMatch = 'current' | 'previous' | null;

let processKey: string | undefined;
let warnedAboutProcessKey = false;

const PROCESS_KEY_WARNING =
  'sessionkit: no secretKey, secretKeys or SESSIONKIT_SECRET_KEYS given; using a random per-process key. ' +
  'Client bindings will not validate after a restart or in another process. Set SESSIONKIT_SECRET_KEYS (comma-separated, newest first).';

/**
 * Rings already built, by their keys: standalone sessions (and the legacy
 * adapter, which builds one per old session object) share one ring, and its
 * prepared HMAC buffers, instead of each holding a copy. Bounded; the keys
 * are in memory anyway while any session uses them.
 */
const rings = new Map<string, KeyRing>();
const MAX_CACHED_RINGS = 16;

/**
 * The secrets that sign client bindings: `[current, ...previous]`. New
 * signatures use the current key; verification tries every key, so bindings
 * signed before a rotation keep validating (and get re-signed). The keys are
 * held in a private field and never serialized, inspected or logged.
 */
export class KeyRing {
  readonly #keys: readonly Buffer[];
  readonly #hmacs: readonly HmacSha256[];

  /** The ring for these keys, built once and shared. */
  static #forKeys(keys: readonly string[]): KeyRing {
    const id = JSON.stringify(keys);
    let ring = rings.get(id);
    if (ring === undefined) {
      ring = new KeyRing(keys);
      if (rings.size >= MAX_CACHED_RINGS) rings.delete(rings.keys().next().value as string);
      rings.set(id, ring);
    }
    return ring;
  }

  private constructor(keys: readonly string[]) {
    this.#keys = keys.map((key) => Buffer.from(key, 'utf8'));
    this.#hmacs = this.#keys.map((key) => new HmacSha256(key));
  }

  /**
   * `secretKeys`, else `secretKey`, else the comma-separated
   * `SESSIONKIT_SECRET_KEYS` environment variable, else one random key per
   * process (with a single warning: bindings then do not survive a restart).
   */
  static resolve(options: KeyRingOptions, logger: Logger): KeyRing {
    if (options.secretKeys !== undefined && options.secretKeys.length > 0) return KeyRing.#forKeys(options.secretKeys);
    if (options.secretKey !== undefined) return KeyRing.#forKeys([options.secretKey]);
    const fromEnv = (process.env.SESSIONKIT_SECRET_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key.length > 0);
    if (fromEnv.length > 0) return KeyRing.#forKeys(fromEnv);
    processKey ??= randomBytes(32).toString('base64url');
    if (!warnedAboutProcessKey) {
      // Once per process: to the configured logger, or, with none (the silent
      // default), as a Node process warning so it is never lost.
      warnedAboutProcessKey = true;
      if (logger === silentLogger) process.emitWarning(PROCESS_KEY_WARNING, { code: 'SESSIONKIT_RANDOM_KEY' });
      else logger.warn(PROCESS_KEY_WARNING);
    }
    return KeyRing.#forKeys([processKey]);
  }

  get size(): number {
    return this.#keys.length;
  }

  /** hex(HMAC-SHA256(current key, message)) */
  sign(message: string): string {
    return (this.#hmacs[0] as HmacSha256).hex(message);
  }

  /** Checks an `hmac-sha256` signature against every key, current first, in constant time per key. */
  verifyHmac(message: string, signatureHex: string): KeyMatch {
    const signature = decodeSignature(signatureHex);
    if (signature === null) return null;
    for (let i = 0; i < this.#hmacs.length; i++) {
      const expected = Buffer.from((this.#hmacs[i] as HmacSha256).hex(message), 'hex');
      if (timingSafeEqual(expected, signature)) return i === 0 ? 'current' : 'previous';
    }
    return null;
  }

  /**
   * Checks a signature made by the old system:
   * hex(PBKDF2-HMAC-SHA256(password = message, salt = key, 600k iterations, 32 bytes)).
   * Asynchronous on purpose: ~125 ms per key must not stall the process.
   */
  async verifyLegacyPbkdf2(message: string, signatureHex: string, iterations = LEGACY_PBKDF2_ITERATIONS): Promise<KeyMatch> {
    const signature = decodeSignature(signatureHex);
    if (signature === null) return null;
    for (let i = 0; i < this.#keys.length; i++) {
      const expected = await pbkdf2Async(message, this.#keys[i] as Buffer, iterations);
      if (timingSafeEqual(expected, signature)) return i === 0 ? 'current' : 'previous';
    }
    return null;
  }

  toJSON(): string {
    return '[KeyRing]';
  }

  [inspect.custom](): string {
    return `KeyRing { keys: ${this.#keys.length} (hidden) }`;
  }
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** A 32-byte signature from its hex form, or null when it is malformed. */
function decodeSignature(signatureHex: string): Buffer | null {
  return typeof signatureHex === 'string' && HEX_SHA256.test(signatureHex) ? Buffer.from(signatureHex, 'hex') : null;
}

function pbkdf2Async(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password, salt, iterations, 32, 'sha256', (error, key) => (error ? reject(error) : resolve(key)));
  });
}
