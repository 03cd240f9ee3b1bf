/**
 * The built CLI on real folders: what it scans and skips, the summary, the
 * JSON report, exit codes, --dry, --print, remove-adapter's verdict.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { codemods } from '../src/lib/codemods.js';
import { MARKER_PREFIX } from '../src/lib/migration-marker.js';
import { FIXTURES_DIR } from './fixtures.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const CONSUMER = readFileSync(join(FIXTURES_DIR, 'all/consumer.input.ts'), 'utf8');
const OLD_IMPORT = "import { SessionManager } from '@sessionkit/legacy';\nexport const manager = new SessionManager();\n";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sessionkit-cli-'));
  folders.push(root);
  mkdirSync(join(root, '.git'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  return root;
}

function codemod(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Report {
  version: number;
  transform: string;
  dry: boolean;
  totals: Record<string, number>;
  files: { file: string; status: string; markers: { line: number; reason: string }[]; reason?: string }[];
  markers: { file: string; line: number; reason: string }[];
  adapterImports?: number;
}

describe('sessionkit-codemod', () => {
  it('lists every transform of the registry with its description', () => {
    const result = codemod(tmpdir(), 'list');
    expect(result.status).toBe(0);
    for (const codemod of codemods) expect(result.stdout).toMatch(new RegExp(`^${codemod.name} +${codemod.description.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  });

  it('exits 2 with the usage on bad arguments', () => {
    for (const args of [[], ['rename-all', '.'], ['all', 'no-such-folder'], ['all', '.', '--parser', 'flow']]) {
      const result = codemod(tmpdir(), ...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('usage: sessionkit-codemod');
    }
  });

  it('exits 2 on a --report path it cannot write, before any file is rewritten', () => {
    const root = project({ 'src/tools.ts': CONSUMER });
    const result = codemod(root, 'all', 'src', '--report', 'reports/missing/report.json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--report reports/missing/report.json: the folder reports/missing does not exist');
    expect(readFileSync(join(root, 'src/tools.ts'), 'utf8')).toBe(CONSUMER);
  });

  it('--dry reports per file and every marker, writes nothing, and exits 1 when a file fails to parse', () => {
    const files = {
      '.gitignore': 'build/\n',
      'src/tools.ts': CONSUMER,
      'src/helpers.ts': 'export const twice = (n: number) => n * 2;\n',
      'src/broken.ts': 'export const = ;\n',
      'src/bundle.js': `${OLD_IMPORT}\u0000`,
      'build/tools.ts': OLD_IMPORT,
      'node_modules/dep/index.ts': OLD_IMPORT,
    };
    const root = project(files);
    const result = codemod(root, 'all', '.', '--dry', '--report', 'report.json');

    expect(result.status).toBe(1);
    for (const [file, content] of Object.entries(files)) expect(readFileSync(join(root, file), 'utf8')).toBe(content);

    const report = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as Report;
    expect(report).toMatchObject({ version: 1, transform: 'all', dry: true });
    expect(report.totals).toEqual({ scanned: 4, changed: 1, unchanged: 1, failed: 1, skipped: 1, markers: report.markers.length });
    expect(report.files.map((file) => [file.file, file.status])).toEqual([
      ['src/broken.ts', 'failed'],
      ['src/bundle.js', 'skipped'],
      ['src/helpers.ts', 'unchanged'],
      ['src/tools.ts', 'changed'],
    ]);
    expect(report.files[0]?.reason).toMatch(/Unexpected token/);
    expect(report.files[1]?.reason).toBe('binary file');
    expect(report.markers.length).toBeGreaterThan(0);

    expect(result.stdout).toContain('sessionkit-codemod all (dry run, nothing written): 4 files scanned, 1 changed, 1 unchanged, 1 failed, 1 skipped');
    expect(result.stdout).toContain(`changed   src/tools.ts  (${report.markers.length} markers)`);
    expect(result.stdout).toContain('skipped   1 file: binary file');
    for (const marker of report.markers) expect(result.stdout).toContain(`  ${marker.file}:${marker.line}  ${marker.reason}`);
  });

  it('writes the migration, with markers on the lines it reports, and a second run changes nothing', () => {
    const root = project({ 'src/tools.ts': CONSUMER, 'src/helpers.ts': 'export const twice = (n: number) => n * 2;\n' });
    const first = codemod(root, 'all', 'src', '--report', 'report.json');
    expect(first.status).toBe(0);
    const migrated = readFileSync(join(root, 'src/tools.ts'), 'utf8');
    expect(migrated).not.toBe(CONSUMER);
    expect(migrated).toContain("from '@sessionkit/core'");

    const report = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as Report;
    const lines = migrated.split('\n');
    for (const marker of report.markers) expect(lines[marker.line - 1]?.trim()).toBe(`// ${MARKER_PREFIX} ${marker.reason}`);

    const second = codemod(root, 'all', 'src');
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('2 files scanned, 0 changed, 2 unchanged');
    expect(readFileSync(join(root, 'src/tools.ts'), 'utf8')).toBe(migrated);
  });

  it('--print writes each changed file to stdout and the summary to stderr', () => {
    const root = project({ 'app.ts': OLD_IMPORT });
    const result = codemod(root, 'to-adapter', 'app.ts', '--dry', '--print');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("import { SessionManager } from '@sessionkit/legacy-adapter';");
    expect(result.stderr).toContain('sessionkit-codemod to-adapter (dry run, nothing written): 1 files scanned, 1 changed');
    expect(readFileSync(join(root, 'app.ts'), 'utf8')).toBe(OLD_IMPORT);
  });

  it('honours --extensions, --ignore-pattern and --target', () => {
    const root = project({
      'src/session_manager.ts': 'export class SessionManager {}\n',
      'src/session_data.ts': 'export class SessionData {}\n',
      'src/app.ts': "import { SessionManager } from './session_manager';\nexport const m = new SessionManager();\n",
      'src/app.js': OLD_IMPORT,
      'src/generated/app.ts': OLD_IMPORT,
    });
    const result = codemod(root, 'imports', 'src', '--extensions', 'ts', '--ignore-pattern', '**/generated/**', '--target', 'relative', '--report', 'r.json');
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(join(root, 'r.json'), 'utf8')) as Report;
    expect(report.files.map((file) => [file.file, file.status])).toEqual([
      ['src/app.ts', 'changed'],
      ['src/session_data.ts', 'skipped'],
      ['src/session_manager.ts', 'skipped'],
    ]);
    expect(readFileSync(join(root, 'src/app.ts'), 'utf8')).toBe("import { SimpleSessionManager } from './session_manager';\nexport const m = new SimpleSessionManager();\n");
  });

  it('keeps an old type in a signature that another file of the run imports, and only then', () => {
    const helper = [
      "import type { SessionData } from '../session_data';",
      'export function idOf(data: SessionData): string {',
      '  return data.sessionId;',
      '}',
      '',
    ].join('\n');
    const caller = "import { getSessionData } from '../session_data';\nimport { idOf } from './helper.js';\nexport const id = idOf(getSessionData('s'));\n";
    const root = project({ 'src/helper.ts': helper, 'src/caller.ts': caller, 'alone/helper.ts': helper });

    const result = codemod(root, 'all', 'src', 'alone', '--report', 'report.json');
    expect(result.status).toBe(0);
    // Imported by src/caller.ts (which still passes an old SessionData): the parameter stays old, through the bridge.
    const kept = readFileSync(join(root, 'src/helper.ts'), 'utf8');
    expect(kept).toContain("import type { SessionData } from '@sessionkit/legacy-adapter';");
    expect(kept).toContain(`// ${MARKER_PREFIX} keeps the old SessionData in its signature: src/caller.ts imports it`);
    expect(kept).toContain('export function idOf(data: SessionData): string {');
    // The same file with no importer in the run moves to core's Session.
    const moved = readFileSync(join(root, 'alone/helper.ts'), 'utf8');
    expect(moved).toContain("import type { Session } from '@sessionkit/core';");
    expect(moved).toContain('export function idOf(data: Session): string {');
  });

  it('remove-adapter exits 1 while adapter imports remain and 0 once none do', () => {
    const root = project({ 'src/a.ts': "import { getSessionData } from '@sessionkit/legacy-adapter';\nexport const d = getSessionData('x');\n" });
    const remaining = codemod(root, 'remove-adapter', 'src');
    expect(remaining.status).toBe(1);
    expect(remaining.stdout).toContain('src/a.ts:1  still imports @sessionkit/legacy-adapter (getSessionData)');
    expect(remaining.stdout).toContain('1 @sessionkit/legacy-adapter import left');

    writeFileSync(join(root, 'src/a.ts'), "import { getSessionManager } from '@sessionkit/core';\nexport const m = getSessionManager();\n");
    const clean = codemod(root, 'remove-adapter', 'src');
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('no @sessionkit/legacy-adapter import left');
  });

  it('shows a progress line on stderr for runs over many files', () => {
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, index) => [`src/file${index}.ts`, `export const n${index} = ${index};\n`]));
    const root = project(files);
    const result = codemod(root, 'all', 'src', '--dry');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('sessionkit-codemod: 60 files done');
    const small = codemod(root, 'all', 'src/file1.ts', '--dry');
    expect(small.stderr).toBe('');
  });
});

describe('a copy of the fixtures as a project', () => {
  it('migrates every input fixture through the CLI without a failure', () => {
    const root = mkdtempSync(join(tmpdir(), 'sessionkit-cli-fixtures-'));
    folders.push(root);
    cpSync(FIXTURES_DIR, join(root, 'fixtures'), { recursive: true, filter: (source) => !/\.output\./.test(source) && !source.endsWith('.json') });
    const result = codemod(root, 'all', 'fixtures', '--report', 'r.json');
    const report = JSON.parse(readFileSync(join(root, 'r.json'), 'utf8')) as Report;
    expect(result.status).toBe(0);
    expect(report.totals['failed']).toBe(0);
    expect(report.totals['changed']).toBeGreaterThan(40);
  });
});
