import { type Session, SessionSecurityError } from '../session';
import { SimpleSessionManager } from '../session_manager';

export const manager = new SimpleSessionManager({ cleanupIntervalSeconds: 60 });

export function label(session: Session): string {
  return `${session.sessionId}: ${session.topic ?? 'untitled'}`;
}

export const isSecurity = (error: unknown): boolean => error instanceof SessionSecurityError;
