/**
 * `validateSecurity` and `clearSecurityFlags` on a session's state: the
 * suspicion rule, the counting of failures, the re-signing of old or rotated
 * signatures. Whether a signature is genuine is `binding-signature.ts`'s call.
 */
import { type BindingVerdict, resign, verifyBinding } from './binding-signature.js';
import { SessionSecurityError } from './errors.js';
import { isPromiseLike } from './internal.js';
import type { SessionContext } from './session-context.js';
import { recordEvent } from './session-events.js';
import type { ClientBinding } from './types/client-binding.js';
import type { SessionState } from './types/session-state.js';

/** Tool names a binding keeps (the first ones validated). */
const MAX_TOOL_USAGE = 10;

/**
 * Resolves (or returns) `true`, or throws SessionSecurityError: a suspicious
 * session is refused outright; an invalid binding counts a failure.
 */
export function validateBinding(state: SessionState, context: SessionContext, tool: string | undefined, now: number): true | Promise<true> {
  const binding = state.clientBinding;
  if (binding === null) return true;
  if (binding.isSuspicious()) {
    throw new SessionSecurityError(`Session ${state.sessionId} is flagged as suspicious and is refused until an operator calls clearSecurityFlags()`);
  }
  const verdict = verifyBinding(context.keyRing, state, binding);
  if (!isPromiseLike(verdict)) return conclude(state, context, binding, verdict, tool, now);
  return verdict.then((settled) => conclude(state, context, binding, settled, tool, context.now()));
}

function conclude(state: SessionState, context: SessionContext, binding: ClientBinding, verdict: BindingVerdict, tool: string | undefined, now: number): true {
  if (!verdict.ok) {
    binding.validationFailures++;
    recordEvent(state, 'binding_validation_failed', { tool_name: tool ?? null, validation_failures: binding.validationFailures, reason: verdict.reason }, now);
    if (binding.isSuspicious()) {
      recordEvent(state, 'session_flagged_suspicious', { reason: 'excessive_failures' }, now);
      throw new SessionSecurityError(`Session ${state.sessionId} flagged as suspicious due to excessive validation failures`);
    }
    throw new SessionSecurityError(`Client binding validation failed for session ${state.sessionId}`);
  }
  if (verdict.upgrade !== null) {
    resign(context.keyRing, state, binding);
    recordEvent(state, 'binding_upgraded', { reason: verdict.upgrade, signature_scheme: 'hmac-sha256' }, now);
  }
  binding.lastValidated = now;
  if (tool !== undefined && binding.toolUsageSequence.length < MAX_TOOL_USAGE) binding.toolUsageSequence.push(tool);
  return true;
}

/** Operator action: resets the failure count and flags, recorded as a `security_flags_cleared` event. */
export function clearFlags(state: SessionState, now: number): void {
  const binding = state.clientBinding;
  const cleared = binding === null ? [] : binding.securityFlags;
  if (binding !== null) {
    binding.validationFailures = 0;
    binding.securityFlags = [];
  }
  recordEvent(state, 'security_flags_cleared', { cleared_flags: [...cleared] }, now);
}
