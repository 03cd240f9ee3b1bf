/**
 * The floor: the same data in plain objects and a bare `Map`, with no lock,
 * no validation, no crypto and no bookkeeping. Nothing can be faster and still
 * keep the data, so core/floor says how much of core's time is its own.
 */
import { SYSTEM_PROMPT, TOPIC } from '../fixtures.js';

export interface FloorThread {
  id: string;
  name: string;
  systemPrompt: string;
  modelBackend: string;
  conversationHistory: unknown[];
}

export interface FloorSession {
  id: string;
  createdAt: number;
  topic: string;
  /** A binding's fields, with filler where the real systems compute entropy and signatures. */
  binding: { entropy: string; createdAt: number; signature: string };
  threads: Map<string, FloorThread>;
  analyses: unknown[];
  version: number;
  accessCount: number;
}

export function floorSession(id: string, createdAt: number = Date.now()): FloorSession {
  return {
    id,
    createdAt,
    topic: TOPIC,
    // Per-session strings of a real binding's length (43-char entropy, 64-hex signature),
    // so the floor's memory figure holds what a session must hold.
    binding: { entropy: id.padEnd(43, 'e'), createdAt, signature: id.padEnd(64, '0') },
    threads: new Map(),
    analyses: [],
    version: 0,
    accessCount: 0,
  };
}

export function floorThread(sessionId: string, name: string): FloorThread {
  return { id: `${sessionId}_${name}`, name, systemPrompt: SYSTEM_PROMPT, modelBackend: 'bedrock', conversationHistory: [] };
}

/**
 * The least an idle session with a binding must hold (id, creation time,
 * topic, entropy, signature), for the memory floor: no containers that a
 * session would only need once it has threads or analyses.
 */
export interface FloorRecord {
  id: string;
  createdAt: number;
  topic: string;
  entropy: string;
  signature: string;
}

export function floorRecord(id: string, createdAt: number = Date.now()): FloorRecord {
  return { id, createdAt, topic: TOPIC, entropy: id.padEnd(43, 'e'), signature: id.padEnd(64, '0') };
}
