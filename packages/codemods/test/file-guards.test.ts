import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import jscodeshift from 'jscodeshift';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SOURCE_LENGTH, skipReason } from '../src/lib/file-guards.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sessionkit-guards-'));
  roots.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  return root;
}

const USES_OLD = "import { SessionManager } from './session_manager';\n";

describe('skipReason', () => {
  it('skips binary and huge files', () => {
    expect(skipReason('/virtual/a.js', 'abc\u0000def', jscodeshift)).toBe('binary file');
    expect(skipReason('/virtual/a.js', 'x'.repeat(MAX_SOURCE_LENGTH + 1), jscodeshift)).toMatch(/^larger than/);
    expect(skipReason('/virtual/a.ts', USES_OLD, jscodeshift)).toBeNull();
  });

  it('in the @sessionkit/* packages, migrates only app code that uses the old session API beside an old system of its own package', () => {
    const oldSystem = {
      'legacy/package.json': JSON.stringify({ name: '@sessionkit/legacy' }),
      'legacy/src/session_manager.ts': "import { SessionError } from './exceptions';\nexport class SessionManager {}\n",
      'legacy/src/session_data.ts': 'export function getSessionData() {}\n',
      'legacy/src/exceptions.ts': 'export class SessionError extends Error {}\n',
      'legacy/src/config.ts': 'export function getConfig() {}\n',
    };
    const files = {
      ...oldSystem,
      // The sample app: the old session API, by relative path, from the package's own old modules.
      'legacy/src/tools/session_tools.ts': "import { getSessionData } from '../session_data.js';\n",
      'legacy/src/handlers/handler.js': "const { SessionManager } = require('../session_manager');\n",
      // The system's plumbing and its tests: errors and config only.
      'legacy/src/internal/time.ts': "import { SessionError } from '../exceptions.js';\n",
      'legacy/test/app.test.ts': "import { getConfig } from '../src/config.js';\n",
      // Old names from modules that are not there (a fixture), or through the package name (a benchmark).
      'codemods/package.json': JSON.stringify({ name: '@sessionkit/codemods' }),
      'codemods/src/__testfixtures__/basic.input.ts': "import { SessionManager } from '../session_manager';\n",
      'bench/package.json': JSON.stringify({ name: '@sessionkit/bench' }),
      'bench/src/systems.ts': "import { SessionManager } from '@sessionkit/legacy';\n",
      // Another package's old modules are not this package's own.
      'core/package.json': JSON.stringify({ name: '@sessionkit/core' }),
      'core/src/session.ts': "import { getSessionData } from '../../legacy/src/session_data';\n",
      // Any package of the scope, with no list of names: an app built on core.
      'demo/package.json': JSON.stringify({ name: '@sessionkit/mcp-demo' }),
      'demo/src/manager.ts': "import { SimpleSessionManager } from '@sessionkit/core';\n",
      'app/package.json': JSON.stringify({ name: 'my-app' }),
      'app/src/server.ts': USES_OLD,
    };
    const root = tree(files);
    const reason = (file: keyof typeof files): string | null => skipReason(join(root, file), files[file], jscodeshift);
    expect(reason('legacy/src/tools/session_tools.ts')).toBeNull();
    expect(reason('legacy/src/handlers/handler.js')).toBeNull();
    expect(reason('legacy/src/internal/time.ts')).toBe('part of @sessionkit/legacy itself');
    expect(reason('legacy/test/app.test.ts')).toBe('part of @sessionkit/legacy itself');
    expect(reason('legacy/src/session_manager.ts')).toBe('part of @sessionkit/legacy itself');
    expect(reason('codemods/src/__testfixtures__/basic.input.ts')).toBe('part of @sessionkit/codemods itself');
    expect(reason('bench/src/systems.ts')).toBe('part of @sessionkit/bench itself');
    expect(reason('core/src/session.ts')).toBe('part of @sessionkit/core itself');
    expect(reason('demo/src/manager.ts')).toBe('part of @sessionkit/mcp-demo itself');
    // Outside the scope, a file is migrated whatever it imports.
    expect(reason('app/src/server.ts')).toBeNull();
  });

  it("skips an app's own copy of the old modules and their barrel, not its other files", () => {
    const root = tree({
      'src/session_manager.ts': "import { SessionData } from './session_data';\n",
      'src/session_data.ts': 'export class SessionData {}\n',
      'src/config.ts': "import { SessionManager } from './session_manager';\n",
      'src/index.ts': "export * from './session_manager';\nexport { SessionData } from './session_data';\n",
      'src/server.ts': USES_OLD,
      'lib/config.ts': USES_OLD,
    });
    expect(skipReason(join(root, 'src/session_manager.ts'), '', jscodeshift)).toBe('a module of the old system itself');
    expect(skipReason(join(root, 'src/config.ts'), '', jscodeshift)).toBe('a module of the old system itself');
    expect(skipReason(join(root, 'src/index.ts'), '', jscodeshift)).toBe('a module of the old system itself');
    expect(skipReason(join(root, 'src/server.ts'), USES_OLD, jscodeshift)).toBeNull();
    // A config.ts with no old modules beside it is ordinary app code.
    expect(skipReason(join(root, 'lib/config.ts'), USES_OLD, jscodeshift)).toBeNull();
  });
});
