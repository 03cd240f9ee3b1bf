/**
 * Who answers for a perspective. `analyze_from_perspectives` asks the responder
 * once per perspective thread, concurrently; a real deployment plugs an LLM in
 * here (see the README), the demo ships a deterministic offline one.
 */
import { NO_RESPONSE, type ConversationMessage } from '@sessionkit/core';

export { NO_RESPONSE };

export interface PerspectiveRequest {
  readonly sessionId: string;
  readonly topic: string | null;
  /** The perspective (thread name) this answer is for. */
  readonly perspective: string;
  /** The thread's system prompt: what a model should be told it is. */
  readonly systemPrompt: string;
  /** The prompt fanned out to every perspective. */
  readonly prompt: string;
  /** Every perspective this prompt goes to, this one included. */
  readonly perspectives: readonly string[];
  /** The thread's earlier messages, oldest first (a copy: changing it changes nothing). */
  readonly history: readonly ConversationMessage[];
  /** Aborted when the client cancels the tool call. */
  readonly signal: AbortSignal;
}

/**
 * Answers one perspective's share of a prompt: its text, or `[NO_RESPONSE]`
 * to abstain. A rejection fails the whole tool call and records nothing.
 */
export type Responder = (request: PerspectiveRequest) => string | Promise<string>;

/**
 * The perspectives a prompt addresses by `@name`: case-insensitive, whole
 * names only (a name ends where a character that cannot be part of one
 * begins), and not the `@` inside an e-mail address (one that follows a
 * letter, digit, `_`, `-` or `.`). Empty when the prompt mentions none of them.
 */
export function mentionedPerspectives(prompt: string, perspectives: readonly string[]): string[] {
  const mentioned = new Set<string>();
  for (const match of prompt.matchAll(/(?<![A-Za-z0-9_.-])@([A-Za-z0-9_-]+)/g)) mentioned.add((match[1] as string).toLowerCase());
  return perspectives.filter((name) => mentioned.has(name.toLowerCase()));
}

/**
 * The default responder: offline and deterministic, so the demo and its tests
 * need no model. Its one rule for abstaining:
 *
 * - a prompt that mentions no perspective (`@name`) addresses all of them, and
 *   each answers `[<perspective>] <prompt>`;
 * - a prompt that mentions one or more perspectives of the session is in scope
 *   for those only: the others abstain with `[NO_RESPONSE]`.
 *
 * The answer depends on the perspective, the prompt and the perspective list
 * only, never on timing or history, so concurrent calls give the same answers.
 */
export const echoResponder: Responder = ({ perspective, prompt, perspectives }) => {
  const addressed = mentionedPerspectives(prompt, perspectives);
  if (addressed.length > 0 && !addressed.includes(perspective)) return NO_RESPONSE;
  return `[${perspective}] ${prompt}`;
};
