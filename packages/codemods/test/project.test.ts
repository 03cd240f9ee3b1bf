/**
 * The survey: which relative modules a file imports, with which names, and,
 * for a file, which of its exports the other files of the run import.
 */
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { importedByIn, moduleKey, surveyImports, type Project } from '../src/lib/project.js';

const j = jscodeshift.withParser('ts');
const survey = (file: string, source: string) => surveyImports(j, j(source), file);

describe('surveyImports', () => {
  it('lists relative imports, re-exports and requires with the names they take', () => {
    const imports = survey(
      '/app/tools/tools.ts',
      [
        "import { a, b as c } from '../helpers/helpers';",
        "import type { T } from './types.js';",
        "import fallback from '../handlers';",
        "import * as all from '../lib/index.ts';",
        "export { d as e } from './reexported';",
        "export * from './everything';",
        "const { f } = require('./cjs');",
        "const whole = require('./whole');",
        "import { SessionManager } from '@sessionkit/legacy';",
      ].join('\n'),
    );
    expect(imports).toEqual([
      { module: '/app/helpers/helpers', names: ['a', 'b'] },
      { module: '/app/tools/types', names: ['T'] },
      { module: '/app/handlers', names: ['default'] },
      { module: '/app/lib', names: null },
      { module: '/app/tools/reexported', names: ['d'] },
      { module: '/app/tools/everything', names: null },
      { module: '/app/tools/cjs', names: ['f'] },
      { module: '/app/tools/whole', names: null },
    ]);
  });

  it('keys a module the same way whatever extension or index form names it', () => {
    expect(moduleKey('/app/x.ts')).toBe('/app/x');
    expect(moduleKey('/app/x.js')).toBe('/app/x');
    expect(moduleKey('/app/dir/index.tsx')).toBe('/app/dir');
  });
});

describe('importedByIn', () => {
  const project: Project = {
    version: 1,
    files: [
      { file: '/app/helpers/helpers.ts', imports: [{ module: '/app/models', names: ['Thread'] }] },
      { file: '/app/handlers/handler.ts', imports: [{ module: '/app/helpers/helpers', names: ['addThreads', 'count'] }] },
      { file: '/app/tools/tools.ts', imports: [{ module: '/app/helpers/helpers', names: ['count'] }] },
      { file: '/app/tools/all.ts', imports: [{ module: '/app/handlers/handler', names: null }] },
    ],
  };

  it('maps each export of a file to the files of the run that import it', () => {
    expect(importedByIn(project, '/app/helpers/helpers.ts', '/app')).toEqual(
      new Map([
        ['addThreads', ['handlers/handler.ts']],
        ['count', ['handlers/handler.ts', 'tools/tools.ts']],
      ]),
    );
  });

  it('records a namespace import as `*`, and nothing for a file nobody imports', () => {
    expect(importedByIn(project, '/app/handlers/handler.ts', '/app')).toEqual(new Map([['*', ['tools/all.ts']]]));
    expect(importedByIn(project, '/app/tools/tools.ts', '/app')).toEqual(new Map());
  });
});
