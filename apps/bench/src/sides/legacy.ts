/**
 * The old system's way of doing things, as its handlers did them: a session
 * object, a separate `SessionSecurity` that signs the binding, the manager
 * holding the session, and the global lock manager for anything locked.
 */
import { SECRET_KEY, TOPIC } from '../fixtures.js';
import type { LegacyModule } from '../systems.js';

type Legacy = LegacyModule;
export type LegacySession = InstanceType<Legacy['ContextSwitcherSession']>;
export type LegacySecurity = InstanceType<Legacy['SessionSecurity']>;
export type LegacyManager = InstanceType<Legacy['SessionManager']>;

export function legacyManager(legacy: Legacy, maxSessions: number): LegacyManager {
  return new legacy.SessionManager({ maxSessions, sessionTtlHours: 1 });
}

export interface LegacySessionParts {
  session: LegacySession;
  security: LegacySecurity;
}

/** `SessionHandler.createSession`'s path: session + signed binding + pool entry. */
export async function createLegacySession(
  legacy: Legacy,
  manager: LegacyManager,
  sessionId: string,
  createdAt: Date = new Date(),
): Promise<LegacySessionParts> {
  const session = new legacy.ContextSwitcherSession(sessionId, createdAt, { topic: TOPIC });
  const security = new legacy.SessionSecurity(sessionId);
  session.clientBinding = security.createClientBinding(SECRET_KEY);
  if (!(await manager.addSession(session))) {
    throw new Error(`legacy SessionManager refused session ${sessionId}: the pool is full`);
  }
  return { session, security };
}

/**
 * Set-up only, for 100k-session pools: a session whose binding has the real
 * shape (unique strings of the real lengths) but no signature computation,
 * added through the real `addSession`. Lookups and sweeps never read the
 * signature, and a KDF per session would make set-up dominate the run.
 */
export async function addLegacyPoolSession(legacy: Legacy, manager: LegacyManager, sessionId: string, createdAt: Date = new Date()): Promise<LegacySession> {
  const clientBinding = new legacy.ClientBinding({
    sessionEntropy: sessionId.padEnd(43, 'e'),
    creationTimestamp: createdAt,
    bindingSignature: sessionId.padEnd(64, '0'),
    accessPatternHash: sessionId.padEnd(64, 'a'),
  });
  const session = new legacy.ContextSwitcherSession(sessionId, createdAt, { topic: TOPIC, clientBinding });
  if (!(await manager.addSession(session))) {
    throw new Error(`legacy SessionManager refused session ${sessionId}: the pool is full`);
  }
  return session;
}

/**
 * Sets the PBKDF2 iteration count the old bindings use (600,000 by default;
 * 1 for the crypto-equalised workloads) and returns how to put it back.
 */
export function useLegacyIterations(legacy: Legacy, iterations: number): () => void {
  const previous = legacy.getConfig().pbkdf2Iterations;
  legacy.setConfig({ pbkdf2Iterations: iterations });
  return () => {
    legacy.setConfig({ pbkdf2Iterations: previous });
  };
}
