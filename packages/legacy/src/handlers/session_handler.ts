/**
 * Session creation and access checks of the legacy application
 * (handlers/session_handler.py), written against the old modules: a session
 * record in the manager, its data in the registry, a security object for the
 * binding, the global lock manager for access counting.
 */
import { randomBytes } from 'node:crypto';
import { getConfig } from '../config';
import { SecurityError, SessionError } from '../exceptions';
import { ContextSwitcherSession, ModelBackend } from '../models';
import { SessionData, registerSessionData } from '../session_data';
import { SessionManager } from '../session_manager';
import { SessionSecurity } from '../session_security';
import { createSessionThreads, determinePerspectivesToUse } from '../helpers/session_helpers';

export interface SessionHandlerOptions {
  maxSessions?: number | undefined;
  sessionTtlHours?: number | undefined;
  cleanupIntervalMinutes?: number | undefined;
  /** Signs client bindings; default `CONTEXT_SWITCHER_SECRET_KEY`, else a random key per process. */
  secretKey?: string | undefined;
}

let manager: SessionManager | null = null;
let secretKey: string | null = null;

function bindingSecretKey(): string {
  secretKey ??= process.env['CONTEXT_SWITCHER_SECRET_KEY'] || randomBytes(32).toString('hex');
  return secretKey;
}

/** Replaces the application's session manager (stopping the old one's cleanup) and starts its cleanup task. */
export async function initializeSessionHandler(options: SessionHandlerOptions = {}): Promise<SessionManager> {
  await shutdownSessionHandler();
  const config = getConfig();
  const maxSessions = options.maxSessions ?? config.maxActiveSessions;
  const sessionTtlHours = options.sessionTtlHours ?? config.defaultTtlHours;
  const cleanupIntervalMinutes = options.cleanupIntervalMinutes ?? config.cleanupIntervalSeconds / 60;
  const sessionManager = new SessionManager({ maxSessions, sessionTtlHours, cleanupIntervalMinutes });
  await sessionManager.startCleanupTask();
  manager = sessionManager;
  secretKey = options.secretKey ?? null;
  return sessionManager;
}

/** The application's session manager, created with the defaults on first use. */
export function getAppSessionManager(): SessionManager {
  manager ??= new SessionManager();
  return manager;
}

/** Stops the cleanup task and removes every session of the current manager. */
export async function shutdownSessionHandler(): Promise<void> {
  const current = manager;
  if (current === null) return;
  manager = null;
  await current.stopCleanupTask();
  for (const sessionId of Object.keys(await current.listActiveSessions())) {
    await current.removeSession(sessionId);
  }
}

/** 256 random bits, URL-safe (`secrets.token_urlsafe(32)`). */
export function generateSecureSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export interface CreatedSession {
  session: ContextSwitcherSession;
  sessionData: SessionData;
}

export class SessionHandler {
  /**
   * Creates a bound session with a thread per perspective and stores it.
   * Throws `SessionError` when the manager is at capacity.
   */
  static async createSession(
    topic: string,
    initialPerspectives: readonly string[] | null = null,
    modelBackend: ModelBackend = ModelBackend.BEDROCK,
    modelName: string | null = null,
  ): Promise<CreatedSession> {
    const sessionManager = getAppSessionManager();
    const sessionId = generateSecureSessionId();

    const session = new ContextSwitcherSession(sessionId, new Date(), { topic });
    const security = new SessionSecurity(sessionId);
    session.clientBinding = security.createClientBinding(bindingSecretKey());
    const added = await sessionManager.addSession(session);
    if (!added) {
      throw new SessionError(`Session limit reached (${sessionManager.maxSessions} active sessions); retry once older sessions expire`, {
        maxSessions: sessionManager.maxSessions,
      });
    }

    const sessionData = new SessionData(sessionId, session.createdAt, topic);
    const perspectivesToUse = determinePerspectivesToUse(initialPerspectives);
    createSessionThreads(sessionData, perspectivesToUse, modelBackend, modelName, sessionId);
    registerSessionData(sessionData);
    return { session, sessionData };
  }
}

/**
 * The live session for a tool call, or null when unknown or expired. Checks
 * the client binding (a `SecurityError` when it does not validate) and
 * records the access.
 */
export async function getValidatedSession(sessionId: string, toolName: string): Promise<ContextSwitcherSession | null> {
  const sessionManager = getAppSessionManager();
  const session = await sessionManager.getSession(sessionId);
  if (!(session && !sessionManager._isExpired(session))) return null;

  // A throwaway security object over the session's binding: failures count
  // on the shared binding, but its event list is dropped with it (a quirk of
  // keeping each concern in its own object).
  const security = new SessionSecurity(sessionId, session.clientBinding);
  if (!security.validateBinding(bindingSecretKey())) {
    throw new SecurityError(`Client binding validation failed for session '${sessionId}' in ${toolName}`, {
      sessionId,
      toolName,
    });
  }
  await session.recordAccess(toolName);
  return session;
}
