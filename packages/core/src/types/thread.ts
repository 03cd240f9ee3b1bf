import type { z } from 'zod/mini';
import { kNow, kOwner, kReserve, kTrusted, type ThreadOwner } from '../internal.js';
import { checkCount, checkLength, DEFAULT_LIMITS } from '../limits.js';
import { formatTimestamp } from '../timestamps.js';
import { invalidField, parseOrThrow } from '../validation.js';
import { threadInitSchema, threadJsonSchema } from './json-schemas.js';
import type { ModelBackend } from './model-backend.js';

/** One message of a perspective's conversation. */
export interface ConversationMessage {
  /** Who said it: `user`, `assistant`, ... (1..64 characters through `addMessage`). */
  role: string;
  /** What was said (at most `limits.maxMessageLength` characters). */
  content: string;
  /** ISO 8601 timestamp. */
  timestamp: string;
}

/** A thread as a JSON document (snake_case keys, as the old system wrote them). */
export interface ThreadJSON {
  /** The thread's id (`${sessionId}_${name}` for threads `createSession` made). */
  id: string;
  /** The perspective's name: its key in the session's `threads`. */
  name: string;
  /** The perspective's system prompt. */
  system_prompt: string;
  /** The backend the perspective runs on. */
  model_backend: ModelBackend;
  /** The model's name on that backend, or null for none. */
  model_name: string | null;
  /** The conversation so far, oldest first. */
  conversation_history: ConversationMessage[];
}

/** What `new Thread(...)` takes. */
export interface ThreadInit {
  /** The thread's id (any string; `createSession` uses `${sessionId}_${name}`). */
  id: string;
  /** 1..256 characters, no control characters, not `__proto__`. */
  name: string;
  /** The perspective's system prompt (at most `limits.maxPromptLength` characters once added to a session). */
  systemPrompt: string;
  /** The backend the perspective runs on. */
  modelBackend: ModelBackend;
  /**
   * The model's name on that backend.
   * @defaultValue null
   */
  modelName?: string | null | undefined;
  /**
   * The conversation so far, oldest first (copied).
   * @defaultValue []
   */
  conversationHistory?: readonly ConversationMessage[] | undefined;
}

/**
 * One perspective: its system prompt, its model, and its conversation so far.
 * Once added to a session, its messages are stamped by the session's clock
 * and held to the session's limits.
 *
 * @example
 * ```ts
 * const thread = new Thread({ id: `${session.sessionId}_legal`, name: 'legal', systemPrompt: perspectivePrompt('legal'), modelBackend: 'bedrock' });
 * await session.addThread(thread);
 * ```
 */
export class Thread {
  /** The thread's id. */
  id: string;
  /** The perspective's name: its key in the session's `threads` (do not rename a thread a session holds). */
  name: string;
  /** The perspective's system prompt. */
  systemPrompt: string;
  /** The backend the perspective runs on. */
  modelBackend: ModelBackend;
  /** The model's name on that backend, or null for none. */
  modelName: string | null;
  /** The conversation so far, oldest first; {@link Thread.addMessage} appends to it. */
  conversationHistory: ConversationMessage[];
  /** The session this thread belongs to (its clock and limits), once added. */
  #owner: ThreadOwner | undefined;

  static #trusted = false;

  /**
   * @param init - See {@link ThreadInit}.
   * @throws {@link SessionValidationError} naming the first bad field.
   */
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
   * @param role - Who said it, 1..64 characters (`user`, `assistant`, ...).
   * @param content - What was said.
   * @throws {@link SessionValidationError} when `role` or `content` is not a string,
   * or the message or the conversation would exceed the session's limits
   * (`maxMessageLength`, `maxMessagesPerThread`, `maxStateSize`; {@link DEFAULT_LIMITS}
   * for a thread not in a session).
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

  /** The thread as a {@link ThreadJSON} document (its messages copied). */
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

  /**
   * Builds a thread from a {@link ThreadJSON} document (`model_name` and
   * `conversation_history` may be missing).
   * @param data - The document (unknown: it is validated).
   * @throws {@link SessionValidationError} naming the first bad field.
   */
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
