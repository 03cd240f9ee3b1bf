/**
 * The fixture apps as written (in the old API's habits) type-check with the
 * repository's strict config and checkJs: the end-to-end suites start from
 * code that compiles, so a type error after `all` is the migration's.
 */
import { describe, expect, it } from 'vitest';
import { APPS_DIR, typeErrors } from './support/apps.js';

describe('the fixture apps, before migration', () => {
  it('type-check with tsc --noEmit', () => {
    expect(typeErrors({ root: APPS_DIR })).toEqual([]);
  }, 60_000);
});
