import type { z } from 'zod/mini';
import { accessPatternHash, bindingMessage, identityMessage } from '../binding-messages.js';
import { kPendingSigner, kSignedBy, kTrusted, kWriteDown } from '../internal.js';
import type { KeyRing } from '../keyring.js';
import { derivedToken } from '../random.js';
import { formatTimestamp, stampMs } from '../timestamps.js';
import { parseOrThrow } from '../validation.js';
import { clientBindingInitSchema, clientBindingJsonSchema } from './json-schemas.js';

/**
 * How `binding_signature` was made.
 * - `hmac-sha256`: hex(HMAC-SHA256(secret, `${entropy}:${creationTimestamp}`)).
 * - `pbkdf2-sha256`: the old system's 600k-iteration PBKDF2 signature; its
 *   JSON has no `signature_scheme` key. It is re-signed on its first valid check.
 *
 * Either way, `identity_signature` (when present) also covers the session
 * id, its creation time and its principal: see {@link Session.validateSecurity}.
 */
export type SignatureScheme = 'hmac-sha256' | 'pbkdf2-sha256';

/**
 * A client binding as a JSON document (the `client_binding` of
 * {@link SessionStateJSON}): snake_case keys, as the old system wrote them,
 * plus sessionkit's optional keys.
 */
export interface ClientBindingJSON {
  /** Random text (a nonce, not a secret) the signatures cover. */
  session_entropy: string;
  /** ISO 8601 timestamp of the binding's creation (the session's creation time). */
  creation_timestamp: string;
  /** hex signature over `${session_entropy}:${creation_timestamp}`, made as `signature_scheme` says. */
  binding_signature: string;
  /** Absent for bindings signed by the old system (PBKDF2). */
  signature_scheme?: 'hmac-sha256';
  /** HMAC over the session id, creation time, entropy and principal. Absent on bindings made before it existed. */
  identity_signature?: string;
  /** The authenticated identity the session belongs to. Absent when it belongs to none. */
  principal?: string;
  /** hex(SHA-256(`${session_id}:${creation_timestamp}`)), kept for the old system (not a secret, not signed). */
  access_pattern_hash: string;
  /** The first tool names validated against the binding (at most 10 are kept). */
  tool_usage_sequence: string[];
  /** Failed validations since creation or the last `clearSecurityFlags()`; more than 3 make the session suspicious. */
  validation_failures: number;
  /** ISO 8601 timestamp of the last successful validation (the creation time until then). */
  last_validated: string;
  /** Security flags raised on the session (no duplicates), such as `binding_validation_failed`. */
  security_flags: string[];
}

/**
 * What `new ClientBinding(...)` takes: the fields of {@link ClientBindingJSON}
 * in camelCase. Arrays are copied.
 */
export interface ClientBindingInit {
  /** Random text the signatures cover. */
  sessionEntropy: string;
  /** ISO 8601 timestamp of the binding's creation. */
  creationTimestamp: string;
  /** hex signature over `${sessionEntropy}:${creationTimestamp}`. */
  bindingSignature: string;
  /**
   * How `bindingSignature` was made.
   * @defaultValue `'hmac-sha256'` (unlike {@link ClientBinding.fromJSON}, where a missing scheme means `'pbkdf2-sha256'`)
   */
  signatureScheme?: SignatureScheme | undefined;
  /**
   * HMAC over the session id, creation time, entropy and principal (at most 128 characters).
   * @defaultValue null (a binding made before identity signatures existed)
   */
  identitySignature?: string | null | undefined;
  /**
   * The authenticated identity the session belongs to (1..512 characters, no control characters).
   * @defaultValue null
   */
  principal?: string | null | undefined;
  /** hex(SHA-256(`${sessionId}:${creationTimestamp}`)). */
  accessPatternHash: string;
  /**
   * The tool names validated so far.
   * @defaultValue []
   */
  toolUsageSequence?: readonly string[] | undefined;
  /**
   * Failed validations so far (a non-negative integer).
   * @defaultValue 0
   */
  validationFailures?: number | undefined;
  /**
   * ISO timestamp (kept verbatim) or epoch ms of the last successful validation.
   * @defaultValue the creation timestamp
   */
  lastValidated?: string | number | undefined;
  /**
   * Security flags raised so far.
   * @defaultValue []
   */
  securityFlags?: readonly string[] | undefined;
}

/** The texts of a binding once written down. */
interface BindingText {
  sessionEntropy: string;
  creationTimestamp: string;
  bindingSignature: string;
  identitySignature: string | null;
  accessPatternHash: string;
}

/** What `getSessionInfo()` shows of a binding: counts and state, never the signature (a JSON document: snake_case keys). */
export interface ClientBindingSummary {
  /** Failed validations since creation or the last `clearSecurityFlags()`. */
  validation_failures: number;
  /** ISO 8601 timestamp of the last successful validation (the creation time until then). */
  last_validated: string;
  /** How many security flags are raised. */
  security_flags_count: number;
  /** Whether the session is refused until an operator clears its flags (see {@link ClientBinding.isSuspicious}). */
  is_suspicious: boolean;
  /** How many tool names the binding kept (at most 10). */
  tool_usage_count: number;
}

/**
 * Ties a session to the server that created it (its signing keys) and, when
 * one is given, to the principal it belongs to. A forged or edited state
 * fails `validateSecurity()`. See the repository's SECURITY.md for what it
 * does and does not protect. Sessions make and check their own bindings;
 * build one by hand only to convert state from elsewhere.
 *
 * The JSON form ({@link ClientBindingJSON}) is snake_case, this API object
 * camelCase. Changing a signed field through its setter (entropy, creation
 * timestamp, principal) makes the next `validateSecurity()` fail unless the
 * signatures are made anew with the session's key.
 *
 * A binding the session made itself keeps no signature text until one is
 * read (an export, a store write, a getter): it is computed from the key ring
 * on demand, which saves ~240 bytes per idle session. Changing a signed field
 * (entropy, creation timestamp, principal) writes the signatures down first,
 * so they always cover what the binding held when it was signed.
 */
export class ClientBinding {
  /** The binding's texts once written down (restored, re-signed or edited); undefined while derived on demand. */
  #text: BindingText | undefined;
  #creationMs: number;
  /** How `bindingSignature` was made; a `pbkdf2-sha256` binding becomes `hmac-sha256` on its first valid check. */
  signatureScheme: SignatureScheme;
  #principal: string | null;
  /** Set while the texts are derived on demand: the ring that signs, and the session it names. */
  #keyRing: KeyRing | undefined;
  #sessionId: string | undefined;
  #toolUsageSequence: string[] | undefined;
  /** Failed validations since creation or the last `clearSecurityFlags()`; more than 3 make the session suspicious. */
  validationFailures: number;
  // Epoch ms (cheap, updated in place) or the verbatim restored text.
  #lastValidatedMs: number;
  #lastValidatedText: string | undefined;
  #securityFlags: string[] | undefined;

  static #trusted = false;
  /** Set while `clone()` builds an empty binding that `copyFrom` then fills. */
  static #blank = false;

  /**
   * @param init - The binding's fields: see {@link ClientBindingInit}.
   * @throws {@link SessionValidationError} naming the first bad field.
   */
  constructor(init: ClientBindingInit) {
    if (ClientBinding.#blank) {
      ClientBinding.#blank = false;
      this.#creationMs = 0;
      this.signatureScheme = 'hmac-sha256';
      this.#principal = null;
      this.validationFailures = 0;
      this.#lastValidatedMs = 0;
      return;
    }
    const valid = ClientBinding.#trusted ? init : parseOrThrow(clientBindingInitSchema, init, 'client binding');
    this.#text = {
      sessionEntropy: valid.sessionEntropy,
      creationTimestamp: valid.creationTimestamp,
      bindingSignature: valid.bindingSignature,
      identitySignature: valid.identitySignature ?? null,
      accessPatternHash: valid.accessPatternHash,
    };
    this.#creationMs = stampMs(valid.creationTimestamp);
    this.signatureScheme = valid.signatureScheme ?? 'hmac-sha256';
    this.#principal = valid.principal ?? null;
    // A trusted caller hands over fresh arrays; anyone else's are copied.
    const adopt = ClientBinding.#trusted;
    const tools = valid.toolUsageSequence;
    if (tools !== undefined && tools.length > 0) this.#toolUsageSequence = adopt ? (tools as string[]) : [...tools];
    this.validationFailures = valid.validationFailures ?? 0;
    const lastValidated = valid.lastValidated ?? valid.creationTimestamp;
    this.#lastValidatedMs = stampMs(lastValidated);
    this.#lastValidatedText = typeof lastValidated === 'string' ? lastValidated : undefined;
    const flags = valid.securityFlags;
    if (flags !== undefined && flags.length > 0) this.#securityFlags = adopt ? (flags as string[]) : [...flags];
  }

  /** @internal For values the library produced itself: skips validation. */
  static [kTrusted](init: ClientBindingInit): ClientBinding {
    ClientBinding.#trusted = true;
    try {
      return new ClientBinding(init);
    } finally {
      ClientBinding.#trusted = false;
    }
  }

  /**
   * A new binding for session `sessionId`, created at `creationMs`: its
   * entropy (derived from the session, unpredictable outside this process)
   * and its signatures are computed from `keyRing` when read.
   * @internal
   */
  static [kSignedBy](keyRing: KeyRing, sessionId: string, creationMs: number, principal: string | null): ClientBinding {
    const binding = ClientBinding[kTrusted]({
      sessionEntropy: '',
      creationTimestamp: '',
      bindingSignature: '',
      signatureScheme: 'hmac-sha256',
      principal,
      accessPatternHash: '',
      lastValidated: creationMs,
    });
    binding.#text = undefined;
    binding.#creationMs = creationMs;
    binding.#keyRing = keyRing;
    binding.#sessionId = sessionId;
    return binding;
  }

  /**
   * The key ring that still signs this binding on demand for session
   * `sessionId`, or undefined once its texts are written down (restored,
   * re-signed or edited) or when it was made for another session.
   * @internal
   */
  static [kPendingSigner](binding: ClientBinding, sessionId: string): KeyRing | undefined {
    return binding.#sessionId === sessionId ? binding.#keyRing : undefined;
  }

  /**
   * Computes and keeps the texts now (a session that is about to be exported
   * on every write, say, to a shared store).
   * @internal
   */
  static [kWriteDown](binding: ClientBinding): void {
    binding.#writeDown();
  }

  /** Random text the signatures cover (a nonce; not a secret). */
  get sessionEntropy(): string {
    return this.#text?.sessionEntropy ?? derivedToken(`binding-entropy\n${this.#sessionId as string}\n${this.#creationMs}`);
  }

  set sessionEntropy(value: string) {
    this.#writeDown().sessionEntropy = value;
  }

  /** ISO timestamp of the binding's creation (verbatim when restored). */
  get creationTimestamp(): string {
    return this.#text?.creationTimestamp ?? formatTimestamp(this.#creationMs);
  }

  set creationTimestamp(value: string) {
    this.#writeDown().creationTimestamp = value;
    this.#creationMs = stampMs(value);
  }

  /** hex signature over `signedMessage`, made by `signatureScheme`. */
  get bindingSignature(): string {
    return this.#text?.bindingSignature ?? (this.#keyRing as KeyRing).sign(this.signedMessage);
  }

  set bindingSignature(value: string) {
    this.#writeDown().bindingSignature = value;
  }

  /** Covers session id, creation time, entropy and principal; null on bindings made before it existed. */
  get identitySignature(): string | null {
    const text = this.#text;
    if (text !== undefined) return text.identitySignature;
    const message = identityMessage(this.#sessionId as string, this.creationTimestamp, this.sessionEntropy, this.#principal);
    return (this.#keyRing as KeyRing).sign(message);
  }

  set identitySignature(value: string | null) {
    this.#writeDown().identitySignature = value;
  }

  /** The authenticated identity the session belongs to, or null. */
  get principal(): string | null {
    return this.#principal;
  }

  set principal(value: string | null) {
    this.#writeDown();
    this.#principal = value;
  }

  /** hex(SHA-256(`${sessionId}:${creationTimestamp}`)), as the reference wrote it (not a secret). */
  get accessPatternHash(): string {
    return this.#text?.accessPatternHash ?? accessPatternHash(this.#sessionId as string, this.creationTimestamp);
  }

  set accessPatternHash(value: string) {
    this.#writeDown().accessPatternHash = value;
  }

  /** The first tool names validated against this binding (at most 10 are kept; the live array). */
  get toolUsageSequence(): string[] {
    return (this.#toolUsageSequence ??= []);
  }

  set toolUsageSequence(value: string[]) {
    this.#toolUsageSequence = value;
  }

  /** Security flags raised on this session (no duplicates; the live array). See {@link ClientBinding.addSecurityFlag}. */
  get securityFlags(): string[] {
    return (this.#securityFlags ??= []);
  }

  set securityFlags(value: string[]) {
    this.#securityFlags = value;
  }

  /** ISO timestamp of the last successful validation (the creation time until then); set it from an ISO string (kept verbatim) or epoch ms. */
  get lastValidated(): string {
    return this.#lastValidatedText ?? formatTimestamp(this.#lastValidatedMs);
  }

  set lastValidated(value: string | number) {
    this.#lastValidatedMs = stampMs(value);
    this.#lastValidatedText = typeof value === 'string' ? value : undefined;
  }

  /** `lastValidated` in epoch milliseconds. */
  get lastValidatedMs(): number {
    return this.#lastValidatedMs;
  }

  /** The text `binding_signature` covers. */
  get signedMessage(): string {
    return bindingMessage(this.sessionEntropy, this.creationTimestamp);
  }

  /** Computes and keeps the texts (before a signed field changes); returns them. */
  #writeDown(): BindingText {
    if (this.#text !== undefined) return this.#text;
    this.#text = {
      sessionEntropy: this.sessionEntropy,
      creationTimestamp: this.creationTimestamp,
      bindingSignature: this.bindingSignature,
      identitySignature: this.identitySignature,
      accessPatternHash: this.accessPatternHash,
    };
    this.#keyRing = undefined;
    this.#sessionId = undefined;
    return this.#text;
  }

  /** An independent copy (its arrays copied too), signing as this one does. */
  clone(): ClientBinding {
    ClientBinding.#blank = true;
    const copy = new ClientBinding(undefined as unknown as ClientBindingInit);
    copy.copyFrom(this);
    return copy;
  }

  /** Takes every field of `other` (used to roll back in place, so references to this binding stay valid). */
  copyFrom(other: ClientBinding): void {
    this.#text = other.#text === undefined ? undefined : { ...other.#text };
    this.#creationMs = other.#creationMs;
    this.signatureScheme = other.signatureScheme;
    this.#principal = other.#principal;
    this.#keyRing = other.#keyRing;
    this.#sessionId = other.#sessionId;
    this.#toolUsageSequence = other.#toolUsageSequence === undefined ? undefined : [...other.#toolUsageSequence];
    this.validationFailures = other.validationFailures;
    this.#lastValidatedMs = other.#lastValidatedMs;
    this.#lastValidatedText = other.#lastValidatedText;
    this.#securityFlags = other.#securityFlags === undefined ? undefined : [...other.#securityFlags];
  }

  /** What `getSessionInfo()` shows of the binding: counts and state, never the signatures. */
  summary(): ClientBindingSummary {
    return {
      validation_failures: this.validationFailures,
      last_validated: this.lastValidated,
      security_flags_count: this.#securityFlags?.length ?? 0,
      is_suspicious: this.isSuspicious(),
      tool_usage_count: this.#toolUsageSequence?.length ?? 0,
    };
  }

  /**
   * Adds a flag once (no duplicates). Sessions raise `binding_validation_failed`,
   * `session_flagged_suspicious` and `operation_error_validate_security`
   * themselves; more than 5 flags, or `multiple_failed_validations`, make the session suspicious.
   * @param flag - The flag's name.
   */
  addSecurityFlag(flag: string): void {
    const flags = this.securityFlags;
    if (!flags.includes(flag)) flags.push(flag);
  }

  /**
   * Whether the session is refused until an operator calls `clearSecurityFlags()`:
   * more than 3 failures, more than 5 flags, or the flag `multiple_failed_validations`
   * (the old system's thresholds).
   */
  isSuspicious(): boolean {
    const flags = this.#securityFlags;
    return this.validationFailures > 3 || (flags !== undefined && (flags.length > 5 || flags.includes('multiple_failed_validations')));
  }

  /**
   * The binding as a {@link ClientBindingJSON} document (a copy). `signature_scheme`
   * is written for `hmac-sha256` only, `identity_signature` and `principal` only when set.
   */
  toJSON(): ClientBindingJSON {
    // Key order as the reference writes it; sessionkit's own keys after the signature.
    const json = {
      session_entropy: this.sessionEntropy,
      creation_timestamp: this.creationTimestamp,
      binding_signature: this.bindingSignature,
    } as ClientBindingJSON;
    if (this.signatureScheme === 'hmac-sha256') json.signature_scheme = 'hmac-sha256';
    const identity = this.identitySignature;
    if (identity !== null) json.identity_signature = identity;
    if (this.#principal !== null) json.principal = this.#principal;
    json.access_pattern_hash = this.accessPatternHash;
    json.tool_usage_sequence = this.#toolUsageSequence === undefined ? [] : [...this.#toolUsageSequence];
    json.validation_failures = this.validationFailures;
    json.last_validated = this.lastValidated;
    json.security_flags = this.#securityFlags === undefined ? [] : [...this.#securityFlags];
    return json;
  }

  /**
   * Builds a binding from a {@link ClientBindingJSON} document. A missing
   * `signature_scheme` means the old system's `pbkdf2-sha256`; missing
   * optional keys take their empty defaults (`last_validated`: the creation
   * timestamp). Unknown keys are ignored.
   * @param data - The document (unknown: it is validated).
   * @throws {@link SessionValidationError} naming the first bad field.
   */
  static fromJSON(data: unknown): ClientBinding {
    return clientBindingFromValid(parseOrThrow(clientBindingJsonSchema, data, 'client binding'));
  }
}

/** Builds a binding from JSON that `clientBindingJsonSchema` already accepted. */
export function clientBindingFromValid(valid: z.output<typeof clientBindingJsonSchema>): ClientBinding {
  return ClientBinding[kTrusted]({
    sessionEntropy: valid.session_entropy,
    creationTimestamp: valid.creation_timestamp,
    bindingSignature: valid.binding_signature,
    // The old system wrote no scheme: its signatures are PBKDF2.
    signatureScheme: valid.signature_scheme ?? 'pbkdf2-sha256',
    identitySignature: valid.identity_signature ?? null,
    principal: valid.principal ?? null,
    accessPatternHash: valid.access_pattern_hash,
    toolUsageSequence: valid.tool_usage_sequence,
    validationFailures: valid.validation_failures,
    lastValidated: valid.last_validated,
    securityFlags: valid.security_flags,
  });
}
