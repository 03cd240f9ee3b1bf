/**
 * Checks the BUILT package (dist/) as applications load it: through the
 * exports map, in a fresh `node` process per module format. Every subpath
 * must share one copy of each class, of the session-data registry and of the
 * lock-manager singleton, and the old error names must be core's classes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, packageDir } from './support/consumer_app.js';

const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, Record<string, string>>>;
  dependencies: Record<string, string>;
};

const MODULES = ['exceptions', 'config', 'models', 'session_lock_manager', 'session_concurrency', 'session_security', 'session_data', 'session_manager'];

/**
 * One program, written against `load(specifier)` (`await import` or
 * `require`), printing a JSON report. It runs inside the package, so the
 * package name resolves to itself through the exports map. It records the
 * process warnings seen after the imports and after the first uses.
 */
const probe = (load: (specifier: string) => string) => `
  const warnings = [];
  process.on('warning', (warning) => warnings.push(warning.code));
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const core = ${load("'@sessionkit/core'")};
  const asyncMutex = ${load("'async-mutex'")};
  const root = ${load("'@sessionkit/legacy-adapter'")};
  const sub = {};
  for (const name of ${JSON.stringify(MODULES)}) sub[name] = ${load("'@sessionkit/legacy-adapter/' + name")};
  await tick();
  const warningsAfterImport = [...warnings];
  const data = new sub.session_data.SessionData('probe-1', new Date());
  root.registerSessionData(data);
  const record = new sub.models.ContextSwitcherSession('probe-2', new Date());
  new root.SessionManager();
  new sub.session_manager.SessionManager();
  const lockManager = sub.session_lock_manager.getSessionLockManager();
  await tick();
  console.log(JSON.stringify({
    modules: Object.keys(sub).length,
    errorsAreCore:
      sub.exceptions.SecurityError === core.SessionSecurityError &&
      sub.exceptions.ConcurrencyError === core.SessionConcurrencyError &&
      sub.exceptions.SessionError === core.SessionError &&
      sub.exceptions.SessionCleanupError === core.SessionCleanupError,
    errorsShared: ['SessionError', 'SessionCleanupError', 'SecurityError', 'ConcurrencyError'].every((n) => sub.exceptions[n] === root[n]),
    securityErrorReexported: sub.session_security.SecurityError === core.SessionSecurityError,
    concurrencyErrorReexported: sub.session_concurrency.ConcurrencyError === core.SessionConcurrencyError,
    threadIsCore: sub.models.Thread === core.Thread && sub.models.ModelBackend === core.ModelBackend,
    bindingReexported: sub.session_security.ClientBinding === sub.models.ClientBinding,
    recordClassShared: record instanceof root.ContextSwitcherSession,
    recordRunsOnCore: root.toCoreSession(record) instanceof core.Session,
    lockManagerSingleton:
      lockManager === root.getSessionLockManager() && lockManager instanceof sub.session_lock_manager.SessionLockManager,
    registryShared: sub.session_data.getSessionData('probe-1') === data,
    lockIsMutex: lockManager.getLock('probe-3') instanceof asyncMutex.Mutex,
    managerIsAdapter: sub.session_manager.SessionManager === root.LegacySessionManagerAdapter,
    warningsAfterImport,
    warnings,
  }));
`;

function runNode(args: string[]): unknown {
  const env = { ...process.env };
  delete env['SESSIONKIT_NO_DEPRECATION'];
  env['SESSIONKIT_SECRET_KEYS'] = 'module-format-probe-key'; // no random-key warning among the ones the probe lists
  // stderr (Node printing the expected warnings) is piped away; the probe reports them itself.
  const output = execFileSync(process.execPath, args, { cwd: packageDir, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(output);
}

const expected = {
  modules: MODULES.length,
  errorsAreCore: true,
  errorsShared: true,
  securityErrorReexported: true,
  concurrencyErrorReexported: true,
  threadIsCore: true,
  bindingReexported: true,
  recordClassShared: true,
  recordRunsOnCore: true,
  lockManagerSingleton: true,
  registryShared: true,
  lockIsMutex: true,
  managerIsAdapter: true,
  // sideEffects: false: importing warns about nothing; each first use once.
  warningsAfterImport: [],
  warnings: [
    'SESSIONKIT_LEGACY_SESSION_DATA',
    'SESSIONKIT_LEGACY_CONTEXT_SWITCHER_SESSION',
    'SESSIONKIT_LEGACY_SESSION_MANAGER',
    'SESSIONKIT_LEGACY_SESSION_LOCK_MANAGER',
  ],
};

describe('built output (dist/)', () => {
  beforeAll(assertBuilt);

  it('exposes every old module as a subpath, each with import and require targets and types that exist', () => {
    const subpaths = Object.keys(manifest.exports).filter((key) => key !== './package.json');
    expect(subpaths.sort()).toEqual(['.', ...MODULES.map((name) => `./${name}`)].sort());
    for (const [subpath, conditions] of Object.entries(manifest.exports)) {
      if (typeof conditions === 'string') continue;
      expect(Object.keys(conditions).sort(), subpath).toEqual(['import', 'require']);
      for (const format of ['import', 'require']) {
        const targets = conditions[format] ?? {};
        expect(Object.keys(targets), `${subpath} ${format}`).toEqual(['types', 'default']);
        for (const target of Object.values(targets)) {
          expect(() => readFileSync(join(packageDir, target)), `${subpath} ${format} -> ${target}`).not.toThrow();
        }
      }
    }
  });

  it('shares classes, the registry and the lock-manager singleton across subpaths in ESM', () => {
    const script = `(async () => { ${probe((specifier) => `(await import(${specifier}))`)} })()`;
    expect(runNode(['--input-type=module', '--eval', script])).toEqual(expected);
  });

  it('shares classes, the registry and the lock-manager singleton across subpaths in CommonJS', () => {
    const script = `(async () => { ${probe((specifier) => `require(${specifier})`)} })()`;
    expect(runNode(['--input-type=commonjs', '--eval', script])).toEqual(expected);
  });

  it('warns about nothing when SESSIONKIT_NO_DEPRECATION=1', () => {
    const script = `
      const warnings = [];
      process.on('warning', (warning) => warnings.push(warning.code));
      const adapter = require('@sessionkit/legacy-adapter');
      new adapter.SessionManager();
      new adapter.ContextSwitcherSession('quiet-1', new Date());
      setImmediate(() => console.log(JSON.stringify(warnings)));`;
    const output = execFileSync(process.execPath, ['--input-type=commonjs', '--eval', script], {
      cwd: packageDir,
      encoding: 'utf8',
      env: { ...process.env, SESSIONKIT_NO_DEPRECATION: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(JSON.parse(output)).toEqual([]);
  });
});

describe('types under TypeScript’s older module resolution', () => {
  beforeAll(assertBuilt);

  it('every subpath resolves under moduleResolution node10 (typesVersions), and a program using them type-checks', () => {
    // A consumer outside the package, finding it through node_modules as an installed copy.
    const consumer = mkdtempSync(join(tmpdir(), 'adapter-node10-'));
    try {
      mkdirSync(join(consumer, 'node_modules', '@sessionkit'), { recursive: true });
      symlinkSync(packageDir, join(consumer, 'node_modules', '@sessionkit', 'legacy-adapter'), 'dir');
      const options: ts.CompilerOptions = {
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        target: ts.ScriptTarget.ES2022,
        strict: true,
        noEmit: true,
        types: [],
        // What `tsc --init` sets: third-party declarations (zod's) are not this package's to check.
        esModuleInterop: true,
        skipLibCheck: true,
      };
      const entry = join(consumer, 'index.ts');
      const resolved = ['', ...MODULES.map((name) => `/${name}`)].map((subpath) => {
        const specifier = `@sessionkit/legacy-adapter${subpath}`;
        const file = ts.resolveModuleName(specifier, entry, options, ts.sys).resolvedModule?.resolvedFileName;
        return [specifier, file?.slice(file.indexOf('/dist/'))];
      });
      expect(resolved).toEqual(
        ['', ...MODULES.map((name) => `/${name}`)].map((subpath) => [
          `@sessionkit/legacy-adapter${subpath}`,
          subpath === '' ? '/dist/index.d.cts' : `/dist${subpath}.d.cts`,
        ]),
      );
      writeFileSync(
        entry,
        [
          "import { SessionError } from '@sessionkit/legacy-adapter/exceptions';",
          "import { getConfig } from '@sessionkit/legacy-adapter/config';",
          "import { ContextSwitcherSession } from '@sessionkit/legacy-adapter/models';",
          "import { getSessionLockManager } from '@sessionkit/legacy-adapter/session_lock_manager';",
          "import { createSessionConcurrency } from '@sessionkit/legacy-adapter/session_concurrency';",
          "import { SessionSecurity } from '@sessionkit/legacy-adapter/session_security';",
          "import { SessionData } from '@sessionkit/legacy-adapter/session_data';",
          "import { SessionManager } from '@sessionkit/legacy-adapter/session_manager';",
          'const record: ContextSwitcherSession = new ContextSwitcherSession("n10", new Date());',
          'const manager = new SessionManager({ maxSessions: getConfig().maxActiveSessions });',
          'export const uses = [record, manager, SessionError, getSessionLockManager().getLock("n10").isLocked(),',
          '  createSessionConcurrency("n10").version, new SessionSecurity("n10"), new SessionData("n10", new Date())];',
        ].join('\n'),
      );
      const program = ts.createProgram([entry], options);
      const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(consumer, { recursive: true, force: true });
    }
  }, 60_000); // a whole-program type check: seconds of CPU, no waiting
});

describe('dependencies', () => {
  it('never imports @sessionkit/legacy: the adapter replaces it (dev dependency for the tests only)', () => {
    // async-mutex: the locks the old lock manager hands out are its Mutex, as before.
    expect(Object.keys(manifest.dependencies)).toEqual(['@sessionkit/core', 'async-mutex']);
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : [join(dir, entry.name)]));
    const offenders = [...sources(join(packageDir, 'src')), ...sources(join(packageDir, 'dist'))].filter((file) =>
      /['"]@sessionkit\/legacy['"/]/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
