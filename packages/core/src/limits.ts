/**
 * Size limits: what one session may hold. Every limit is enforced the same
 * way wherever data enters a session (creation, every operation,
 * `atomicUpdate`, restore and store loads), so a state that was accepted once
 * is accepted again when it is restored. Lengths count UTF-16 code units
 * (`string.length`).
 */
import * as z from 'zod/mini';
import { invalidField } from './validation.js';

/**
 * What one session may hold. Pass a partial object as the `limits` option
 * (of {@link SimpleSessionManager}, {@link Session} or
 * {@link Session.restoreFromState}); the rest keep their {@link DEFAULT_LIMITS}.
 * Each given value must be a positive integer of at most 2^31, unknown keys
 * are refused (a {@link SessionValidationError}). Lengths count UTF-16 code
 * units (`string.length`). Input over a limit is refused with a
 * {@link SessionValidationError} naming the field and the limit
 * (`limits.maxTopicLength`, ...); nothing is truncated.
 */
export interface SessionLimits {
  /**
   * Longest topic, in characters.
   * @defaultValue 10,000
   */
  maxTopicLength: number;
  /**
   * Longest analysis prompt or thread system prompt, in characters.
   * @defaultValue 100,000
   */
  maxPromptLength: number;
  /**
   * Longest conversation message (its `content`), in characters.
   * @defaultValue 100,000
   */
  maxMessageLength: number;
  /**
   * Longest answer of one perspective in an analysis, in characters.
   * @defaultValue 100,000
   */
  maxResponseLength: number;
  /**
   * Most perspective threads in one session.
   * @defaultValue 64
   */
  maxThreads: number;
  /**
   * Most messages in one thread's conversation.
   * @defaultValue 1,000
   */
  maxMessagesPerThread: number;
  /**
   * Most analyses one session keeps (`recordAnalysis` past it is refused; none is dropped).
   * @defaultValue 10,000
   */
  maxAnalyses: number;
  /**
   * Largest session state, in characters of text it holds (prompts, answers,
   * messages, names): an upper bound on its exported JSON's size minus the
   * fixed keys. Checked on every write and exactly on restore.
   * @defaultValue 16,777,216 (16 Mi characters)
   */
  maxStateSize: number;
}

/**
 * The defaults of {@link SessionLimits} (frozen): generous for real analyses,
 * small enough that one client cannot exhaust the process.
 */
export const DEFAULT_LIMITS: Readonly<SessionLimits> = Object.freeze({
  maxTopicLength: 10_000,
  maxPromptLength: 100_000,
  maxMessageLength: 100_000,
  maxResponseLength: 100_000,
  maxThreads: 64,
  maxMessagesPerThread: 1_000,
  maxAnalyses: 10_000,
  maxStateSize: 16 * 1024 * 1024,
});

const limitSchema = z.lazy(() => z.optional(z.int().check(z.positive(), z.maximum(2 ** 31))));

/** The `limits` option: a partial SessionLimits, unknown keys refused. */
export const limitsOptionSchema = z.lazy(() =>
  z.optional(
    z.strictObject({
      maxTopicLength: limitSchema,
      maxPromptLength: limitSchema,
      maxMessageLength: limitSchema,
      maxResponseLength: limitSchema,
      maxThreads: limitSchema,
      maxMessagesPerThread: limitSchema,
      maxAnalyses: limitSchema,
      maxStateSize: limitSchema,
    }),
  ),
);

/** Fills the defaults in (the result is frozen and shared by every session of a manager). */
export function resolveLimits(partial: { [K in keyof SessionLimits]?: number | undefined } | undefined): Readonly<SessionLimits> {
  if (partial === undefined) return DEFAULT_LIMITS;
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof SessionLimits)[]) {
    const value = partial[key];
    if (value !== undefined) limits[key] = value;
  }
  return Object.freeze(limits);
}

/** Throws a SessionValidationError naming `path` when `text` is longer than `limit`. */
export function checkLength(text: string, limit: number, limitName: keyof SessionLimits, path: readonly PropertyKey[]): void {
  if (text.length <= limit) return;
  throw invalidField(path, `expected at most ${limit} characters (limits.${limitName}), received ${text.length}`);
}

/** Throws a SessionValidationError naming `path` when `count` items are more than `limit`. */
export function checkCount(count: number, limit: number, limitName: keyof SessionLimits, path: readonly PropertyKey[]): void {
  if (count <= limit) return;
  throw invalidField(path, `expected at most ${limit} items (limits.${limitName}), received ${count}`);
}
