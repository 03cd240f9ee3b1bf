/**
 * What the old session record (`ContextSwitcherSession`) and `SessionData`
 * show alike: both are views of one core session, with its id, creation
 * time, topic and threads.
 */
import { SessionError, type Thread } from '@sessionkit/core';
import { describeValue } from '../internal/describe_value.js';
import type { SessionHandle } from '../internal/session_handle.js';
import { findThread, putThread, threadRecord } from './threads.js';

export abstract class SessionView {
  readonly #handle: SessionHandle;
  readonly #createdAt: Date;
  #threads: Record<string, Thread> | undefined;

  protected constructor(handle: SessionHandle) {
    this.#handle = handle;
    this.#createdAt = new Date(handle.session.createdAtMs);
  }

  get sessionId(): string {
    return this.#handle.sessionId;
  }

  get createdAt(): Date {
    return this.#createdAt;
  }

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

  getThread(name: string): Thread | undefined {
    return findThread(this.#handle, name);
  }
}
