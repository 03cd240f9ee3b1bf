/**
 * The old `threads` record (`session.threads[name]`, `Object.values(data.threads)`)
 * as a live view of the core session's thread map: reading, assigning and
 * deleting keys read and change the session itself.
 */
import { SessionError, Thread, type ThreadInit } from '@sessionkit/core';
import { describeValue } from '../internal/describe_value.js';
import type { SessionHandle } from '../internal/session_handle.js';

/** A core `Thread` for a thread the old code handed in: itself, or one built from its fields. */
export function toThread(value: unknown): Thread {
  if (value instanceof Thread) return value;
  if (typeof value !== 'object' || value === null) {
    throw new SessionError(`Expected a Thread (new Thread({ id, name, systemPrompt, modelBackend })), got ${describeValue(value)}`);
  }
  // A thread-shaped object (say, an old system's Thread): same init fields, validated by core.
  const { id, name, systemPrompt, modelBackend, modelName, conversationHistory } = value as ThreadInit;
  return new Thread({ id, name, systemPrompt, modelBackend, modelName, conversationHistory });
}

/** Stores `thread` under its name, replacing a thread of that name (the old behaviour). Bumps the version. */
export function putThread(handle: SessionHandle, value: unknown): void {
  const thread = toThread(value);
  handle.write('addThread', (state) => {
    state.threads.set(thread.name, thread);
  });
}

/** Removes a thread; true when there was one. Bumps the version only then. */
export function deleteThread(handle: SessionHandle, name: string): boolean {
  return handle.write(
    'removeThread',
    (state) => state.threadCount > 0 && state.threads.delete(name),
    (removed) => removed,
  );
}

export function findThread(handle: SessionHandle, name: string): Thread | undefined {
  return handle.read((state) => (state.threadCount === 0 ? undefined : state.threads.get(name)));
}

export function threadNames(handle: SessionHandle): string[] {
  return handle.read((state) => (state.threadCount === 0 ? [] : [...state.threads.keys()]));
}

export function threadRecord(handle: SessionHandle): Record<string, Thread> {
  const target = Object.create(null) as Record<string, Thread>;
  return new Proxy(target, {
    get: (_, key) => (typeof key === 'string' ? findThread(handle, key) : undefined),
    has: (_, key) => typeof key === 'string' && findThread(handle, key) !== undefined,
    ownKeys: () => threadNames(handle),
    getOwnPropertyDescriptor: (_, key) => {
      const thread = typeof key === 'string' ? findThread(handle, key) : undefined;
      return thread === undefined ? undefined : { value: thread, writable: true, enumerable: true, configurable: true };
    },
    set: (_, key, value: unknown) => {
      if (typeof key !== 'string') return false;
      const thread = toThread(value);
      if (thread.name !== key) {
        throw new SessionError(`threads['${key}'] must hold the thread named '${key}', got one named '${thread.name}'`);
      }
      putThread(handle, thread);
      return true;
    },
    defineProperty: (_, key, descriptor) => {
      if (typeof key !== 'string' || !('value' in descriptor)) return false;
      putThread(handle, descriptor.value);
      return true;
    },
    deleteProperty: (_, key) => {
      if (typeof key === 'string') deleteThread(handle, key);
      return true;
    },
  });
}
