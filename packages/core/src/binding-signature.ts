/**
 * The one place that decides whether a client binding is genuine.
 *
 * A binding carries two signatures made with the manager's key ring:
 * - `binding_signature` over `${entropy}:${creation_timestamp}`, as the
 *   old Python service wrote it (HMAC-SHA256, or the old system's
 *   600,000-iteration PBKDF2), so state moves between the systems unchanged;
 * - `identity_signature` over the session id, its creation time, the entropy
 *   and the principal: whatever would extend a session's life or hand it to
 *   someone else. Editing any of them in a stored or exported state makes the
 *   next `validateSecurity()` fail.
 *
 * Bindings made before `identity_signature` existed are accepted when nothing
 * they cannot vouch for looks changed (no principal; the session not created
 * after its binding), then re-signed with both signatures.
 */
import { identityMessage } from './binding-messages.js';
import { kPendingSigner, kSignedBy } from './internal.js';
import type { KeyMatch, KeyRing } from './keyring.js';
import { parseTimestamp } from './timestamps.js';
import { ClientBinding } from './types/client-binding.js';
import type { SessionState } from './types/session-state.js';

/** A binding is made as its session is: a session created later than its binding was edited. */
const CREATION_SKEW_MS = 1_000;

/**
 * A fresh binding for a new session, signed with the ring's current key.
 * Its signatures are computed when first read (see ClientBinding): until
 * then they exist only as the key ring and the fields they cover.
 */
export function newBinding(keyRing: KeyRing, sessionId: string, nowMs: number, principal: string | null): ClientBinding {
  return ClientBinding[kSignedBy](keyRing, sessionId, nowMs, principal);
}

/** Why a check passed with a re-signing to do, or why it failed. */
export type BindingVerdict =
  | { ok: true; upgrade: null | 'key_rotation' | 'legacy_signature' | 'identity_signature' }
  | { ok: false; reason: 'signature' | 'identity' | 'created_at' | 'principal' };

const VALID: BindingVerdict = { ok: true, upgrade: null };

/**
 * Checks `binding` against the state it sits in. Synchronous for HMAC
 * signatures; a PBKDF2 signature (the old system's) is checked
 * asynchronously, so ~125 ms per key never stalls the process.
 */
export function verifyBinding(keyRing: KeyRing, state: SessionState, binding: ClientBinding): BindingVerdict | Promise<BindingVerdict> {
  // Signed on demand by this very ring, and never written down since: nobody
  // outside this process has seen (or could have edited) what it covers.
  if (ClientBinding[kPendingSigner](binding, state.sessionId) === keyRing) return VALID;
  if (binding.signatureScheme === 'hmac-sha256') {
    return conclude(keyRing, state, binding, keyRing.verifyHmac(binding.signedMessage, binding.bindingSignature), false);
  }
  return keyRing.verifyLegacyPbkdf2(binding.signedMessage, binding.bindingSignature).then((match) => conclude(keyRing, state, binding, match, true));
}

function conclude(keyRing: KeyRing, state: SessionState, binding: ClientBinding, match: KeyMatch, legacy: boolean): BindingVerdict {
  if (match === null) return { ok: false, reason: 'signature' };
  if (binding.identitySignature === null) {
    // Made before identity signatures: only what its own signature covers can be vouched for.
    if (binding.principal !== null) return { ok: false, reason: 'principal' };
    if (!(state.createdAtMs <= parseTimestamp(binding.creationTimestamp) + CREATION_SKEW_MS)) return { ok: false, reason: 'created_at' };
    return { ok: true, upgrade: legacy ? 'legacy_signature' : 'identity_signature' };
  }
  const message = identityMessage(state.sessionId, state.createdAt, binding.sessionEntropy, binding.principal);
  const identity = keyRing.verifyHmac(message, binding.identitySignature);
  if (identity === null) return { ok: false, reason: 'identity' };
  if (legacy) return { ok: true, upgrade: 'legacy_signature' };
  return match === 'previous' || identity === 'previous' ? { ok: true, upgrade: 'key_rotation' } : VALID;
}

/** Re-signs both signatures with the ring's current key (after a check that passed). */
export function resign(keyRing: KeyRing, state: SessionState, binding: ClientBinding): void {
  binding.bindingSignature = keyRing.sign(binding.signedMessage);
  binding.signatureScheme = 'hmac-sha256';
  binding.identitySignature = keyRing.sign(identityMessage(state.sessionId, state.createdAt, binding.sessionEntropy, binding.principal));
}
