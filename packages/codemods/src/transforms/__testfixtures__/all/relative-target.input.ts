import { SessionManager } from '../session_manager';
import type { ContextSwitcherSession } from '../models.js';
import { SecurityError } from '../exceptions';

export const manager = new SessionManager({ cleanupIntervalMinutes: 1 });

export function label(session: ContextSwitcherSession): string {
  return `${session.sessionId}: ${session.topic ?? 'untitled'}`;
}

export const isSecurity = (error: unknown): boolean => error instanceof SecurityError;
