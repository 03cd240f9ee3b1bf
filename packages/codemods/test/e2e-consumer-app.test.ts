/**
 * End to end, as the issue asks: the legacy consumer application
 * (`packages/legacy/src/{handlers,helpers,tools}`) is copied into a
 * git-ignored folder of this package, migrated by the BUILT CLI with `all`,
 * and then
 *   1. type-checks with `tsc --noEmit` (strict, the repository's base config)
 *      against `@sessionkit/core` and `@sessionkit/legacy-adapter`;
 *   2. imports nothing of the old system any more;
 *   3. passes the application's own behaviour suite, which also runs on the
 *      original application, unchanged, before it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineConsumerAppBehaviour, type ConsumerApp } from '@sessionkit/legacy/testing';
import jscodeshift from 'jscodeshift';
import { afterAll, describe, expect, it } from 'vitest';
import { findModuleReferences } from '../src/lib/module-references.js';
import { ADAPTER_PACKAGE, isAdapterSource } from '../src/lib/legacy-modules.js';
import { LEFTOVER_REASON_PREFIX } from '../src/transforms/to-adapter.js';

const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const cli = join(packageDir, 'dist/cli.js');
const legacySrc = join(dirname(require.resolve('@sessionkit/legacy/package.json')), 'src');
const APP_FOLDERS = ['handlers', 'helpers', 'tools'] as const;

// `test-results/` is git-ignored at the repository root, so a run over the
// repository (test/repository.test.ts) never walks into the copy. The copy is
// a project of its own (package.json, .git): the CLI reads no .gitignore above it.
const workDir = join(packageDir, 'test-results', 'e2e-consumer-app');
const appDir = join(workDir, 'app');
const reportFile = join(workDir, 'report.json');

interface Report {
  totals: Record<'scanned' | 'changed' | 'unchanged' | 'failed' | 'skipped' | 'markers', number>;
  files: { file: string; status: string }[];
  markers: { file: string; line: number; reason: string }[];
}

function copyApplication(): void {
  rmSync(workDir, { recursive: true, force: true });
  for (const folder of APP_FOLDERS) cpSync(join(legacySrc, folder), join(appDir, folder), { recursive: true });
  mkdirSync(join(appDir, '.git'));
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify({ name: 'legacy-consumer-app', private: true, type: 'module' }, null, 2)}\n`);
  // The repository's strict base config; @sessionkit/* resolve through this package's node_modules.
  const base = relative(appDir, join(packageDir, '..', '..', 'tsconfig.base.json'));
  writeFileSync(join(appDir, 'tsconfig.json'), `${JSON.stringify({ extends: base, include: [...APP_FOLDERS] }, null, 2)}\n`);
}

function appFiles(): string[] {
  return APP_FOLDERS.flatMap((folder) => readdirSync(join(appDir, folder)).map((file) => `${folder}/${file}`));
}

copyApplication();
const original = Object.fromEntries(appFiles().map((file) => [file, readFileSync(join(appDir, file), 'utf8')]));
const migration = spawnSync(process.execPath, [cli, 'all', '.', '--report', reportFile], { cwd: appDir, encoding: 'utf8' });
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
const migrated = Object.fromEntries(appFiles().map((file) => [file, readFileSync(join(appDir, file), 'utf8')]));

const before = (await import(pathToFileURL(join(legacySrc, 'tools', 'session_tools.ts')).href)) as ConsumerApp;
const legacyConfig = (await import(pathToFileURL(join(legacySrc, 'config.ts')).href)) as {
  getConfig(): { pbkdf2Iterations: number };
  setConfig(update: { pbkdf2Iterations: number }): void;
};
const after = (await import(pathToFileURL(join(appDir, 'tools', 'session_tools.ts')).href)) as ConsumerApp;

afterAll(() => {
  // Kept for a look after a failing run with SESSIONKIT_E2E_KEEP=1.
  if (process.env['SESSIONKIT_E2E_KEEP'] === undefined) rmSync(workDir, { recursive: true, force: true });
});

describe('the legacy consumer app, migrated by `sessionkit-codemod all`', () => {
  it('is migrated file by file without a failure, every site left for a human listed', () => {
    expect(migration.stderr).toBe('');
    expect(migration.status).toBe(0);
    expect(report.totals).toMatchObject({ scanned: 3, changed: 3, failed: 0, skipped: 0 });
    for (const file of appFiles()) expect(migrated[file]).not.toBe(original[file]);
    // The summary lists exactly the markers in the files.
    const inFiles = appFiles().flatMap((file) =>
      (migrated[file] ?? '').split('\n').flatMap((line, index) => (line.includes('// sessionkit-migrate:') ? [`${file}:${index + 1}`] : [])),
    );
    expect(report.markers.map((marker) => `${marker.file}:${marker.line}`).sort()).toEqual(inFiles.sort());
    expect(report.totals.markers).toBe(inFiles.length);
  });

  it('(1) type-checks with tsc --noEmit against @sessionkit/core and the adapter, with zero errors', () => {
    const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
    const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', appDir, '--listFilesOnly'], { encoding: 'utf8' });
    const loaded = result.stdout.split('\n');
    // …against the built declarations of core and the adapter, never the old system's.
    expect(loaded.some((file) => /\/core\/dist\/index\.d\.ts$/.test(file))).toBe(true);
    expect(loaded.some((file) => /\/legacy-adapter\/dist\/.*\.d\.ts$/.test(file))).toBe(true);
    expect(loaded.filter((file) => file.includes('/packages/legacy/'))).toEqual([]);

    const check = spawnSync(process.execPath, [tsc, '--noEmit', '-p', appDir], { encoding: 'utf8' });
    const errors = check.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors).toEqual([]);
    expect(check.status).toBe(0);
  }, 60_000); // a whole-program type check: seconds of CPU, no waiting

  it('(2) imports nothing of the old system: only core, the adapter (marked) and its own modules', () => {
    for (const file of appFiles()) {
      const source = migrated[file] ?? '';
      // The transforms' own recogniser…
      const j = jscodeshift.withParser('ts');
      const references = findModuleReferences(j, j(source));
      expect(references.filter((reference) => !isAdapterSource(reference.source)).map((reference) => reference.specifier), file).toEqual([]);
      // …and a plain look at every specifier as a cross-check.
      const specifiers = [...source.matchAll(/(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
      const unexpected = specifiers.filter(
        (specifier) =>
          !specifier.startsWith('node:') &&
          specifier !== '@sessionkit/core' &&
          !specifier.startsWith(ADAPTER_PACKAGE) &&
          !/^\.\.\/(handlers|helpers|tools)\//.test(specifier),
      );
      expect(unexpected, file).toEqual([]);
      // Each import still on the bridge says so.
      for (const [index, line] of source.split('\n').entries()) {
        if (!line.includes(`'${ADAPTER_PACKAGE}`)) continue;
        expect(source.split('\n')[index - 1], `${file}:${index + 1}`).toContain(LEFTOVER_REASON_PREFIX);
      }
    }
  });

  it('runs a second time without changing anything (idempotent)', () => {
    const again = spawnSync(process.execPath, [cli, 'all', '.', '--dry'], { cwd: appDir, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^sessionkit-codemod all \(dry run, nothing written\): 3 files scanned, 0 changed, 3 unchanged, 0 failed, 0 skipped$/m);
  }, 60_000);
});

// (3) The application's behaviour, written once: on the original, then on the migrated copy.
let previousIterations = legacyConfig.getConfig().pbkdf2Iterations;
defineConsumerAppBehaviour(before, {
  name: 'before migration: the original legacy application',
  // Every old tool call runs PBKDF2 for the binding: 1,000 rounds keep the behaviour and the suite fast.
  beforeAll: () => {
    previousIterations = legacyConfig.getConfig().pbkdf2Iterations;
    legacyConfig.setConfig({ pbkdf2Iterations: 1000 });
  },
  afterAll: () => legacyConfig.setConfig({ pbkdf2Iterations: previousIterations }),
});
defineConsumerAppBehaviour(after, { name: 'after migration: the copy migrated by `all`' });
