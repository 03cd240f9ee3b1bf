import type { z } from 'zod/mini';
import { kNow, kOwner, kReserve, kTrusted, type ThreadOwner } from '../internal.js';
import { checkCount, checkLength, DEFAULT_LIMITS } from '../limits.js';
import { formatTimestamp } from '../timestamps.js';
import { invalidField, parseOrThrow } from '../validation.js';
import { threadInitSchema, threadJsonSchema } from './json-schemas.js';
import type { ModelBackend } from './model-backend.js';

/** One message of a perspective's conversation. */
export interface ConversationMessage {
  role: string;
  content: string;
  /** ISO 8601 timestamp. */
  timestamp: string;
}

/** A thread in the reference JSON shape. */
export interface ThreadJSON {
  id: string;
  name: string;
  system_prompt: string;
  model_backend: ModelBackend;
  model_name: string | null;
  conversation_history: ConversationMessage[];
}

/** What `new Thread(...)` takes. */
export interface ThreadInit {
  id: string;
  /** 1..256 characters, no control characters, not `__proto__`. */
  name: string;
  systemPrompt: string;
  modelBackend: ModelBackend;
  modelName?: string | null | undefined;
  conversationHistory?: readonly ConversationMessage[] | undefined;
}

/**
 * One perspective: its system prompt, its model, and its conversation so far.
 * Once added to a session, its messages are stamped by the session's clock
 * and held to the session's limits.
 */
export class Thread {
  id: string;
  name: string;
  systemPrompt: string;
  modelBackend: ModelBackend;
  modelName: string | null;
  conversationHistory: ConversationMessage[];
  /** The session this thread belongs to (its clock and limits), once added. */
  #owner: ThreadOwner | undefined;

  static #trusted = false;

  /** @throws SessionValidationError naming the first bad field. */
  constructor(init: ThreadInit) {
    const valid = Thread.#trusted ? init : parseOrThrow(threadInitSchema, init, 'thread');
    this.id = valid.id;
    this.name = valid.name;
    this.systemPrompt = valid.systemPrompt;
    this.modelBackend = valid.modelBackend;
    this.modelName = valid.modelName ?? null;
    // A trusted caller hands over a fresh array; anyone else's is copied.
    const history = valid.conversationHistory;
    this.conversationHistory = history === undefined ? [] : Thread.#trusted ? (history as ConversationMessage[]) : [...history];
  }

  /** @internal Links a thread to the session that holds it (or unlinks it, with undefined). */
  static [kOwner](thread: Thread, owner: ThreadOwner | undefined): void {
    thread.#owner = owner;
  }

  /** @internal For values the library produced itself: skips validation. */
  static [kTrusted](init: ThreadInit): Thread {
    Thread.#trusted = true;
    try {
      return new Thread(init);
    } finally {
      Thread.#trusted = false;
    }
  }

  /**
   * Appends a message, stamped with the owning session's clock (the system
   * clock for a thread not in a session).
   * @throws SessionValidationError when `role` or `content` is not a string,
   * or the message or the conversation would exceed the session's limits.
   */
  addMessage(role: string, content: string): void {
    if (typeof role !== 'string' || role.length === 0 || role.length > 64) throw invalidField(['role'], 'expected a string of 1..64 characters', 'message');
    if (typeof content !== 'string') throw invalidField(['content'], 'expected a string', 'message');
    const owner = this.#owner;
    const limits = owner?.limits ?? DEFAULT_LIMITS;
    checkLength(content, limits.maxMessageLength, 'maxMessageLength', ['content']);
    checkCount(this.conversationHistory.length + 1, limits.maxMessagesPerThread, 'maxMessagesPerThread', ['conversationHistory']);
    owner?.[kReserve](role.length + content.length);
    const now = owner === undefined ? Date.now() : owner[kNow]();
    this.conversationHistory.push({ role, content, timestamp: formatTimestamp(now) });
  }

  toJSON(): ThreadJSON {
    return {
      id: this.id,
      name: this.name,
      system_prompt: this.systemPrompt,
      model_backend: this.modelBackend,
      model_name: this.modelName,
      conversation_history: this.conversationHistory.map(({ role, content, timestamp }) => ({ role, content, timestamp })),
    };
  }

  /** @throws SessionValidationError naming the first bad field. */
  static fromJSON(data: unknown): Thread {
    return threadFromValid(parseOrThrow(threadJsonSchema, data, 'thread'));
  }
}

/** Builds a thread from JSON that `threadJsonSchema` already accepted. */
export function threadFromValid(valid: z.output<typeof threadJsonSchema>): Thread {
  return Thread[kTrusted]({
    id: valid.id,
    name: valid.name,
    systemPrompt: valid.system_prompt,
    modelBackend: valid.model_backend,
    modelName: valid.model_name ?? null,
    conversationHistory: valid.conversation_history ?? [],
  });
}
