import type * as z from 'zod/mini';
import { describeReceived } from './json-value.js';
import { SessionValidationError, type ValidationIssue } from './errors.js';

/**
 * One issue as a sentence that names its field:
 * `threads.technical.model_backend: expected one of bedrock|litellm|ollama`.
 * zod/mini ships no message locale (that keeps the bundle small), so the
 * wording is ours; messages our schemas set explicitly are used as they are.
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  const message = issue.message !== undefined && issue.message !== 'Invalid input' ? issue.message : defaultMessage(issue);
  return path === '' ? message : `${path}: ${message}`;
}

function defaultMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, received ${describeReceived(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `expected ${String(issue.values[0])}` : `expected one of ${issue.values.map(String).join('|')}`;
    case 'too_small':
      return `expected ${sizeOf(issue.origin)} ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`;
    case 'too_big':
      return `expected ${sizeOf(issue.origin)} ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`;
    case 'invalid_format':
      return `expected ${issue.format} format`;
    case 'unrecognized_keys':
      return `unrecognized option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `'${key}'`).join(', ')}`;
    case 'invalid_union':
      return 'matches none of the accepted forms';
    case 'invalid_key':
      return 'invalid key';
    default:
      return 'invalid value';
  }
}

function sizeOf(origin: string): string {
  if (origin === 'string') return 'length';
  if (origin === 'array' || origin === 'set') return 'size';
  return 'value';
}

/*
 * Every schema in core is wrapped in `z.lazy`: built on first use, not at
 * import. Building them all up front costs ~10 ms, paid by every MCP server
 * process at start-up (`apps/bench`'s cold-import workload measures it).
 */

/**
 * Parses `data` with `schema` or throws a SessionValidationError whose message
 * names the first bad field and whose `issues` hold all of them.
 */
export function parseOrThrow<Schema extends z.ZodMiniType>(schema: Schema, data: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(data, { reportInput: true });
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

/**
 * Session ids: 1..256 characters of `[A-Za-z0-9_.:-]` (no braces, so they
 * are safe in Redis hash tags). {@link generateSessionId} makes ids that match.
 */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,256}$/;

/**
 * Whether `value` is a session id core accepts: check input (an MCP tool
 * argument, say) before a lookup, which would otherwise reject with a
 * {@link SessionValidationError}.
 * @param value - Anything.
 *
 * @example
 * ```ts
 * if (!isValidSessionId(args.sessionId)) return { error: 'sessionId: expected 1..256 characters of [A-Za-z0-9_.:-]' };
 * const session = await manager.getSession(args.sessionId);
 * ```
 */
export function isValidSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID_PATTERN.test(value);
}

export function assertSessionId(sessionId: unknown, field = 'sessionId'): asserts sessionId is string {
  if (typeof sessionId === 'string' && SESSION_ID_PATTERN.test(sessionId)) return;
  throw invalidSessionId(sessionId, field);
}

/** The SessionValidationError for a bad session id. */
export function invalidSessionId(sessionId: unknown, field = 'sessionId'): SessionValidationError {
  const shown = typeof sessionId === 'string' ? JSON.stringify(sessionId.slice(0, 40)) : typeof sessionId;
  const message = `${field}: expected 1..256 characters of [A-Za-z0-9_.:-], received ${shown}`;
  return new SessionValidationError(`Invalid session id: ${message}`, { issues: [{ path: [field], message }] });
}

/**
 * A SessionValidationError for one bad field: `Invalid <what>: <path>: <detail>`,
 * with the issue's path set, so every hand-written check reads like zod's.
 */
export function invalidField(path: readonly PropertyKey[], detail: string, what?: string): SessionValidationError {
  const field = path.map(String).join('.');
  const message = field === '' ? detail : `${field}: ${detail}`;
  return new SessionValidationError(`Invalid ${what ?? 'input'}: ${message}`, { issues: [{ path, message }] });
}

/** Control characters (newlines, tabs, NUL, escapes): refused in names that show up in prompts, logs and keys. */
export const CONTROL_CHARACTER = /\p{Cc}/u;
