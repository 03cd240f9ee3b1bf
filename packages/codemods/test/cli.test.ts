/**
 * The built CLI on real folders: what it scans and skips, the summary, the
 * JSON report, exit codes, --dry, --print, remove-adapter's verdict.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { codemods } from '../src/lib/codemods.js';
import { MARKER_PREFIX } from '../src/lib/migration-marker.js';
import { FIXTURES_DIR } from './fixtures.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
/** A file that migrates with one marker left (an unchecked addSession), and one that migrates cleanly. */
const CONSUMER = readFileSync(join(FIXTURES_DIR, 'all/session-data.input.ts'), 'utf8');
const CLEAN = readFileSync(join(FIXTURES_DIR, 'all/manager-options.input.ts'), 'utf8');
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

/** The built CLI, in one process unless the test asks for workers (`--cpus`). */
function codemod(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args, ...(args.includes('--cpus') ? [] : ['--run-in-band'])], { cwd, encoding: 'utf8' });
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
    for (const codemod of codemods)
      expect(result.stdout).toMatch(new RegExp(`^${codemod.name} +${codemod.description.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
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
    expect(report.totals).toEqual({ scanned: 4, changed: 1, unchanged: 1, failed: 1, errored: 1, skipped: 1, markers: report.markers.length });
    expect(report.files.map((file) => [file.file, file.status])).toEqual([
      ['src/broken.ts', 'failed'],
      ['src/bundle.js', 'skipped'],
      ['src/helpers.ts', 'unchanged'],
      ['src/tools.ts', 'changed'],
    ]);
    expect(report.files[0]?.reason).toMatch(/Unexpected token/);
    expect(report.files[1]?.reason).toBe('binary file');
    expect(report.markers.length).toBeGreaterThan(0);

    expect(result.stdout).toMatch(
      new RegExp(
        `^sessionkit-codemod all \\(dry run, nothing written\\): 4 files scanned, 1 changed, 1 unchanged, 1 skipped, 1 errored, ${report.markers.length} markers? left, \\d+\\.\\ds$`,
        'm',
      ),
    );
    expect(result.stdout).toContain('errored   src/broken.ts');
    expect(result.stdout).toContain(`changed   src/tools.ts  (${report.markers.length} marker${report.markers.length === 1 ? '' : 's'})`);
    expect(result.stdout).toContain('skipped   1 file: binary file');
    for (const marker of report.markers) expect(result.stdout).toContain(`  ${marker.file}:${marker.line}  ${marker.reason}`);
  });

  it('writes the migration, with markers on the lines it reports, exits 1 while markers are left, and a second run changes nothing', () => {
    const root = project({ 'src/tools.ts': CONSUMER, 'src/helpers.ts': 'export const twice = (n: number) => n * 2;\n' });
    const first = codemod(root, 'all', 'src', '--report', 'report.json');
    expect(first.status).toBe(1);
    const migrated = readFileSync(join(root, 'src/tools.ts'), 'utf8');
    expect(migrated).not.toBe(CONSUMER);
    expect(migrated).toContain("from '@sessionkit/core'");

    const report = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as Report;
    const lines = migrated.split('\n');
    for (const marker of report.markers) expect(lines[marker.line - 1]?.trim()).toBe(`// ${MARKER_PREFIX} ${marker.reason}`);

    const second = codemod(root, 'all', 'src');
    expect(second.status).toBe(1);
    expect(second.stdout).toContain('2 files scanned, 0 changed, 2 unchanged');
    expect(readFileSync(join(root, 'src/tools.ts'), 'utf8')).toBe(migrated);

    const clean = project({ 'src/open.ts': CLEAN });
    expect(codemod(clean, 'all', 'src').status).toBe(0);
  });

  it('a run after a marked site was fixed takes out the markers no longer true, and leaves the rest as they were', () => {
    const blocked = readFileSync(join(FIXTURES_DIR, 'all/blocked.input.ts'), 'utf8');
    const root = project({ 'src/report.ts': blocked });
    expect(codemod(root, 'all', 'src').status).toBe(1);
    const bridged = readFileSync(join(root, 'src/report.ts'), 'utf8');
    expect(bridged).toContain(`// ${MARKER_PREFIX} still uses the old API through @sessionkit/legacy-adapter`);
    // The user handles the marked site (the marker line above it left in place), then runs again.
    writeFileSync(
      join(root, 'src/report.ts'),
      bridged.replace('  return new SessionSecurity(id, session.clientBinding).getSecuritySummary();', '  return { id, topic: session.topic };'),
    );
    const again = codemod(root, 'all', 'src', '--report', 'report.json');
    expect(again.status).toBe(0);
    const migrated = readFileSync(join(root, 'src/report.ts'), 'utf8');
    expect(migrated).toContain("import { SimpleSessionManager } from '@sessionkit/core';");
    expect(migrated).not.toContain(MARKER_PREFIX);
    expect(migrated).toContain('// The security summary has no core counterpart: this file stays on the bridge, with a marker here.');
    expect((JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as Report).markers).toEqual([]);
    expect(codemod(root, 'all', 'src').stdout).toContain('1 files scanned, 0 changed, 1 unchanged');
  });

  it("--print (-p) writes each changed file's name and diff to stdout and the summary to stderr", () => {
    const root = project({ 'app.ts': OLD_IMPORT, 'other.ts': 'export const x = 1;\n' });
    for (const flags of [
      ['--dry', '--print'],
      ['-d', '-p'],
    ]) {
      const result = codemod(root, 'to-adapter', '.', ...flags);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(
        [
          'app.ts',
          '--- a/app.ts',
          '+++ b/app.ts',
          '@@ -1,3 +1,3 @@',
          "-import { SessionManager } from '@sessionkit/legacy';",
          "+import { SessionManager } from '@sessionkit/legacy-adapter';",
          ' export const manager = new SessionManager();',
          ' ',
          '',
        ].join('\n'),
      );
      expect(result.stderr).toContain('sessionkit-codemod to-adapter (dry run, nothing written): 2 files scanned, 1 changed');
    }
    expect(readFileSync(join(root, 'app.ts'), 'utf8')).toBe(OLD_IMPORT);
  });

  it('refuses to write into a git working tree with uncommitted changes, unless --force (a dry run, or remove-adapter without --write-markers, may)', () => {
    const root = project({ 'app.ts': OLD_IMPORT });
    rmSync(join(root, '.git'), { recursive: true, force: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'start');
    writeFileSync(join(root, 'notes.txt'), 'work in progress\n');
    const refused = codemod(root, 'to-adapter', 'app.ts');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes');
    expect(refused.stderr).toContain('?? notes.txt');
    expect(readFileSync(join(root, 'app.ts'), 'utf8')).toBe(OLD_IMPORT);
    expect(codemod(root, 'to-adapter', 'app.ts', '--dry').status).toBe(0);
    // remove-adapter writes nothing unless --write-markers: it reports on a dirty tree too.
    const reported = codemod(root, 'remove-adapter', 'app.ts');
    expect(reported.status).toBe(0);
    expect(reported.stderr).toBe('');
    expect(codemod(root, 'remove-adapter', 'app.ts', '--write-markers').status).toBe(2);
    expect(codemod(root, 'to-adapter', 'app.ts', '-f').status).toBe(0);
    expect(readFileSync(join(root, 'app.ts'), 'utf8')).toContain('@sessionkit/legacy-adapter');
    git('add', '.');
    git('commit', '-qm', 'bridge');
    expect(codemod(root, 'all', 'app.ts').status).toBe(0);
  });

  it("prints its version and each transform's own help", () => {
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) expect(codemod(tmpdir(), flag).stdout.trim()).toBe(manifest.version);
    const help = codemod(tmpdir(), 'all', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: sessionkit-codemod all <path\.\.\.> \[options\]/);
    expect(help.stdout).toContain(codemods.find((codemod) => codemod.name === 'all')?.description);
    expect(help.stdout).toContain('-f, --force');
    expect(help.stdout).toContain('exit codes: 0 done, 1 markers or errors left');
    // The bridge keeps the code, not every behaviour: the help says which difference to expect, and where the rest are listed.
    const bridge = codemod(tmpdir(), 'to-adapter', '--help');
    expect(bridge.stdout).not.toMatch(/no behaviour change|behaviour stays as it was/i);
    expect(bridge.stdout).toMatch(/except for the differences documented in\s+@sessionkit\/legacy-adapter's\s+README/);
    expect(bridge.stdout).toContain('session.version');
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
    expect(readFileSync(join(root, 'src/app.ts'), 'utf8')).toBe(
      "import { SimpleSessionManager } from './session_manager';\nexport const m = new SimpleSessionManager();\n",
    );
  });

  it('moves what files hand each other together, and keeps a group on the bridge as a whole when one of them cannot move', () => {
    const helper = [
      "import type { SessionData } from '@sessionkit/legacy';",
      'export function idOf(data: SessionData): string {',
      '  return data.sessionId;',
      '}',
      '',
    ].join('\n');
    const caller = [
      "import { SessionManager, getSessionData } from '@sessionkit/legacy';",
      "import { idOf } from './helper.js';",
      'export const manager = new SessionManager();',
      'export async function idFor(id: string): Promise<string | null> {',
      '  const session = await manager.getSession(id);',
      '  return session ? idOf(getSessionData(session.sessionId)) : null;',
      '}',
      '',
    ].join('\n');
    const stuck = caller
      .replace("getSessionData } from '@sessionkit/legacy';", "getSessionData, SessionSecurity } from '@sessionkit/legacy';")
      .replace('  return session ?', "  new SessionSecurity(id).recordSecurityEvent('looked_up', null);\n  return session ?");
    const root = project({ 'moves/helper.ts': helper, 'moves/caller.ts': caller, 'stays/helper.ts': helper, 'stays/caller.ts': stuck });
    const result = codemod(root, 'all', 'moves', 'stays', '--report', 'report.json');
    expect(result.status).toBe(1);
    // Both sides of the hand-over move to core's Session.
    expect(readFileSync(join(root, 'moves/helper.ts'), 'utf8')).toContain("import type { Session } from '@sessionkit/core';");
    expect(readFileSync(join(root, 'moves/caller.ts'), 'utf8')).toContain('return session ? idOf(session) : null;');
    // One site with no core counterpart keeps its group on the bridge, marked there and only there.
    const stayedHelper = readFileSync(join(root, 'stays/helper.ts'), 'utf8');
    const stayedCaller = readFileSync(join(root, 'stays/caller.ts'), 'utf8');
    expect(stayedHelper).toContain("import type { SessionData } from '@sessionkit/legacy-adapter';");
    expect(stayedCaller).toContain("from '@sessionkit/legacy-adapter';");
    expect(stayedCaller).toContain(`// ${MARKER_PREFIX} SessionSecurity#recordSecurityEvent has no core counterpart`);
    const report = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as Report;
    expect(report.markers.filter((marker) => marker.file.startsWith('moves/'))).toEqual([]);
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

  it('shows progress on stderr with --progress (and on a terminal), never otherwise; --cpus sets the workers', () => {
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, index) => [`src/file${index}.ts`, `export const n${index} = ${index};\n`]));
    const root = project(files);
    const result = codemod(root, 'all', 'src', '--dry', '--progress', '--cpus', '2');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('sessionkit-codemod: 60/60 files done');
    const quiet = codemod(root, 'all', 'src', '--dry');
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
  });
});

describe('a copy of the fixtures as a project', () => {
  it('migrates every input fixture through the CLI without a failure', () => {
    const root = mkdtempSync(join(tmpdir(), 'sessionkit-cli-fixtures-'));
    folders.push(root);
    cpSync(FIXTURES_DIR, join(root, 'fixtures'), { recursive: true, filter: (source) => !/\.output\./.test(source) && !source.endsWith('.json') });
    const result = codemod(root, 'all', 'fixtures', '--report', 'r.json');
    const report = JSON.parse(readFileSync(join(root, 'r.json'), 'utf8')) as Report;
    expect(result.stderr).toBe('');
    expect(report.totals['failed']).toBe(0);
    expect(report.totals['changed']).toBeGreaterThan(40);
  });
});
