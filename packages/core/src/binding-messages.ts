/**
 * The texts a client binding's signatures and hash cover. Every part is free
 * of newlines: ids, timestamps, entropy and principals are all checked.
 */
import { hash } from 'node:crypto';

/** What `binding_signature` covers (the old Python service's message). */
export function bindingMessage(entropy: string, creationTimestamp: string): string {
  return `${entropy}:${creationTimestamp}`;
}

/** What `identity_signature` covers: whatever would extend a session's life or hand it to someone else. */
export function identityMessage(sessionId: string, createdAt: string, entropy: string, principal: string | null): string {
  return `sessionkit-identity/1\n${sessionId}\n${createdAt}\n${entropy}\n${principal ?? ''}`;
}

/** `access_pattern_hash` as the reference wrote it: hex(SHA-256(`${sessionId}:${creationTimestamp}`)). Not a secret, not signed. */
export function accessPatternHash(sessionId: string, creationTimestamp: string): string {
  return hash('sha256', `${sessionId}:${creationTimestamp}`);
}
