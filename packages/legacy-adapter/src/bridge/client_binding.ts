/**
 * The old `ClientBinding` (Date fields, a signature checked with a secret
 * passed per call) as a view of a core `ClientBinding`: the object a core
 * session holds in its state, so what the old API changes (validation
 * failures, flags, tool usage) is what core sees, and the other way round.
 */
import { ClientBinding as CoreClientBinding, Session, SessionError, type SignatureScheme } from '@sessionkit/core';
import { readLiveState } from '@sessionkit/core/interop';
import { describeValue } from '../internal/describe_value.js';
import { epochOf, isoformat, toDate } from '../internal/time.js';
import { adapterClock } from '../internal/clock.js';
import { configLogger } from '../internal/logger.js';
import { sign, verify } from '../internal/signatures.js';
import type { SessionHandle } from '../internal/session_handle.js';

/** The fields of `new ClientBinding({ ... })`, as the old model took them. */
export interface ClientBindingInit {
  /** Random text the signature covers (a nonce, not a secret). */
  sessionEntropy: string;
  /** When the binding was made; the signature covers its text (Python `isoformat()` under the old scheme). */
  creationTimestamp: Date;
  /** Hex signature over `${sessionEntropy}:${creationTimestamp}`, made with the secret key under `signatureScheme`. */
  bindingSignature: string;
  /** The client's access pattern hash: stored and exported, not signed. */
  accessPatternHash: string;
  /** Tools the client used, oldest first (default none; the old API records the first 10). */
  toolUsageSequence?: string[] | undefined;
  /** Failed validations so far (default 0); more than 3 make the binding suspicious. */
  validationFailures?: number | undefined;
  /** Last successful validation (default: now). */
  lastValidated?: Date | undefined;
  /** Flags raised so far (default none); see {@link ClientBinding.isSuspicious}. */
  securityFlags?: string[] | undefined;
  /**
   * Default `pbkdf2-sha256`: a binding built field by field is one the old
   * system made (or code written for it), signed with the old scheme.
   */
  signatureScheme?: SignatureScheme | undefined;
}

const views = new WeakMap<CoreClientBinding, ClientBinding>();
const cores = new WeakMap<ClientBinding, CoreClientBinding>();
let wrapping: CoreClientBinding | undefined;

/**
 * The old model's client binding, as a view of the core `ClientBinding` a
 * session holds: reading or assigning a field reads or changes the core
 * binding itself. Built with `new ClientBinding({ ... })` it is a new core
 * binding with the old PBKDF2 scheme; `SessionSecurity#createClientBinding`
 * hands out views of core HMAC-SHA256 bindings instead.
 */
export class ClientBinding {
  readonly #core: CoreClientBinding;

  /**
   * A new core binding from the old fields (nothing is signed or checked
   * against a key here).
   * @param init - The binding's fields; `signatureScheme` defaults to the old `pbkdf2-sha256`.
   * @throws `SessionError` for a missing init object or an invalid `Date`, naming the
   *   field; core's `SessionValidationError` (a `SessionError`) for another bad field.
   */
  constructor(init: ClientBindingInit) {
    const core = wrapping;
    wrapping = undefined;
    this.#core = core ?? newCoreBinding(init);
    views.set(this.#core, this);
    cores.set(this, this.#core);
  }

  /** Random text the signature covers (a nonce, not a secret). */
  get sessionEntropy(): string {
    return this.#core.sessionEntropy;
  }

  /** Replaces the entropy on the core binding; the stored signature no longer matches until it is re-signed. */
  set sessionEntropy(value: string) {
    this.#core.sessionEntropy = value;
  }

  /** When the binding was made. */
  get creationTimestamp(): Date {
    return toDate(this.#core.creationTimestamp);
  }

  /** The signature covers this timestamp's text, written as the binding's scheme expects. */
  set creationTimestamp(value: Date) {
    this.#core.creationTimestamp = timestampText(this.#core.signatureScheme, epochOf(value, 'creationTimestamp'));
  }

  /** The stored hex signature, checked by `validateBinding`. */
  get bindingSignature(): string {
    return this.#core.bindingSignature;
  }

  /** Replaces the stored signature, e.g. `binding.bindingSignature = binding.generateBindingSignature(secret)` to re-sign. */
  set bindingSignature(value: string) {
    this.#core.bindingSignature = value;
  }

  /** `hmac-sha256` (core's, from `createClientBinding`) or `pbkdf2-sha256` (the old scheme). */
  get signatureScheme(): SignatureScheme {
    return this.#core.signatureScheme;
  }

  /** The client's access pattern hash (not signed). */
  get accessPatternHash(): string {
    return this.#core.accessPatternHash;
  }

  /** Replaces the access pattern hash; the signature does not cover it. */
  set accessPatternHash(value: string) {
    this.#core.accessPatternHash = value;
  }

  /** The tools recorded against the binding, oldest first: the core binding's live array (`recordAccess` and `updateToolUsagePattern` add the first 10). */
  get toolUsageSequence(): string[] {
    return this.#core.toolUsageSequence;
  }

  /** Replaces the recorded tool names on the core binding. */
  set toolUsageSequence(value: string[]) {
    this.#core.toolUsageSequence = value;
  }

  /** Failed checks counted by `SessionSecurity#validateBinding` (and core's `validateSecurity`); more than 3 make the binding suspicious. */
  get validationFailures(): number {
    return this.#core.validationFailures;
  }

  /** Sets the failure count on the core binding (0 clears that cause of suspicion). */
  set validationFailures(value: number) {
    this.#core.validationFailures = value;
  }

  /** When the binding last passed `SessionSecurity#validateBinding` or core's check (until then, when it was made). */
  get lastValidated(): Date {
    return new Date(this.#core.lastValidatedMs);
  }

  /** Sets the last validation time on the core binding (SessionError for an invalid `Date`). */
  set lastValidated(value: Date) {
    this.#core.lastValidated = epochOf(value, 'lastValidated');
  }

  /** The flags raised on the binding, no duplicates: the core binding's live array (every security event recorded through the old API adds its type). */
  get securityFlags(): string[] {
    return this.#core.securityFlags;
  }

  /** Replaces the flags on the core binding (an empty list clears that cause of suspicion). */
  set securityFlags(value: string[]) {
    this.#core.securityFlags = value;
  }

  /** The signature `secretKey` gives this binding under its scheme (SecurityError for a missing key). */
  generateBindingSignature(secretKey: string): string {
    return sign(this.#core.signatureScheme, this.#core.signedMessage, secretKey);
  }

  /** Whether the stored signature is `secretKey`'s; changes nothing, counts nothing. */
  validateBinding(secretKey: string): boolean {
    return verify(this.#core.signatureScheme, this.#core.signedMessage, this.#core.bindingSignature, secretKey);
  }

  /**
   * Raises a flag on the core binding, once (no duplicates). More than 5
   * flags, or `multiple_failed_validations`, make the binding suspicious.
   * @param flag - The flag's name.
   */
  addSecurityFlag(flag: string): void {
    this.#core.addSecurityFlag(flag);
  }

  /**
   * Core's rule, the old thresholds: more than 3 validation failures, more
   * than 5 flags, or the flag `multiple_failed_validations`.
   */
  isSuspicious(): boolean {
    return this.#core.isSuspicious();
  }

  /** The binding in core's JSON shape (`client_binding` of an exported state). */
  toJSON(): ReturnType<CoreClientBinding['toJSON']> {
    return this.#core.toJSON();
  }
}

/** The old-API view of a core binding (one per binding, so identity holds across calls). */
export function bindingView(core: CoreClientBinding): ClientBinding {
  const existing = views.get(core);
  if (existing !== undefined) return existing;
  wrapping = core;
  return new ClientBinding(undefined as never);
}

/**
 * The core binding to store for a binding old code hands in: the adapter's
 * own view's, or a new core binding (old scheme) copied from a
 * binding-shaped object, such as one made by the old system itself.
 */
export function toCoreBinding(value: unknown): CoreClientBinding {
  const core = value instanceof ClientBinding ? cores.get(value) : undefined;
  if (core !== undefined) return core;
  if (typeof value !== 'object' || value === null) {
    throw new SessionError(`Expected a ClientBinding, got ${describeValue(value)}`);
  }
  return newCoreBinding(value as ClientBindingInit);
}

/**
 * A new binding signed with core's scheme (HMAC-SHA256 over entropy and
 * creation time, keyed by `secretKey`). Core makes it, exactly as for its
 * own sessions: it is the binding of a throwaway core session keyed with
 * `secretKey`, which nothing else holds.
 */
export function createHmacBinding(secretKey: string, sessionId: string, accessPatternHash?: string): CoreClientBinding {
  const maker = new Session(sessionId, { secretKey, clock: adapterClock, logger: configLogger });
  const binding = readLiveState(maker, (state) => state.clientBinding);
  if (binding === null) throw new SessionError(`Core made session ${sessionId} without a client binding`);
  if (accessPatternHash) binding.accessPatternHash = accessPatternHash; // not signed: the old API let callers choose it
  return binding;
}

function newCoreBinding(init: ClientBindingInit): CoreClientBinding {
  if (typeof init !== 'object' || init === null) {
    throw new SessionError(`ClientBinding expects an init object, got ${describeValue(init)}`);
  }
  const scheme = init.signatureScheme ?? 'pbkdf2-sha256';
  const created = epochOf(init.creationTimestamp, 'creationTimestamp');
  return new CoreClientBinding({
    sessionEntropy: init.sessionEntropy,
    creationTimestamp: timestampText(scheme, created),
    bindingSignature: init.bindingSignature,
    signatureScheme: scheme,
    accessPatternHash: init.accessPatternHash,
    toolUsageSequence: init.toolUsageSequence,
    validationFailures: init.validationFailures,
    lastValidated: init.lastValidated === undefined ? adapterClock.now() : epochOf(init.lastValidated, 'lastValidated'),
    securityFlags: init.securityFlags,
  });
}

/** Old-scheme signatures cover Python `isoformat()` text; core's cover JS ISO text. */
function timestampText(scheme: SignatureScheme, epochMs: number): string {
  return scheme === 'pbkdf2-sha256' ? isoformat(new Date(epochMs)) : new Date(epochMs).toISOString();
}

/** Which session holds a core binding in its state, as far as the adapter put it there. */
const owners = new WeakMap<CoreClientBinding, SessionHandle>();

/** Stores `binding` (or none) as the session's client binding. Security metadata: no version bump. */
export function attachBinding(handle: SessionHandle, binding: CoreClientBinding | null): void {
  handle.write(
    'clientBinding assignment',
    (state) => {
      state.clientBinding = binding;
    },
    () => false,
  );
  if (binding !== null) owners.set(binding, handle);
}

/** The session whose state holds this binding, if the adapter attached it there. */
export function bindingOwner(binding: CoreClientBinding): SessionHandle | undefined {
  const owner = owners.get(binding);
  return owner !== undefined && owner.read((state) => state.clientBinding) === binding ? owner : undefined;
}
