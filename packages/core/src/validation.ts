import type { z } from 'zod';
import { SessionValidationError, type ValidationIssue } from './errors.js';

/** `threads.technical.model_backend: expected one of bedrock|litellm|ollama` */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  let message = issue.message.replace(/^Invalid (input|option): /, '');
  if (issue.code === 'invalid_value') message = `expected one of ${issue.values.map(String).join('|')}`;
  return path === '' ? message : `${path}: ${message}`;
}

/**
 * Parses `data` with `schema` or throws a SessionValidationError whose message
 * names the first bad field and whose `issues` hold all of them.
 */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, data: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path,
    message: describeIssue(issue),
    code: issue.code,
  }));
  const first = issues[0]?.message ?? 'invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new SessionValidationError(`Invalid ${what}: ${first}${more}`, { issues });
}

/** Session ids: 1..256 characters of `[A-Za-z0-9_.:-]`. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,256}$/;

export function assertSessionId(sessionId: unknown, field = 'sessionId'): asserts sessionId is string {
  if (typeof sessionId === 'string' && SESSION_ID_PATTERN.test(sessionId)) return;
  const shown = typeof sessionId === 'string' ? JSON.stringify(sessionId.slice(0, 40)) : typeof sessionId;
  const message = `${field}: expected 1..256 characters of [A-Za-z0-9_.:-], received ${shown}`;
  throw new SessionValidationError(`Invalid session id: ${message}`, { issues: [{ path: [field], message }] });
}
