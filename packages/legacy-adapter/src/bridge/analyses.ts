/** Analyses recorded through the old API, validated up front so a bad call records nothing. */
import { AnalysisRecord as CoreAnalysisRecord, SessionError, type AnalysisRecordJSON } from '@sessionkit/core';
import { nowIso } from '../internal/clock.js';
import { describeValue } from '../internal/describe_value.js';
import { oldTimestamp } from '../internal/time.js';
import type { SessionHandle } from '../internal/session_handle.js';

/** An analysis as the old session record listed it: the snake_case dict. */
export type AnalysisEntry = AnalysisRecordJSON;

/**
 * Appends an analysis with the counts the caller computed (the old API took
 * them as arguments; core computes them from `[NO_RESPONSE]`). Bumps the version.
 */
export function recordAnalysis(handle: SessionHandle, prompt: unknown, responses: unknown, activeCount: unknown, abstainedCount: unknown): CoreAnalysisRecord {
  const record = new CoreAnalysisRecord(
    expectString(prompt, 'prompt'),
    nowIso(),
    expectResponses(responses),
    expectCount(activeCount, 'activeCount'),
    expectCount(abstainedCount, 'abstainedCount'),
  );
  handle.write('recordAnalysis', (state) => {
    state.analyses.push(record);
    state.metrics.recordAnalysis(0);
  });
  return record;
}

/** An analysis as the old dict: the old key order, the timestamp in Python `isoformat()`. */
export function analysisDict(record: CoreAnalysisRecord): AnalysisEntry {
  const dict = record.toJSON(); // same keys in the same order, responses copied
  return { ...dict, timestamp: oldTimestamp(dict.timestamp) };
}

export function lastAnalysis(handle: SessionHandle): CoreAnalysisRecord | null {
  return handle.read((state) => (state.analysisCount === 0 ? null : (state.analyses.at(-1) ?? null)));
}

export function analysesOf(handle: SessionHandle): CoreAnalysisRecord[] {
  return handle.read((state) => (state.analysisCount === 0 ? [] : [...state.analyses]));
}

export function expectString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new SessionError(`recordAnalysis: ${field} must be a string, got ${describeValue(value)}`);
  return value;
}

export function expectCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SessionError(`recordAnalysis: ${field} must be a non-negative integer, got ${describeValue(value)}`);
  }
  return value;
}

/** A copy of `{ perspective: response }`, every response a string. */
export function expectResponses(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SessionError(`recordAnalysis: responses must be an object of strings, got ${describeValue(value)}`);
  }
  const copy: Record<string, string> = {};
  for (const [name, response] of Object.entries(value)) {
    // defineProperty keeps a perspective named `__proto__` a plain key.
    Object.defineProperty(copy, name, { value: expectString(response, `responses.${name}`), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
