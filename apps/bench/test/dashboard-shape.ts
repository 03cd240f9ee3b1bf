import { expect } from 'vitest';
import type { DashboardEntry } from '../src/report/json.js';

const ALLOWED_KEYS = new Set(['name', 'unit', 'value', 'range', 'extra']);

/** The customSmallerIsBetter contract: an array of exactly these objects and nothing else. */
export function expectDashboardShape(entries: unknown): asserts entries is DashboardEntry[] {
  expect(Array.isArray(entries)).toBe(true);
  for (const entry of entries as Record<string, unknown>[]) {
    expect(
      Object.keys(entry).every((key) => ALLOWED_KEYS.has(key)),
      `unexpected keys in ${JSON.stringify(entry)}`,
    ).toBe(true);
    expect(typeof entry.name).toBe('string');
    expect(['ns/op', 'bytes', 'ms']).toContain(entry.unit);
    expect(typeof entry.value).toBe('number');
    expect(Number.isFinite(entry.value)).toBe(true);
    if ('range' in entry) expect(typeof entry.range).toBe('string');
    if ('extra' in entry) expect(typeof entry.extra).toBe('string');
  }
}
