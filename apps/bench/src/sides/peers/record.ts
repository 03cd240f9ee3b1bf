/**
 * The session a peer keeps: the same data core keeps for an idle session
 * (id, creation time, topic, a signed binding) plus what the workloads
 * change (threads, analyses, a version, an access count). Plain data, so the
 * Redis-backed peer can store it as JSON.
 */
import type { Cookie } from 'express-session';
import { TOPIC } from '../../fixtures.js';
import type { PeerModules } from '../../systems.js';
import { newBinding, type Binding } from '../binding.js';

export interface PeerThread {
  id: string;
  name: string;
  systemPrompt: string;
  modelBackend: string;
  conversationHistory: unknown[];
}

export interface PeerAnalysis {
  prompt: string;
  timestamp: number;
  responses: Record<string, string>;
  durationSeconds: number;
}

export interface PeerSession {
  id: string;
  createdAt: number;
  topic: string;
  binding: Binding;
  threads: Record<string, PeerThread>;
  analyses: PeerAnalysis[];
  version: number;
  accessCount: number;
}

/** A new session with a freshly signed binding. */
export function newPeerSession(id: string, createdAt: number): PeerSession {
  return { id, createdAt, topic: TOPIC, binding: newBinding(id, createdAt), threads: {}, analyses: [], version: 0, accessCount: 0 };
}

/** What recording one analysis does to a peer's session (the same record core keeps). */
export function recordPeerAnalysis(session: PeerSession, prompt: string, responses: Readonly<Record<string, string>>, now: number): void {
  session.analyses.push({ prompt, timestamp: now, responses: { ...responses }, durationSeconds: 1.25 });
  session.version++;
}

/** express-session's own `Cookie`, as it makes one per session (its typings omit the options its constructor takes). */
export function sessionCookie(peers: PeerModules, maxAgeMs: number): Cookie {
  const CookieClass = peers.expressSession.Cookie as unknown as new (options: { maxAge: number; httpOnly: boolean; path: string }) => Cookie;
  return new CookieClass({ maxAge: maxAgeMs, httpOnly: true, path: '/' });
}
