import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
    expect(skipReason('/virtual/a.js', 'abc\u0000def')).toBe('binary file');
    expect(skipReason('/virtual/a.js', 'x'.repeat(MAX_SOURCE_LENGTH + 1))).toMatch(/^larger than/);
    expect(skipReason('/virtual/a.ts', USES_OLD)).toBeNull();
  });

  it('skips the sessionkit packages themselves, and all of @sessionkit/legacy but its consumer app', () => {
    const root = tree({
      'core/package.json': JSON.stringify({ name: '@sessionkit/core' }),
      'core/src/session.ts': USES_OLD,
      'legacy/package.json': JSON.stringify({ name: '@sessionkit/legacy' }),
      'legacy/src/session_manager.ts': USES_OLD,
      'legacy/test/manager.test.ts': USES_OLD,
      'legacy/src/tools/session_tools.ts': USES_OLD,
      'app/package.json': JSON.stringify({ name: 'my-app' }),
      'app/src/server.ts': USES_OLD,
    });
    expect(skipReason(join(root, 'core/src/session.ts'), USES_OLD)).toBe('part of @sessionkit/core itself');
    expect(skipReason(join(root, 'legacy/src/session_manager.ts'), USES_OLD)).toBe('part of @sessionkit/legacy itself');
    expect(skipReason(join(root, 'legacy/test/manager.test.ts'), USES_OLD)).toBe('part of @sessionkit/legacy itself');
    expect(skipReason(join(root, 'legacy/src/tools/session_tools.ts'), USES_OLD)).toBeNull();
    expect(skipReason(join(root, 'app/src/server.ts'), USES_OLD)).toBeNull();
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
    expect(skipReason(join(root, 'src/session_manager.ts'), '')).toBe('a module of the old system itself');
    expect(skipReason(join(root, 'src/config.ts'), '')).toBe('a module of the old system itself');
    expect(skipReason(join(root, 'src/index.ts'), '')).toBe('a module of the old system itself');
    expect(skipReason(join(root, 'src/server.ts'), USES_OLD)).toBeNull();
    // A config.ts with no old modules beside it is ordinary app code.
    expect(skipReason(join(root, 'lib/config.ts'), USES_OLD)).toBeNull();
  });
});
