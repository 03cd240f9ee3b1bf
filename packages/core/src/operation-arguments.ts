/**
 * Hand-written checks of the arguments of the microsecond-path operations
 * (every tool call passes a tool name, a thread name or a version): the same
 * rules as the zod schemas, without a parse per call.
 */
import { describeReceived } from './json-value.js';
import { CONTROL_CHARACTER, invalidField } from './validation.js';

/** An optional tool name of at most 256 characters. */
export function checkedToolName(toolName: unknown): string | undefined {
  if (toolName === undefined || (typeof toolName === 'string' && toolName.length <= 256)) return toolName;
  const received = typeof toolName === 'string' ? `a string of length ${toolName.length}` : describeReceived(toolName);
  throw invalidField(['toolName'], `expected a string of at most 256 characters, received ${received}`, 'tool name');
}

/** A version number: a non-negative integer. */
export function checkedVersion(version: unknown): number {
  if (typeof version === 'number' && Number.isSafeInteger(version) && version >= 0) return version;
  throw invalidField(['expectedVersion'], `expected a non-negative integer, received ${describeFailure(version)}`, 'expected version');
}

/** `isExpired`'s argument: a non-negative number of hours. */
export function checkedTtlHours(ttlHours: unknown): number {
  if (typeof ttlHours === 'number' && ttlHours >= 0) return ttlHours;
  throw invalidField(['ttlHours'], `expected a non-negative number, received ${describeFailure(ttlHours)}`, 'ttlHours');
}

/** Same rule as `threadNameSchema`: 1..256 characters, no control characters, not `__proto__`. */
export function assertThreadName(name: unknown): asserts name is string {
  if (typeof name === 'string' && name.length >= 1 && name.length <= 256 && name !== '__proto__' && !CONTROL_CHARACTER.test(name)) return;
  if (name === '__proto__') throw invalidField(['name'], '"__proto__" is reserved (it cannot be a key of the exported threads object)', 'thread name');
  if (typeof name === 'string' && name.length >= 1 && name.length <= 256)
    throw invalidField(['name'], 'expected no control characters (newlines, tabs, NUL)', 'thread name');
  const received = typeof name === 'string' ? `a string of length ${name.length}` : describeReceived(name);
  throw invalidField(['name'], `expected a string of 1..256 characters, received ${received}`, 'thread name');
}

/** A received value as an error message shows it: numbers by value, anything else by kind. */
export function describeFailure(value: unknown): string {
  return typeof value === 'number' ? String(value) : describeReceived(value);
}
