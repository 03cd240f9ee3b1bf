/**
 * Session handles: what the model is given when a session starts and passes
 * back as a tool argument. A handle is core's `generateSessionId()`, 256
 * random bits as 43 base64url characters: unguessable, and opaque (it says
 * nothing about the principal or the server; the storage key adds those).
 */
import { generateSessionId } from '@sessionkit/core';
import { ERROR_CODES, McpToolError } from './errors.js';

const HANDLE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new handle. */
export function mintHandle(): string {
  return generateSessionId();
}

/** Whether `value` has the form of a handle this package mints. */
export function isHandle(value: unknown): value is string {
  return typeof value === 'string' && HANDLE_PATTERN.test(value);
}

/** Throws `INVALID_ARGUMENT` naming `argument` unless `value` has the form of a handle. */
export function assertHandle(value: unknown, argument: string): asserts value is string {
  if (isHandle(value)) return;
  throw new McpToolError(ERROR_CODES.invalidArgument, `${argument}: expected a session handle (43 characters) as returned when the session was started`);
}
