/**
 * What the old session record (`ContextSwitcherSession`) and `SessionData`
 * show alike: both are views of one core session, with its id, creation
 * time, topic and threads.
 */
import { SessionError, type Thread } from '@sessionkit/core';
import { describeValue } from '../internal/describe_value.js';
import type { SessionHandle } from '../internal/session_handle.js';
import { findThread, putThread, threadRecord } from './threads.js';

/** What `ContextSwitcherSession` and `SessionData` show alike (made only by the adapter). */
export abstract class SessionView {
  readonly #handle: SessionHandle;
  readonly #createdAt: Date;
  #threads: Record<string, Thread> | undefined;

  // `unknown` in the declaration: the handle is the adapter's own, not a type users can name.
  protected constructor(sessionHandle: unknown) {
    const handle = sessionHandle as SessionHandle;
    this.#handle = handle;
    this.#createdAt = new Date(handle.session.createdAtMs);
  }

  /** The session id. */
  get sessionId(): string {
    return this.#handle.sessionId;
  }

  /** When the session was created. */
  get createdAt(): Date {
    return this.#createdAt;
  }

  /** The session topic (null when it has none); setting it changes the core session. */
  get topic(): string | null {
    return this.#handle.session.topic;
  }

  /** A change of topic is a change of the session: version +1. */
  set topic(topic: string | null) {
    if (topic !== null && typeof topic !== 'string') {
      throw new SessionError(`topic must be a string or null, got ${describeValue(topic)}`);
    }
    this.#handle.write('topic assignment', (state) => {
      state.topic = topic;
    });
  }

  /** The session's threads by name, live: assigning or deleting a key changes the session. */
  get threads(): Record<string, Thread> {
    return (this.#threads ??= threadRecord(this.#handle));
  }

  /** Adds a thread, replacing one with the same name (the old behaviour; core's `addThread` refuses instead). Version +1. */
  addThread(thread: Thread): void {
    putThread(this.#handle, thread);
  }

  /** The thread of that name, or undefined. */
  getThread(name: string): Thread | undefined {
    return findThread(this.#handle, name);
  }
}
