/**
 * Checks the BUILT package (dist/) as other packages load it: through the
 * exports map, in a fresh `node` process per module format. Every subpath
 * must share one copy of each class and of the lock-manager singleton.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, Record<string, string>>>;
};

const MODULES = [
  'exceptions',
  'config',
  'models',
  'session_lock_manager',
  'session_concurrency',
  'session_security',
  'session_data',
  'session_manager',
  'handlers/session_handler',
  'helpers/session_helpers',
  'tools/session_tools',
];

/**
 * One program, written against a `load(specifier)` function, that prints a
 * JSON report of identities across subpaths. `load` is `await import` (ESM)
 * or `require` (CJS); the script runs inside the package so its name resolves
 * to itself through the exports map.
 */
const probe = (load: (specifier: string) => string) => `
  const root = ${load("'@sessionkit/legacy'")};
  const sub = {};
  for (const name of ${JSON.stringify(MODULES)}) sub[name] = ${load("'@sessionkit/legacy/' + name")};
  const errors = ['SessionError', 'SessionCleanupError', 'SecurityError', 'ConcurrencyError'];
  const session = new sub.models.ContextSwitcherSession('probe-1', new Date());
  const data = new sub.session_data.SessionData('probe-1', new Date());
  sub.session_data.registerSessionData(data);
  console.log(JSON.stringify({
    modules: Object.keys(sub).length,
    errorsShared: errors.every((name) => sub.exceptions[name] === root[name]),
    securityErrorReexported: sub.session_security.SecurityError === root.SecurityError,
    concurrencyErrorReexported: sub.session_concurrency.ConcurrencyError === root.ConcurrencyError,
    bindingReexported: sub.session_security.ClientBinding === sub.models.ClientBinding,
    sessionClassShared: session instanceof root.ContextSwitcherSession,
    lockManagerSingleton:
      sub.session_lock_manager.getSessionLockManager() === root.getSessionLockManager() &&
      root.getSessionLockManager() instanceof sub.session_lock_manager.SessionLockManager,
    registryShared: root.getSessionData('probe-1') === data,
    managerClassShared: sub.session_manager.SessionManager === root.SessionManager,
    toolsShared: sub['tools/session_tools'].startContextAnalysis === root.startContextAnalysis,
  }));
`;

function runNode(args: string[]): unknown {
  const output = execFileSync(process.execPath, args, { cwd: packageDir, encoding: 'utf8' });
  return JSON.parse(output);
}

const expected = {
  modules: MODULES.length,
  errorsShared: true,
  securityErrorReexported: true,
  concurrencyErrorReexported: true,
  bindingReexported: true,
  sessionClassShared: true,
  lockManagerSingleton: true,
  registryShared: true,
  managerClassShared: true,
  toolsShared: true,
};

describe('built output (dist/)', () => {
  beforeAll(() => {
    if (!existsSync(join(packageDir, 'dist', 'index.js'))) {
      throw new Error('dist/ is missing: run `pnpm --filter @sessionkit/legacy build` before these tests');
    }
  });

  it('exposes every old module as a subpath, each with import and require targets that exist', () => {
    const subpaths = Object.keys(manifest.exports).filter((key) => key !== './package.json');
    expect(subpaths.sort()).toEqual(['.', './testing', ...MODULES.map((name) => `./${name}`)].sort());
    for (const [subpath, conditions] of Object.entries(manifest.exports)) {
      if (typeof conditions === 'string') continue;
      const formats = subpath === './testing' ? ['import'] : ['import', 'require'];
      expect(Object.keys(conditions).sort(), subpath).toEqual(formats.sort());
      for (const format of formats) {
        for (const target of Object.values(conditions[format] ?? {})) {
          expect(existsSync(join(packageDir, target)), `${subpath} ${format} -> ${target}`).toBe(true);
        }
      }
    }
  });

  it('shares classes, the registry and the lock-manager singleton across subpaths in ESM', () => {
    const script = `(async () => { ${probe((specifier) => `(await import(${specifier}))`)} })()`;
    expect(runNode(['--input-type=module', '--eval', script])).toEqual(expected);
  });

  it('shares classes, the registry and the lock-manager singleton across subpaths in CommonJS', () => {
    const script = probe((specifier) => `require(${specifier})`);
    expect(runNode(['--input-type=commonjs', '--eval', script])).toEqual(expected);
  });

  it('serves the suite factories to ESM test files', () => {
    const script = `const t = await import('@sessionkit/legacy/testing');
      console.log(JSON.stringify([typeof t.defineLegacyContract, typeof t.defineConsumerAppBehaviour]));`;
    expect(runNode(['--input-type=module', '--eval', script])).toEqual(['function', 'function']);
  });
});
