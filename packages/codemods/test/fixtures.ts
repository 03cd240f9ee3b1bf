/**
 * The fixture pairs of src/transforms/__testfixtures__/<transform>/:
 * `<case>.input.<ext>` / `<case>.output.<ext>`, and `<case>.options.json`
 * for the transform's options when a case needs some.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyTransform } from 'jscodeshift/src/testUtils.js';
import { describe, expect, it } from 'vitest';
import type { CodemodTransform } from '../src/lib/define-transform.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../src/transforms/__testfixtures__/', import.meta.url));

export interface Fixture {
  transform: string;
  name: string;
  /** Where the transform is told the file lives: a path that does not exist, so no file-system guard applies. */
  path: string;
  input: string;
  output: string;
  options: Record<string, unknown>;
}

export function fixtureTransforms(): string[] {
  return readdirSync(FIXTURES_DIR).sort();
}

export function fixtures(transform: string): Fixture[] {
  const directory = join(FIXTURES_DIR, transform);
  return readdirSync(directory)
    .filter((file) => /\.input\.[a-z]+$/.test(file))
    .sort()
    .map((file) => {
      const extension = extname(file);
      const name = file.slice(0, -`.input${extension}`.length);
      const optionsFile = join(directory, `${name}.options.json`);
      return {
        transform,
        name,
        path: `/virtual-fixtures/${transform}/${name}${extension}`,
        input: readFileSync(join(directory, file), 'utf8'),
        output: readFileSync(join(directory, `${name}.output${extension}`), 'utf8'),
        options: existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Record<string, unknown>) : {},
      };
    });
}

/** jscodeshift's own test helper (it trims the result, so compare with a trimmed expectation). */
export function run(transform: CodemodTransform, fixture: Fixture, source = fixture.input): string {
  return applyTransform(transform, fixture.options, { path: fixture.path, source });
}

/** One test per fixture pair, plus a check that the cases the migration contract asks for exist. */
export function describeFixtures(transform: string, module: CodemodTransform, requiredCases: readonly string[]): void {
  describe(`${transform} fixtures`, () => {
    const cases = fixtures(transform);
    it('cover the required cases', () => {
      expect(cases.map((fixture) => fixture.name)).toEqual(expect.arrayContaining([...requiredCases]));
    });
    it.each(cases.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
      expect(run(module, fixture)).toBe(fixture.output.trim());
    });
  });
}
