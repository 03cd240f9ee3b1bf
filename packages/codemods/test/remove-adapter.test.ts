import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import removeAdapter from '../src/transforms/remove-adapter.js';
import { describeFixtures } from './fixtures.js';
import { migrateSource } from '../src/lib/define-transform.js';
import { rule } from '../src/transforms/remove-adapter.js';

describeFixtures('remove-adapter', removeAdapter, ['basic', 'write-markers', 'commonjs', 'acknowledged', 'already-marked', 'none-left']);

describe('remove-adapter reporting', () => {
  const source = [
    "import { SimpleSessionManager } from '@sessionkit/core';",
    "import { getSessionData } from '@sessionkit/legacy-adapter';",
    '// sessionkit-migrate-ignore: kept for the plugin API',
    "import type { SessionData } from '@sessionkit/legacy-adapter/session_data';",
    "const lazy = () => import('@sessionkit/legacy-adapter/session_security');",
    '',
  ].join('\n');

  it('lists each unacknowledged adapter import with its line, without touching the file', () => {
    const result = migrateSource(jscodeshift, { path: '/virtual/a.ts', source }, [rule], { target: 'package', writeMarkers: false, importedBy: new Map() });
    expect(result.output).toBe(source);
    expect(result.counts).toEqual({ adapterImports: 2 });
    expect(result.reported.map((site) => site.line)).toEqual([2, 5]);
    expect(result.reported[0]?.reason).toContain('@sessionkit/legacy-adapter (getSessionData)');
  });

  it('counts nothing in a file that only uses core', () => {
    const result = migrateSource(jscodeshift, { path: '/virtual/b.ts', source: "import { Session } from '@sessionkit/core';\n" }, [rule], {
      target: 'package',
      writeMarkers: false,
      importedBy: new Map(),
    });
    expect(result.counts).toEqual({});
    expect(result.reported).toEqual([]);
  });
});
