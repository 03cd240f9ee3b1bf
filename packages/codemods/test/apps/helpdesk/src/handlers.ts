/**
 * Ticket sessions: open, look up (with the binding check every tool call
 * needs), close, list.
 */
import { randomUUID } from 'node:crypto';
import {
  ContextSwitcherSession,
  SecurityError,
  SessionData,
  SessionError,
  SessionSecurity,
  Thread,
  getSessionData,
  registerSessionData,
} from '@sessionkit/legacy';
import { bindingSecret, desk } from './bootstrap';
import { DEFAULT_BACKEND, describeTicket, formatStats } from './formatting.cjs';

export interface OpenedTicket {
  sessionId: string;
  topic: string | null;
  perspectives: string[];
}

export async function openTicket(topic: string, perspectives: readonly string[] = ['support', 'engineering']): Promise<OpenedTicket> {
  const sessionId = randomUUID();
  const session = new ContextSwitcherSession(sessionId, new Date(), { topic });
  const security = new SessionSecurity(sessionId);
  session.clientBinding = security.createClientBinding(bindingSecret());
  if (!(await desk().addSession(session))) {
    throw new SessionError('The help desk is at capacity; try again in a few minutes', { topic });
  }

  const data = new SessionData(sessionId, session.createdAt, topic);
  for (const name of perspectives) {
    data.addThread(
      new Thread({ id: `${sessionId}:${name}`, name, systemPrompt: `Answer as the ${name} team would.`, modelBackend: DEFAULT_BACKEND, modelName: 'llama3' }),
    );
  }
  registerSessionData(data);
  return { sessionId, topic: session.topic, perspectives: data.getThreadNames() };
}

/** The ticket's session for a tool call; null when it is gone. */
export async function ticketSession(sessionId: string, tool: string): Promise<ContextSwitcherSession | null> {
  const session = await desk().getSession(sessionId);
  if (!session) return null;
  const security = new SessionSecurity(sessionId, session.clientBinding);
  if (!security.validateBinding(bindingSecret())) {
    throw new SecurityError(`Session ${sessionId} failed its binding check in ${tool}`, { sessionId, tool });
  }
  await session.recordAccess(tool);
  return session;
}

export async function showTicket(sessionId: string) {
  const session = await ticketSession(sessionId, 'show_ticket');
  if (!session) return { found: false as const, sessionId };
  return { found: true as const, ...describeTicket(session, getSessionData(sessionId)) };
}

export async function closeTicket(sessionId: string): Promise<boolean> {
  return desk().removeSession(sessionId);
}

export async function deskStatus() {
  const manager = desk();
  const open = await manager.listActiveSessions();
  return { tickets: Object.keys(open).length, ...formatStats(await manager.getStats()) };
}
