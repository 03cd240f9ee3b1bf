/**
 * The floor: the same data in plain objects and a bare `Map`, with no lock
 * and no bookkeeping, and a binding signed with one HMAC-SHA256. Nothing can
 * do less and still keep the data (and, where a row signs or verifies a
 * binding, do the crypto), so core/floor says how much of core's time is its own.
 */
import { SYSTEM_PROMPT, TOPIC } from '../fixtures.js';
import { newBinding, type Binding } from './binding.js';

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
  /** A signed binding: random entropy and an HMAC-SHA256 (see binding.ts). */
  binding: Binding;
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
    binding: newBinding(id, createdAt),
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
