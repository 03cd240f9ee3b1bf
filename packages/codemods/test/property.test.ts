/**
 * Over generated combinations of the old API's habits (support/habits.ts):
 * `all` never turns code that type-checks into code that does not; it moves
 * every such project to core (no old import, no bridge import); and running
 * it again changes nothing. Bounded for CI (SESSIONKIT_PROPERTY_RUNS raises it).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planFullMigration } from '../src/lib/full/planner.js';
import { PACKAGE_DIR, specifiersIn } from './support/apps.js';
import { habits, project } from './support/habits.js';
import { typeErrorsOf } from './support/typecheck.js';

const RUNS = Number(process.env['SESSIONKIT_PROPERTY_RUNS'] ?? 12);
const root = join(PACKAGE_DIR, 'test-results', 'property');

function migrate(files: ReadonlyMap<string, string>): Map<string, string> {
  const planned = planFullMigration(
    [...files].map(([path, text]) => ({ path, text })),
    { bridge: () => 'bridged' },
  );
  return new Map(planned.map((file) => [file.file, file.output]));
}

describe('all, over generated combinations of the habits', () => {
  it('keeps compiling code compiling, leaves nothing old, and is idempotent', () => {
    let index = 0;
    fc.assert(
      fc.property(habits, (choice) => {
        index += 1;
        const files = new Map(Object.entries(project(choice)).map(([file, text]) => [join(root, `case-${index}`, file), text]));
        const before = typeErrorsOf(files);
        expect(before, `the generated project type-checks (${JSON.stringify(choice)})`).toEqual([]);
        const once = migrate(files);
        for (const [file, text] of once) {
          expect(text, `${file} stays off the bridge`).not.toBe('bridged');
          expect(
            specifiersIn(text).filter((specifier) => specifier.startsWith('@sessionkit/') && specifier !== '@sessionkit/core'),
            file,
          ).toEqual([]);
        }
        expect(typeErrorsOf(once), `the migrated project type-checks (${JSON.stringify(choice)})`).toEqual([]);
        const twice = migrate(once);
        expect([...twice]).toEqual([...once]);
      }),
      { numRuns: RUNS, seed: Number(process.env['SESSIONKIT_PROPERTY_SEED'] ?? 20_310_304) },
    );
  }, 110_000);
});
