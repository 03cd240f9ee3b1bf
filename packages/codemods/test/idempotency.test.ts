/**
 * Every transform, run on its own output, changes nothing; and `all`, run on
 * every input fixture of every transform, leaves parseable code with no
 * import of the old system (only the bridge, and what a user acknowledged),
 * and is idempotent too.
 */
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import type { CodemodTransform } from '../src/lib/define-transform.js';
import { isAdapterSource } from '../src/lib/legacy-modules.js';
import { isAcknowledged } from '../src/lib/migration-marker.js';
import { findModuleReferences } from '../src/lib/module-references.js';
import { enclosingStatement } from '../src/lib/ast.js';
import { parserFor } from '../src/lib/parser.js';
import all from '../src/transforms/all.js';
import errorHandling from '../src/transforms/error-handling.js';
import imports from '../src/transforms/imports.js';
import managerUsage from '../src/transforms/manager-usage.js';
import removeAdapter from '../src/transforms/remove-adapter.js';
import sessionCreation from '../src/transforms/session-creation.js';
import sessionOperations from '../src/transforms/session-operations.js';
import toAdapter from '../src/transforms/to-adapter.js';
import { fixtures, fixtureTransforms, run, type Fixture } from './fixtures.js';

const TRANSFORMS: Readonly<Record<string, CodemodTransform>> = {
  'to-adapter': toAdapter,
  imports,
  'session-creation': sessionCreation,
  'session-operations': sessionOperations,
  'error-handling': errorHandling,
  'manager-usage': managerUsage,
  'remove-adapter': removeAdapter,
  all,
};

const everyFixture: Fixture[] = fixtureTransforms().flatMap((transform) => fixtures(transform));

/** Old-system imports left in a file, acknowledged ones excepted. */
function oldImportsLeft(fixture: Fixture, source: string): string[] {
  const j = jscodeshift.withParser(parserFor(fixture.path));
  const root = j(source);
  return findModuleReferences(j, root)
    .filter((reference) => !isAdapterSource(reference.source))
    .filter((reference) => {
      const statement = enclosingStatement(reference.site);
      return !(statement && isAcknowledged(statement.node));
    })
    .map((reference) => reference.specifier);
}

describe('idempotency', () => {
  it('covers every transform', () => {
    expect(fixtureTransforms()).toEqual(Object.keys(TRANSFORMS).sort());
  });

  it.each(everyFixture.map((fixture) => [`${fixture.transform}/${fixture.name}`, fixture] as const))(
    '%s: transforming the output again changes nothing',
    (_name, fixture) => {
      const transform = TRANSFORMS[fixture.transform];
      if (!transform) throw new Error(`no transform ${fixture.transform}`);
      expect(run(transform, fixture, fixture.output)).toBe(fixture.output.trim());
    },
  );
});

describe('all, over every input fixture', () => {
  it.each(everyFixture.map((fixture) => [`${fixture.transform}/${fixture.name}`, fixture] as const))(
    '%s: parses, leaves no old import, is idempotent',
    (_name, fixture) => {
      const allFixture = { ...fixture, options: { target: fixture.options['target'] ?? 'package' } };
      const once = run(all, allFixture);
      expect(() => jscodeshift.withParser(parserFor(fixture.path))(once)).not.toThrow();
      expect(oldImportsLeft(fixture, once)).toEqual([]);
      expect(run(all, allFixture, once)).toBe(once);
    },
  );
});
