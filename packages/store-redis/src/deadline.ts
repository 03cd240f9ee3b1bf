/**
 * The time limit of one store operation (`commandTimeoutMs`, for all its
 * round trips together). Multi-step work checks it between steps, so nothing
 * is written after the caller was told the operation failed.
 *
 * Not an AbortController: aborting one builds a DOMException with a stack
 * trace, and every operation ends by releasing its deadline, which cost more
 * than the rest of the store's work on a save.
 */
export class Deadline {
  #reason: Error | undefined;
  #listener: (() => void) | undefined;

  get expired(): boolean {
    return this.#reason !== undefined;
  }

  /** Throws the reason it expired, if it has. */
  throwIfExpired(): void {
    if (this.#reason !== undefined) throw this.#reason;
  }

  /** Ends it (at the limit, or when the operation is over); the listener, if any, runs once. */
  expire(reason: Error): void {
    if (this.#reason !== undefined) return;
    this.#reason = reason;
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.();
  }

  /** Runs `listener` when it expires (at once if it has); one listener at a time. Returns its removal. */
  onExpire(listener: () => void): () => void {
    if (this.#reason !== undefined) {
      listener();
      return () => undefined;
    }
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = undefined;
    };
  }
}
