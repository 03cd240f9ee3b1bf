import type { Logger } from '@sessionkit/core';
import type { StoreInvalidation } from '@sessionkit/core/interop';
import { closeConnection, type ConnectionWatch, watchConnection, whenReady } from './connection.js';
import { Deadline } from './deadline.js';
import { HeldInvalidations } from './held-invalidations.js';
import { parseInvalidation } from './invalidation.js';
import type { RedisClient } from './script-runner.js';
import type { ServedSessions } from './served-sessions.js';

/**
 * The store's side of pub/sub: one subscribed connection (a duplicate of the
 * command connection; a subscribed connection can do nothing else), the
 * listeners, and what keeps invalidations honest: a process's own saves held
 * back (HeldInvalidations), and after a reconnect every served session
 * reported changed (messages published during the gap are lost).
 */
export class InvalidationFeed {
  readonly #listeners = new Set<(event: StoreInvalidation) => void>();
  readonly #held = new HeldInvalidations((event) => this.#emit(event));
  #subscriber: RedisClient | undefined;
  #subscriberWatch: ConnectionWatch | undefined;
  #subscribing: Promise<void> | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly channel: string,
    private readonly served: ServedSessions,
    private readonly logger: Logger,
  ) {}

  /** Adds a listener and resolves once the subscription is active (the listener stays added only then). */
  async add(listener: (event: StoreInvalidation) => void): Promise<void> {
    this.#listeners.add(listener);
    try {
      await this.#ensureSubscribed();
    } catch (error) {
      this.#listeners.delete(listener);
      throw error;
    }
  }

  remove(listener: (event: StoreInvalidation) => void): void {
    this.#listeners.delete(listener);
  }

  /** A save of `sessionId` is in flight: its "changed" invalidations wait until it has returned. */
  saveStarted(sessionId: string): void {
    this.#held.saveStarted(sessionId);
  }

  saveEnded(sessionId: string): void {
    this.#held.saveEnded(sessionId);
  }

  /** Drops every listener and closes the subscribed connection (bounded by `timeoutMs`). */
  async close(timeoutMs: number): Promise<void> {
    this.#listeners.clear();
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    this.#subscriberWatch?.silence();
    if (subscriber !== undefined) await closeConnection(subscriber, false, timeoutMs);
  }

  /** Subscribes once; a failed attempt is retried by the next call. */
  #ensureSubscribed(): Promise<void> {
    this.#subscribing ??= (async () => {
      const subscriber = (this.#subscriber ??= this.#createSubscriber());
      const waiting = new Deadline();
      try {
        await whenReady(subscriber, waiting);
      } finally {
        waiting.expire(SUBSCRIBED);
      }
      await subscriber.subscribe(this.channel);
    })().catch((error: unknown) => {
      this.#subscribing = undefined;
      throw error;
    });
    return this.#subscribing;
  }

  #createSubscriber(): RedisClient {
    const subscriber = this.client.duplicate();
    this.#subscriberWatch = watchConnection(subscriber, 'subscriber', this.logger);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const event = parseInvalidation(message);
      if (event === null) {
        this.logger.debug(`sessionkit/store-redis: ignored a message on ${channel} that is not an invalidation`);
        return;
      }
      if (event.kind === 'removed') this.served.delete(event.sessionId);
      if (!this.#held.hold(event)) this.#emit(event);
    });
    let connectedBefore = false;
    subscriber.on('ready', () => {
      if (!connectedBefore) {
        connectedBefore = true;
        return;
      }
      void this.#afterReconnect(subscriber);
    });
    return subscriber;
  }

  /**
   * Invalidations published while the subscriber was away are lost, so once
   * it is subscribed again every session served so far is reported changed:
   * each cached copy reloads before its next use.
   */
  async #afterReconnect(subscriber: RedisClient): Promise<void> {
    try {
      await subscriber.subscribe(this.channel); // idempotent; resolves once the subscription is active again
    } catch (error) {
      this.logger.warn('sessionkit/store-redis: could not resubscribe after a reconnect; will retry on the next one', { error });
      return;
    }
    const ids = this.served.drain();
    this.logger.info(`sessionkit/store-redis: resubscribed; invalidating ${ids.length} cached session(s) that may have changed meanwhile`);
    for (const sessionId of ids) this.#emit({ sessionId, kind: 'changed' });
  }

  #emit(event: StoreInvalidation): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error('sessionkit/store-redis: an invalidation listener threw', { error, sessionId: event.sessionId });
      }
    }
  }
}

/** Ends the wait for the subscriber's connection (never shown to a caller). */
const SUBSCRIBED = new Error('subscribed');
