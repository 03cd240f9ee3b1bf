/**
 * Helpers of the legacy application (helpers/session_helpers.py): which
 * perspectives a new session gets, building their threads, response shapes.
 *
 * The application imports the old modules by relative path and basename
 * (`../models`, no extension), as the code the codemods migrate does.
 */
import { ModelBackend, Thread } from '../models';
import type { SessionData } from '../session_data';

export const NO_RESPONSE = '[NO_RESPONSE]';

const abstention = (subject: string): string => `**Abstention criteria:** Return ${NO_RESPONSE} if the topic has no ${subject}.`;

export const DEFAULT_PERSPECTIVES: Readonly<Record<string, string>> = Object.freeze({
  technical: `You are a technical architecture expert. Analyze from a technical implementation perspective.\n\n${abstention('technical implementation, architecture, or engineering considerations')}`,
  business: `You are a business strategy analyst. Evaluate from a business value and strategic perspective.\n\n${abstention('business strategy, financial, or market implications')}`,
  user: `You are a user experience researcher. Analyze from an end-user perspective and usability standpoint.\n\n${abstention('direct user interface, experience, or human interaction components')}`,
  risk: `You are a risk management specialist. Evaluate potential risks, vulnerabilities, and mitigation strategies.\n\n${abstention('identifiable risks, security concerns, or potential negative outcomes')}`,
});

/** The prompt of a perspective nobody predefined. */
export function genericPerspectivePrompt(name: string, description?: string): string {
  const focus = description ? ` ${description}` : ` Analyze from a ${name} perspective.`;
  return `You are a ${name} expert.${focus}\n\n${abstention(`relevance to ${name} considerations`)}`;
}

/** Name -> system prompt: the four defaults, or the requested names (unknown ones get a generic prompt). */
export function determinePerspectivesToUse(initialPerspectives?: readonly string[] | null): Record<string, string> {
  if (!initialPerspectives || initialPerspectives.length === 0) return { ...DEFAULT_PERSPECTIVES };
  return Object.fromEntries(
    initialPerspectives.map((name) => {
      const predefined = Object.hasOwn(DEFAULT_PERSPECTIVES, name) ? DEFAULT_PERSPECTIVES[name] : undefined;
      return [name, predefined ?? genericPerspectivePrompt(name)];
    }),
  );
}

/** Adds one thread per perspective to the session's data. */
export function createSessionThreads(
  sessionData: SessionData,
  perspectivesToUse: Record<string, string>,
  modelBackend: ModelBackend,
  modelName: string | null,
  sessionId: string,
): void {
  for (const [name, systemPrompt] of Object.entries(perspectivesToUse)) {
    const thread = new Thread({ id: `${sessionId}_${name}`, name, systemPrompt, modelBackend, modelName });
    sessionData.addThread(thread);
  }
}

/** `[active, abstained]` for a set of perspective responses. */
export function countResponses(responses: Record<string, string>): [number, number] {
  const values = Object.values(responses);
  const abstained = values.filter((response) => response.trim() === NO_RESPONSE).length;
  return [values.length - abstained, abstained];
}

export type ErrorResponse = {
  success: false;
  error_code: string;
  error_message: string;
  context: Record<string, unknown>;
};

export function createErrorResponse(errorCode: string, errorMessage: string, context: Record<string, unknown> = {}): ErrorResponse {
  return { success: false, error_code: errorCode, error_message: errorMessage, context };
}

export function sessionNotFoundResponse(sessionId: string): ErrorResponse {
  return createErrorResponse('session_not_found', `Session '${sessionId}' was not found or has expired; start a new one with start_context_analysis`, {
    session_id: sessionId,
  });
}

/** A tool request that is malformed; tools answer it with `invalid_request`. */
export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';
}

/** The request as a record of fields (a missing or non-object request is invalid). */
export function requestFields(request: unknown): Record<string, unknown> {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new InvalidRequestError('the request must be an object');
  }
  return request as Record<string, unknown>;
}

/** `fields[field]` as a non-empty string of at most `maxLength` characters. */
export function requireText(fields: Record<string, unknown>, field: string, maxLength: number): string {
  const value = fields[field];
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new InvalidRequestError(`${field} must be a non-empty string`);
  }
  if (value.length > maxLength) throw new InvalidRequestError(`${field} must be at most ${maxLength} characters`);
  return value;
}

/** Like `requireText`, but absent (`undefined`/`null`) gives null. */
export function optionalText(fields: Record<string, unknown>, field: string, maxLength: number): string | null {
  return fields[field] == null ? null : requireText(fields, field, maxLength);
}

const PERSPECTIVE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

export function requirePerspectiveName(value: unknown, field = 'name'): string {
  if (typeof value !== 'string' || !PERSPECTIVE_NAME.test(value)) {
    throw new InvalidRequestError(
      `${field} must start with a letter and use at most 100 letters, digits, '_' or '-' (got ${JSON.stringify(value) ?? String(value)})`,
    );
  }
  return value;
}

const MODEL_BACKENDS: readonly string[] = Object.values(ModelBackend);

/** `fields[field]` as a model backend; absent gives `bedrock`. */
export function readModelBackend(fields: Record<string, unknown>, field: string): ModelBackend {
  const value = fields[field] ?? ModelBackend.BEDROCK;
  if (typeof value !== 'string' || !MODEL_BACKENDS.includes(value)) {
    throw new InvalidRequestError(`${field} must be one of ${MODEL_BACKENDS.join(', ')}`);
  }
  return value as ModelBackend;
}
