/**
 * The fixture apps of the end-to-end tests: each is copied into a folder of
 * its own under `test-results/` (git-ignored, so runs over the repository
 * never walk into it; a project of its own with package.json and .git, so no
 * .gitignore above it applies), migrated there, type-checked there.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const APPS_DIR = join(PACKAGE_DIR, 'test', 'apps');
export const LEGACY_SRC = join(dirname(require.resolve('@sessionkit/legacy/package.json')), 'src');
const TSC = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
export const CLI = join(PACKAGE_DIR, 'dist', 'cli.js');

export interface AppCopy {
  name: string;
  /** The copy's root (the migration runs there). */
  root: string;
  /** Source folders, relative to the root. */
  folders: readonly string[];
}

/** Every file under a folder, relative to `root`, sorted. */
export function filesOf(root: string, folders: readonly string[]): string[] {
  const walk = (directory: string): string[] =>
    readdirSync(join(root, directory)).flatMap((name) =>
      statSync(join(root, directory, name)).isDirectory() ? walk(join(directory, name)) : [join(directory, name)],
    );
  return folders.flatMap(walk).sort();
}

/** A fresh copy of a fixture app (or of the legacy package's sample app) as a project of its own. */
export function copyApp(name: string, source: { dir: string; folders: readonly string[] } = { dir: join(APPS_DIR, name), folders: ['src'] }): AppCopy {
  const root = join(PACKAGE_DIR, 'test-results', 'apps', name);
  rmSync(root, { recursive: true, force: true });
  for (const folder of source.folders) cpSync(join(source.dir, folder), join(root, folder), { recursive: true });
  mkdirSync(join(root, '.git'), { recursive: true });
  writeFileSync(join(root, 'package.json'), `${JSON.stringify({ name, private: true, type: 'module' }, null, 2)}\n`);
  // The repository's strict base config; @sessionkit/* resolve through this package's node_modules.
  const base = relative(root, join(PACKAGE_DIR, '..', '..', 'tsconfig.base.json'));
  writeFileSync(
    join(root, 'tsconfig.json'),
    `${JSON.stringify({ extends: base, compilerOptions: { allowJs: true, checkJs: true }, include: [...source.folders] }, null, 2)}\n`,
  );
  return { name, root, folders: source.folders };
}

export function readApp(app: AppCopy): Record<string, string> {
  return Object.fromEntries(filesOf(app.root, app.folders).map((file) => [file, readFileSync(join(app.root, file), 'utf8')]));
}

/** `tsc --noEmit` over a project folder (a copy, or the fixture apps): the error lines (empty when it type-checks). */
export function typeErrors(app: { root: string }): string[] {
  const result = spawnSync(process.execPath, [TSC, '--noEmit', '-p', app.root], { encoding: 'utf8' });
  return result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI, in one process (no worker processes to start: the suites run many small runs). */
export function codemod(cwd: string, ...args: string[]): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args, '--run-in-band'], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Module specifiers a file names (imports, re-exports, require, import(), JSDoc import types). */
export function specifiersIn(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
}
